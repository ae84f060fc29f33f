"""The `geokg` command line: one Typer app assembled from the command modules."""

from __future__ import annotations

import sys

import typer

from app.commands import actors, export, extract, ingest, jobs, keys, neo4j, serve, stats, watch, worker
from graph.errors import GeokgError

cli = typer.Typer(
    name="geokg",
    help="Geopolitical event knowledge graph: articles in, who did what with whom, when and where out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
cli.add_typer(neo4j.cli, name="neo4j")
cli.add_typer(actors.cli, name="actors")
cli.command("serve")(serve.serve)
cli.command("stats")(stats.stats)
cli.command("extract")(extract.extract)
cli.command("export")(export.export)
cli.command("ingest")(ingest.ingest_command)
cli.command("worker")(worker.worker_command)
cli.command("jobs")(jobs.jobs_command)
cli.command("watch")(watch.watch_command)
cli.add_typer(keys.cli, name="keys")


def main() -> None:
    """Entry point: run the CLI and turn geokg errors into one clear line and exit status 2."""
    try:
        cli()
    except GeokgError as exc:
        typer.secho(f"error: {exc.message}", fg=typer.colors.RED, err=True)
        sys.exit(2)
