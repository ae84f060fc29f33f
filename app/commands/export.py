"""`geokg export`: events as CSV / JSON Lines, or the actor-event graph as GraphML / GEXF."""

from __future__ import annotations

import sys
from contextlib import nullcontext
from datetime import date
from enum import StrEnum
from pathlib import Path

import typer

from graph.errors import InvalidInput
from graph.export import csv_lines, graph_lines, iter_items, jsonl_lines
from graph.models import EVENT_TYPES, EventFilter
from graph.store import open_store


class Format(StrEnum):
    csv = "csv"
    jsonl = "jsonl"
    graphml = "graphml"
    gexf = "gexf"


def export(
    fmt: Format = typer.Argument(..., help="csv, jsonl, graphml or gexf."),
    output: Path | None = typer.Option(None, "--output", "-o", help="File to write (default: standard output)."),
    actor: str | None = typer.Option(None, help="Only events with this actor id."),
    types: str | None = typer.Option(None, help="Comma-separated event types."),
    date_from: str | None = typer.Option(None, "--from", help="Earliest date, YYYY-MM-DD."),
    date_to: str | None = typer.Option(None, "--to", help="Latest date, YYYY-MM-DD."),
) -> None:
    """Export events (CSV, JSON Lines) or the actor-event graph (GraphML, GEXF) from the store."""
    wanted = [t.strip() for t in types.split(",")] if types else None
    if wanted and (unknown := [t for t in wanted if t not in EVENT_TYPES]):
        raise InvalidInput(f"unknown event type(s) {', '.join(unknown)}; valid: {', '.join(EVENT_TYPES)}")
    try:
        flt = EventFilter.model_validate({
            "actor": actor, "types": wanted,
            "date_from": date.fromisoformat(date_from) if date_from else None,
            "date_to": date.fromisoformat(date_to) if date_to else None,
        })
    except ValueError as exc:
        raise InvalidInput(f"bad --from/--to date: {exc}") from exc
    store = open_store()
    try:
        items = iter_items(store, flt)
        lines = {"csv": csv_lines, "jsonl": jsonl_lines}.get(fmt.value)
        chunks = lines(items) if lines else graph_lines(items, fmt.value)
        with output.open("w", encoding="utf-8", newline="") if output else nullcontext(sys.stdout) as out:
            for chunk in chunks:
                out.write(chunk)
    finally:
        store.close()
