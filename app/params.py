"""Query parameters shared by several routes, validated once."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import Depends, Query

from app.deps import SettingsDep
from graph.errors import InvalidInput, TooLarge
from graph.models import EVENT_TYPES, EventFilter, EventType, Status

Order = Literal["newest", "oldest"]


def parse_types(types: str | None) -> list[EventType] | None:
    """'call,visit' -> ['call', 'visit']; unknown names are a 422 that lists the valid ones."""
    if not types:
        return None
    names = [t.strip() for t in types.split(",") if t.strip()]
    unknown = [t for t in names if t not in EVENT_TYPES]
    if unknown:
        raise InvalidInput(f"unknown event type(s) {', '.join(unknown)}; valid: {', '.join(EVENT_TYPES)}")
    return names  # type: ignore[return-value]


async def event_filter(
    date_from: Annotated[date | None, Query(alias="from", description="Earliest date (ISO), inclusive.")] = None,
    date_to: Annotated[date | None, Query(alias="to", description="Latest date (ISO), inclusive.")] = None,
    types: Annotated[str | None, Query(description="Comma-separated event types, e.g. call,visit.")] = None,
    counterpart: Annotated[str | None, Query(max_length=200, description="Only events with this actor too.")] = None,
    status: Annotated[Status | None, Query(description="occurred or planned.")] = None,
    place: Annotated[str | None, Query(max_length=200, description="Place name, case-insensitive.")] = None,
) -> EventFilter:
    if date_from and date_to and date_from > date_to:
        raise InvalidInput("'from' is after 'to'")
    return EventFilter(
        counterpart=counterpart, types=parse_types(types), status=status, place=place,
        date_from=date_from, date_to=date_to,
    )


FilterDep = Annotated[EventFilter, Depends(event_filter)]


async def page_limit(
    settings: SettingsDep,
    limit: Annotated[int, Query(ge=1, description="Items per page.")] = 50,
) -> int:
    if limit > settings.max_page_size:
        raise TooLarge(f"limit {limit} is over the maximum page size {settings.max_page_size}")
    return limit


LimitDep = Annotated[int, Depends(page_limit)]
CursorQuery = Annotated[str | None, Query(max_length=1000, description="next_cursor of the previous page.")]
OrderQuery = Annotated[Order, Query(description="newest (default) or oldest first.")]
