"""`geokg ingest`: extract events from article files and load them into the configured store."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from graph.store import open_store
from ingest.runner import article_files, ingest, read_files


def _count_lines(files: list[Path]) -> int:
    total = 0
    for file in files:
        with file.open(encoding="utf-8") as stream:
            total += sum(1 for line in stream if line.strip())
    return total


def ingest_command(
    paths: list[Path] = typer.Argument(..., help="JSON Lines article files or directories of them."),
    batch_size: int = typer.Option(32, min=1, help="Articles extracted together."),
) -> None:
    """Extract events from articles and load them into the store (re-ingesting is safe)."""
    try:
        files = article_files(paths)
    except FileNotFoundError as exc:
        typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
        raise typer.Exit(2) from exc
    store = open_store()
    try:
        with Progress(TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      transient=True) as progress:
            task = progress.add_task("ingest", total=_count_lines(files))
            report = ingest(store, read_files(files), batch_size=batch_size,
                            on_article=lambda: progress.advance(task))
    finally:
        store.close()
    typer.echo(f"articles: {report.new} new, {report.updated} updated, {report.unchanged} unchanged; "
               f"events: {report.events_new} new, {report.events_merged} merged into existing ones", err=True)
    for problem in report.failed:
        typer.secho(f"skipped {problem}", fg=typer.colors.YELLOW, err=True)
    if report.failed and not report.articles:
        raise typer.Exit(1)
