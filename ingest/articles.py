"""The input article model and a JSON Lines reader that reports each bad line by number."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from graph.errors import InvalidInput

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


class ArticleIn(BaseModel):
    """One article to extract events from; only `id` and `text` are required."""

    model_config = ConfigDict(extra="ignore")

    id: str = Field(min_length=1, max_length=200)
    text: str = Field(min_length=1)
    title: str | None = None
    published_at: str | None = None
    source: str | None = None
    url: str | None = None

    @field_validator("id", mode="before")
    @classmethod
    def _id_as_text(cls, value: object) -> object:
        return str(value) if isinstance(value, int) else value

    @field_validator("published_at")
    @classmethod
    def _check_date(cls, value: str | None) -> str | None:
        if value in (None, ""):
            return None
        if not _ISO_DATE.match(value):
            raise ValueError(f"published_at {value!r} is not an ISO date (YYYY-MM-DD[THH:MM:SS])")
        try:
            datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise ValueError(f"published_at {value!r} is not a valid ISO date") from None
        return value

    @property
    def published_date(self) -> date | None:
        """The publication day, the anchor for relative dates."""
        return date.fromisoformat(self.published_at[:10]) if self.published_at else None


@dataclass(frozen=True)
class BadLine:
    """A line that could not be read as an article, with the reason."""

    line: int
    message: str


def parse_article(raw: str, line: int = 0) -> ArticleIn:
    """Parse one JSON line into an article, raising InvalidInput that names the line."""
    where = f"line {line}: " if line else ""
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InvalidInput(f"{where}malformed JSON ({exc.msg} at column {exc.colno})") from exc
    if not isinstance(data, dict):
        raise InvalidInput(f"{where}expected a JSON object, got {type(data).__name__}")
    try:
        return ArticleIn.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'article'}: {_short(err)}" for err in exc.errors()
        )
        ident = f" (id {data['id']!r})" if isinstance(data.get("id"), str) else ""
        raise InvalidInput(f"{where}invalid article{ident}: {problems}") from exc


def _short(err: object) -> str:
    assert isinstance(err, dict)
    if err.get("type") == "missing":
        return "missing"
    return str(err.get("msg", "invalid")).removeprefix("Value error, ")


def read_articles(lines: Iterable[str]) -> Iterator[ArticleIn | BadLine]:
    """Yield an article or a BadLine for every non-blank line, in order."""
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            yield parse_article(raw, number)
        except InvalidInput as exc:
            yield BadLine(number, exc.message)
