"""`geokg neo4j start|stop|status`: the project's own Neo4j server (owned by the Neo4j backend)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from graph.backends.neo4j import server
from graph.settings import get_settings

cli = typer.Typer(help="Run a local Neo4j 5.26 Community server with Bolt on loopback.", no_args_is_help=True)

HomeOption = Annotated[Path | None, typer.Option("--home", help="Database directory (default: settings).")]


def _say(message: str) -> None:
    typer.echo(message, err=True)


@cli.command("start")
def start(
    port: Annotated[int | None, typer.Option("--port", help="Bolt port (default: settings, 7687).")] = None,
    home: HomeOption = None,
    heap: Annotated[str | None, typer.Option("--heap", help="JVM heap, e.g. 1g or 512m.")] = None,
    pagecache_mb: Annotated[int | None, typer.Option("--pagecache-mb", min=16,
                                                     help="Page cache in MB (default: settings).")] = None,
    foreground: Annotated[bool, typer.Option("--foreground", help="Stay attached until Ctrl-C.")] = False,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds to wait for readiness.")] = 180.0,
) -> None:
    """Start Neo4j detached (idempotent) and wait until it answers on Bolt."""
    config = server.config_from_settings(get_settings(), port=port, home=home, heap=heap,
                                         pagecache_mb=pagecache_mb)
    if foreground:
        raise typer.Exit(server.run_foreground(config, progress=_say))
    info = server.start(config, timeout_s=timeout, progress=_say)
    typer.echo(info.url)


@cli.command("stop")
def stop(
    home: HomeOption = None,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds before SIGKILL.")] = 60.0,
) -> None:
    """Stop the server running on this home (SIGTERM, then SIGKILL after the timeout)."""
    server.stop(server.config_from_settings(get_settings(), home=home), timeout_s=timeout, progress=_say)


@cli.command("status")
def status(
    home: HomeOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Say whether the server runs, its pid and Bolt URL, and whether it answers; exit 1 if not running."""
    report = server.status(server.config_from_settings(get_settings(), home=home))
    if as_json:
        typer.echo(json.dumps(report))
    elif report["running"]:
        answers = "answers queries" if report["answers"] else f"does not answer: {report['error']}"
        typer.echo(f"running: pid {report['pid']}, {report['url']}, home {report['home']}, {answers}")
    else:
        typer.echo(f"not running (home {report['home']})")
    if not report["running"] or not report["answers"]:
        raise typer.Exit(1)
