"""Exports for researchers: events as CSV or JSON Lines (streamed page by page) and the
actor-event graph as GraphML or GEXF (networkx writers)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

import networkx as nx

from graph.models import EventFilter, TimelineItem
from graph.store import GraphStore

CSV_COLUMNS = [
    "event_id", "type", "date", "date_precision", "status", "place", "place_country",
    "participants", "participant_ids", "roles", "source_count", "confidence", "cameo", "plover",
    "evidence", "first_article",
]
PAGE = 500


def iter_items(store: GraphStore, flt: EventFilter, *, max_events: int | None = None) -> Iterator[TimelineItem]:
    """Every event matching the filter, oldest first, fetched one store page at a time."""
    cursor: str | None = None
    served = 0
    while True:
        page = store.events(flt, limit=PAGE, cursor=cursor, newest_first=False)
        for item in page.items:
            if max_events is not None and served >= max_events:
                return
            served += 1
            yield item
        if not page.next_cursor:
            return
        cursor = page.next_cursor


def _csv_row(item: TimelineItem) -> list[str | int | float]:
    event, names = item.event, {a.id: a.name for a in item.actors}
    return [
        event.id, event.type, event.date or "", event.date_precision, event.status,
        event.place.name if event.place else "", (event.place.country or "") if event.place else "",
        "; ".join(names.get(p.actor_id, p.actor_id) for p in event.participants),
        "; ".join(p.actor_id for p in event.participants),
        "; ".join(p.role for p in event.participants),
        event.source_count, event.confidence, event.codes.get("cameo", ""), event.codes.get("plover", ""),
        item.evidence.sentence if item.evidence else "", item.evidence.article_id if item.evidence else "",
    ]


def csv_lines(items: Iterator[TimelineItem]) -> Iterator[str]:
    """CSV text, a header then one row per event, yielded in chunks."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for n, item in enumerate(items, 1):
        writer.writerow(_csv_row(item))
        if n % 200 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def jsonl_lines(items: Iterator[TimelineItem]) -> Iterator[str]:
    """One JSON object per event: the event with its participants' names and one evidence sentence."""
    for item in items:
        yield json.dumps(item.model_dump(mode="json"), ensure_ascii=False) + "\n"


def build_graph(items: Iterator[TimelineItem]) -> nx.Graph:
    """The bipartite actor-event graph: actor and event nodes, participation edges with roles."""
    graph = nx.Graph()
    for item in items:
        event = item.event
        graph.add_node(event.id, node_type="event", type=event.type, date=event.date or "",
                       status=event.status, place=event.place.name if event.place else "",
                       source_count=event.source_count, label=f"{event.type} {event.date or ''}".strip())
        for actor in item.actors:
            graph.add_node(actor.id, node_type="actor", kind=actor.kind, label=actor.name,
                           country=actor.country or "")
        for participant in event.participants:
            graph.add_edge(participant.actor_id, event.id, role=participant.role)
    return graph


def graph_lines(items: Iterator[TimelineItem], fmt: str) -> Iterator[str]:
    """GraphML or GEXF text of the actor-event graph."""
    graph = build_graph(items)
    lines = nx.generate_graphml(graph) if fmt == "graphml" else nx.generate_gexf(graph)
    for line in lines:
        yield line + "\n"
