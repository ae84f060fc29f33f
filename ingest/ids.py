"""Stable ids for articles and events, so re-ingesting the same input gives the same graph."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable


def _digest(*parts: str) -> str:
    return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=10).hexdigest()


def content_hash(title: str | None, text: str) -> str:
    """Hash of what an article says; whitespace differences do not count."""
    normal = " ".join(f"{title or ''}\n{text}".split())
    return hashlib.sha256(normal.encode()).hexdigest()


def article_id(url: str | None, given: str | None, text_hash: str) -> str:
    """The caller's id if any, else one derived from the URL, else from the content."""
    if given:
        return given
    return "art:" + _digest(url) if url else "art:" + text_hash[:20]


def event_id(event_type: str, actor_ids: Iterable[str], date: str | None, anchor: str) -> str:
    """Dated events are keyed by type, participants and date, so reports from several articles meet.

    Undated events are keyed by the reporting article (`anchor`); the loader merges them
    with a dated or undated twin explicitly when the merge rule allows."""
    key = [event_type, ",".join(sorted(set(actor_ids))), date or f"undated:{anchor}"]
    return "ev:" + _digest(*key)
