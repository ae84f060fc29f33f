"""`geokg stats`: counts of what the store holds."""

from __future__ import annotations

import json

import typer

from graph.store import open_store


def stats(as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table.")) -> None:
    """Print how many actors, events, articles and reports the configured store holds."""
    store = open_store()
    try:
        result = store.stats()
    finally:
        store.close()
    if as_json:
        typer.echo(json.dumps(result.model_dump(), indent=2))
        return
    typer.echo(f"store     {result.backend}")
    for name in ("actors", "events", "articles", "reports"):
        typer.echo(f"{name:<9} {getattr(result, name)}")
    for event_type, count in sorted(result.events_by_type.items()):
        typer.echo(f"  {event_type:<18} {count}")
