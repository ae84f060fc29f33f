"""`geokg actors lookup|who|validate|stats`: the actor knowledge base from the command line."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from graph.models import Actor
from ingest.kb import default_kb
from ingest.kb.validate import validate_files

cli = typer.Typer(help="Look things up in the actor knowledge base.", no_args_is_help=True)

DateOption = Annotated[str | None, typer.Option("--date", "-d", help="YYYY-MM-DD (default: today).")]
CountryOption = Annotated[str | None, typer.Option("--country", "-c", help="ISO2, ISO3 or a name.")]


@cli.command()
def lookup(mention: Annotated[str, typer.Argument(help='e.g. "the Pentagon chief" or "Baku".')],
           date: DateOption = None, country: CountryOption = None) -> None:
    """Resolve a mention to an actor on a date."""
    found = default_kb().resolve(mention, country_hint=country, date=date)
    if found is None:
        typer.echo(f"no actor for {mention!r}")
        raise typer.Exit(1)
    typer.echo(_describe(found.actor))
    typer.echo(f"  how: {found.how}  score: {found.score}")
    typer.echo(f"  evidence: {found.evidence}")


@cli.command()
def who(role: Annotated[str, typer.Argument(help='A role key or phrase: "foreign minister", org_head.')],
        country: CountryOption = None,
        organisation: Annotated[str | None, typer.Option("--org", "-o", help="e.g. org:nato or NATO.")] = None,
        title: Annotated[str | None, typer.Option(help='Narrow by title words, e.g. "CIA".')] = None,
        date: DateOption = None) -> None:
    """List who held an office on a date."""
    holders = default_kb().holders(role, country=country, organisation=organisation, title=title, date=date)
    if not holders:
        typer.echo(f"nobody known as {role!r} there on that date")
        raise typer.Exit(1)
    for actor in holders:
        typer.echo(_describe(actor))
        for term in actor.roles:
            if (country is None or term.country) and (organisation is None or term.organisation):
                typer.echo(f"  {term.role} {term.country or term.organisation or ''} "
                           f"{term.start or '?'}..{term.end or 'present'} [{term.source}]")


@cli.command()
def validate(files: Annotated[list[Path] | None, typer.Argument(help="CSV files or directories "
                                                                "(default: the packaged data).")] = None) -> None:
    """Check data files: schema, dates, countries, role keys, overlapping terms."""
    problems = validate_files(files or None)
    for problem in problems:
        typer.echo(str(problem))
    if problems:
        typer.secho(f"{len(problems)} problem(s)", fg=typer.colors.RED, err=True)
        raise typer.Exit(1)
    typer.echo("ok")


@cli.command()
def stats() -> None:
    """Print the size of the knowledge base (packaged, learned and the user's files under the data dir)."""
    kb = default_kb()
    size = kb.size()
    typer.echo(f"countries: {size['countries']} ({size['countries_with_terms']} with terms of office)")
    typer.echo(f"organisations: {size['organisations']}")
    typer.echo(f"persons: {size['persons']}")
    typer.echo(f"terms of office: {size['terms']} (file {size['terms_file']}, learned {size['terms_learned']}, "
               f"user {size['terms_user']})")
    typer.echo(f"office titles: {size['titles']}")
    typer.echo(f"role phrases: {len(kb.role_phrases())}")
    typer.echo(f"surface forms: {len(kb.surface_forms())}")


def _describe(actor: Actor) -> str:
    where = f" [{actor.country}]" if actor.country and actor.kind != "country" else ""
    return f"{actor.id}  {actor.name} ({actor.kind}){where}"
