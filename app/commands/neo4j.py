"""`geokg neo4j start|stop|status`: the project's own Neo4j server (owned by the Neo4j backend)."""

from __future__ import annotations

import typer

cli = typer.Typer(help="Run a local Neo4j 5.26 Community server with Bolt on loopback.", no_args_is_help=True)
