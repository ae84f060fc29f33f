"""Clean stage: blank out page furniture (breadcrumbs, bylines, captions, footers) keeping offsets."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from ingest.stages.types import Context

RULES = Path(__file__).resolve().parent.parent / "rules" / "boilerplate.yaml"
_LINE = re.compile(r"[^\n]*")
_SPACE_RUNS = re.compile(r"[ \t\u00a0]+")


@lru_cache(maxsize=1)
def _patterns() -> tuple[list[re.Pattern[str]], list[re.Pattern[str]], re.Pattern[str]]:
    data = yaml.safe_load(RULES.read_text(encoding="utf-8"))
    lines = [re.compile(p, re.IGNORECASE) for p in data["lines"]]
    prefixes = [re.compile(p) for p in data["prefixes"]]
    return lines, prefixes, re.compile(data["dateline"])


def _blank(text: str, start: int, end: int) -> str:
    # Spaces, not deletion: evidence offsets must stay offsets into the original text.
    return text[:start] + " " * (end - start) + text[end:]


def clean_text(text: str) -> str:
    """The text with boilerplate lines and prefixes replaced by spaces (same length)."""
    lines, prefixes, dateline = _patterns()
    out = text.replace("\r", "\n")
    for match in _LINE.finditer(text):
        start, end = match.span()
        line = out[start:end]
        if not line.strip():
            continue
        if any(p.search(line) for p in lines):
            out = _blank(out, start, end)
            continue
        for pattern in prefixes:
            hit = pattern.match(line)
            if hit:
                out = _blank(out, start, start + hit.end())
                line = out[start:end]
        hit = dateline.match(line)
        if hit and hit.group(1).strip().isupper():
            out = _blank(out, start, start + hit.end())
    return out


def clean(contexts: list[Context], resources: object) -> None:
    """Stage: fill each context's cleaned text and publication date."""
    for ctx in contexts:
        ctx.text = clean_text(ctx.article.text)
        ctx.published = ctx.article.published_date
