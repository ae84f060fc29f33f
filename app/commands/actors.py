"""`geokg actors lookup|who|validate`: the actor knowledge base from the command line."""

from __future__ import annotations

import typer

cli = typer.Typer(help="Look things up in the actor knowledge base.", no_args_is_help=True)
