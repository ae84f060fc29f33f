"""Events: listings with the timeline filters, and one event with every reporting article."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from app.deps import StoreDep
from app.params import CursorQuery, FilterDep, LimitDep, OrderQuery
from app.responses import model_response
from graph.models import EventDetail, Page, TimelineItem

router = APIRouter(prefix="/v1/events", tags=["events"])


@router.get("", summary="Events matching the filters, newest first by default", response_model=Page[TimelineItem])
async def list_events(
    store: StoreDep, flt: FilterDep, limit: LimitDep,
    actor: Annotated[str | None, Query(max_length=200, description="Only events with this actor.")] = None,
    cursor: CursorQuery = None, order: OrderQuery = "newest",
) -> Response:
    flt.actor = actor
    return await model_response(store.events, flt, limit=limit, cursor=cursor, newest_first=order == "newest")


@router.get("/{event_id}", summary="One event with its actors and every reporting article with evidence")
def get_event(store: StoreDep, event_id: Annotated[str, Path(min_length=1, max_length=200)]) -> EventDetail:
    return store.get_event(event_id)
