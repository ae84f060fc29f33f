"""Exports for researchers, streamed: events as CSV / JSON Lines, the graph as GraphML / GEXF."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse

from app.deps import StoreDep
from app.params import FilterDep
from graph.export import csv_lines, graph_lines, iter_items, jsonl_lines

router = APIRouter(prefix="/v1/export", tags=["exports"])

ActorQuery = Annotated[str | None, Query(max_length=200, description="Only events with this actor.")]
MAX_GRAPH_EVENTS = 200_000  # the graph formats are built in memory by networkx


def _download(lines: object, media_type: str, filename: str) -> StreamingResponse:
    return StreamingResponse(lines, media_type=media_type,  # type: ignore[arg-type]
                             headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@router.get("/events.csv", summary="Events matching the filters as CSV (streamed)")
def export_csv(store: StoreDep, flt: FilterDep, actor: ActorQuery = None) -> StreamingResponse:
    flt.actor = actor
    return _download(csv_lines(iter_items(store, flt)), "text/csv; charset=utf-8", "geokg-events.csv")


@router.get("/events.jsonl", summary="Events matching the filters as JSON Lines (streamed)")
def export_jsonl(store: StoreDep, flt: FilterDep, actor: ActorQuery = None) -> StreamingResponse:
    flt.actor = actor
    return _download(jsonl_lines(iter_items(store, flt)), "application/x-ndjson", "geokg-events.jsonl")


@router.get("/graph.{fmt}", summary="The actor-event graph as GraphML or GEXF")
def export_graph(
    store: StoreDep, flt: FilterDep, fmt: Literal["graphml", "gexf"], actor: ActorQuery = None,
) -> StreamingResponse:
    flt.actor = actor
    items = iter_items(store, flt, max_events=MAX_GRAPH_EVENTS)
    return _download(graph_lines(items, fmt), "application/xml", f"geokg-graph.{fmt}")
