"""Exports for researchers, streamed: events as CSV / JSON Lines, the graph as GraphML / GEXF."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse

from app.deps import StoreDep
from app.params import FilterDep
from graph.export import csv_lines, graph_lines, iter_items, jsonl_lines
from graph.models import EventFilter, TimelineItem
from graph.store import GraphStore

router = APIRouter(prefix="/v1/export", tags=["exports"])

ActorQuery = Annotated[str | None, Query(max_length=200, description="Only events with this actor.")]
MAX_GRAPH_EVENTS = 200_000  # the graph formats are built in memory by networkx


def _media(media_type: str, example: str) -> dict[int | str, dict[str, Any]]:
    """The 200 answer as OpenAPI should document it: a download of this media type."""
    return {200: {"description": "A streamed download.",
                  "content": {media_type: {"schema": {"type": "string"}, "example": example}}}}


def _items(store: GraphStore, flt: EventFilter, actor: str | None, *,
           max_events: int | None = None) -> Iterator[TimelineItem]:
    """The matching events, with the first page read before the answer starts.

    A streamed answer sends its 200 before the body, so anything the store raises later can only cut
    the download short. Reading the first page here turns an unknown actor into a 404 and a store
    that is down into a 503, like every other endpoint."""
    flt.actor = actor
    items = iter_items(store, flt, max_events=max_events)
    first = next(items, None)
    return items if first is None else chain([first], items)


def _download(lines: Iterator[str], media_type: str, filename: str) -> StreamingResponse:
    return StreamingResponse(lines, media_type=media_type,
                             headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@router.get("/events.csv", summary="Events matching the filters as CSV (streamed)", response_class=StreamingResponse,
            responses=_media("text/csv", "event_id,type,date,...\n"))
def export_csv(store: StoreDep, flt: FilterDep, actor: ActorQuery = None) -> StreamingResponse:
    items = _items(store, flt, actor)
    return _download(csv_lines(items), "text/csv; charset=utf-8", "geokg-events.csv")


@router.get("/events.jsonl", summary="Events matching the filters as JSON Lines (streamed)",
            response_class=StreamingResponse, responses=_media("application/x-ndjson", '{"event": {...}}\n'))
def export_jsonl(store: StoreDep, flt: FilterDep, actor: ActorQuery = None) -> StreamingResponse:
    items = _items(store, flt, actor)
    return _download(jsonl_lines(items), "application/x-ndjson", "geokg-events.jsonl")


@router.get("/graph.{fmt}", summary="The actor-event graph as GraphML or GEXF", response_class=StreamingResponse,
            responses=_media("application/xml", "<graphml ...>"))
def export_graph(
    store: StoreDep, flt: FilterDep, fmt: Literal["graphml", "gexf"], actor: ActorQuery = None,
) -> StreamingResponse:
    items = _items(store, flt, actor, max_events=MAX_GRAPH_EVENTS)
    return _download(graph_lines(items, fmt), "application/xml", f"geokg-graph.{fmt}")
