"""What every source yields: an article, or a problem that names where it came from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pydantic import ValidationError

from ingest.articles import ArticleIn
from ingest.ids import article_id, content_hash


@dataclass(frozen=True)
class SourceProblem:
    """An input that could not become an article: the file, line or URL, and why."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


SourceItem = ArticleIn | SourceProblem


def iso_date(value: object) -> str | None:
    """A YAML/feed date value as an ISO string, or None when there is none."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).strip() or None


def make_article(fields: dict[str, Any], *, where: str) -> SourceItem:
    """An ArticleIn from loose fields, with an id derived from the URL or content when none is given."""
    text = str(fields.get("text") or "").strip()
    if not text:
        return SourceProblem(where, "no article text found")
    title = fields.get("title") or None
    given = fields.get("id")
    data = {
        "id": str(given) if given not in (None, "") else article_id(fields.get("url"), None, content_hash(title, text)),
        "text": text,
        "title": str(title).strip() if title else None,
        "published_at": iso_date(fields.get("published_at")),
        "source": fields.get("source") or None,
        "url": fields.get("url") or None,
    }
    try:
        return ArticleIn.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg'].removeprefix('Value error, ')}"
                             for e in exc.errors())
        return SourceProblem(where, f"invalid article: {problems}")
