"""Partial ISO dates (`2024-05-17`, `2024-05`, `2024`) and the day ranges they cover."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from graph.errors import InvalidInput

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
DateLike = dt.date | str | None


def check_partial(text: str) -> str:
    """The date back if it is `YYYY`, `YYYY-MM` or `YYYY-MM-DD` and real; InvalidInput otherwise."""
    match = _PARTIAL.match(text.strip())
    if not match:
        raise InvalidInput(f"bad date {text!r}: expected YYYY-MM-DD, YYYY-MM or YYYY")
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        dt.date(year or 1, month or 1, day or 1)
    except ValueError as exc:
        raise InvalidInput(f"bad date {text!r}: {exc}") from exc
    return text.strip()


def first_day(text: str) -> dt.date:
    """The earliest day a partial date can mean (used for term starts)."""
    year, month, day = _parts(text)
    return dt.date(year, month or 1, day or 1)


def last_day(text: str) -> dt.date:
    """The latest day a partial date can mean (used for term ends)."""
    year, month, day = _parts(text)
    month = month or 12
    return dt.date(year, month, day or calendar.monthrange(year, month)[1])


def is_day_precise(text: str | None) -> bool:
    """Whether a partial date names one day."""
    return bool(text) and len(text or "") == 10


def as_date(value: DateLike) -> dt.date | None:
    """A query date from a date, an ISO date or timestamp string (partial dates: their first day) or None."""
    if value is None or isinstance(value, dt.date):
        return value.date() if isinstance(value, dt.datetime) else value
    text = value.strip()
    if len(text) > 10 and text[10] in "T ":  # an ISO timestamp such as an article's published_at
        text = text[:10]
    return first_day(check_partial(text))


def _parts(text: str) -> tuple[int, int | None, int | None]:
    match = _PARTIAL.match(check_partial(text))
    assert match is not None  # checked above
    year, month, day = (int(g) if g else None for g in match.groups())
    return year or 1, month, day
