"""Plain text and Markdown files with optional YAML front matter (title, published_at, url, source)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ingest.sources.base import SourceItem, SourceProblem, make_article

FRONT_MATTER_KEYS = {"id", "title", "published_at", "url", "source"}
# Common spellings in static-site front matter, mapped to ours.
ALIASES = {"date": "published_at", "published": "published_at", "link": "url"}


def split_front_matter(content: str) -> tuple[dict[str, Any], str]:
    """The YAML mapping between leading `---` lines (empty if none) and the body after it."""
    lines = content.lstrip("\ufeff").splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return {}, content
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            meta = yaml.safe_load("".join(lines[1:end])) or {}
            if not isinstance(meta, dict):
                raise ValueError("front matter is not a mapping of keys to values")
            return meta, "".join(lines[end + 1:])
    raise ValueError("front matter starts with '---' but has no closing '---' line")


def article_from_text(content: str, *, where: str) -> SourceItem:
    """One article from a text document with optional front matter."""
    try:
        meta, body = split_front_matter(content)
    except (ValueError, yaml.YAMLError) as exc:
        return SourceProblem(where, f"bad front matter: {exc}")
    fields = {ALIASES.get(str(k).lower(), str(k).lower()): v for k, v in meta.items()}
    fields = {k: v for k, v in fields.items() if k in FRONT_MATTER_KEYS}
    return make_article({**fields, "text": body}, where=where)


def read_text_file(path: Path) -> SourceItem:
    """One article from a .txt or .md file."""
    try:
        content = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return SourceProblem(str(path), f"cannot read: {exc}")
    return article_from_text(content, where=str(path))
