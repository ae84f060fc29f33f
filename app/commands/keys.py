"""`geokg keys`: make API keys for the write endpoints; only their sha256 digests go into settings."""

from __future__ import annotations

import typer

from app.auth import key_digest, new_key

cli = typer.Typer(help="API keys for the write endpoints (POST /v1/articles, /v1/jobs).", no_args_is_help=True)


@cli.command("new")
def new() -> None:
    """Print a new random key (give it to the client) and its digest (put it in GEOKG_API_KEYS)."""
    key = new_key()
    typer.echo(f"key:    {key}")
    typer.echo(f"digest: {key_digest(key)}")
    typer.echo(f'add to .env:  GEOKG_API_KEYS=\'["{key_digest(key)}"]\'', err=True)


@cli.command("hash")
def hash_key(key: str = typer.Argument(..., help="An existing key.")) -> None:
    """Print the digest of an existing key."""
    typer.echo(key_digest(key))
