"""Conversions between models and SQLite rows (JSON columns for lists and mappings)."""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from typing import Any

from graph.models import Actor, Article, Event, EventFilter

_WORD = re.compile(r"\w+")


def normalise_name(text: str) -> str:
    """Casefolded words without accents or punctuation: 'São  Tomé!' -> 'sao tome'."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(_WORD.findall(plain.casefold()))


def ids_param(ids: Any) -> str:
    """A list of ids as one JSON parameter, read in SQL with json_each (no variable limits)."""
    return json.dumps(list(ids))


def actor_params(actor: Actor) -> tuple[Any, ...]:
    roles = [role.model_dump(exclude_defaults=True) for role in actor.roles]
    return (actor.id, actor.name, actor.kind, actor.country, json.dumps(actor.aliases), json.dumps(roles))




def article_params(article: Article) -> tuple[Any, ...]:
    return (article.id, article.url, article.source, article.title, article.published_at, article.content_hash)


def article_from_row(row: sqlite3.Row) -> Article:
    return Article(
        id=row["id"], url=row["url"], source=row["source"], title=row["title"],
        published_at=row["published_at"], content_hash=row["content_hash"],
    )


def event_params(event: Event) -> tuple[Any, ...]:
    """Values for the events table; first_seen and reported_at must already be merged."""
    place = event.place
    return (
        event.id, event.type, event.date, event.date_precision, event.status,
        place.name if place else None, place.country if place else None,
        normalise_name(place.name) if place else None,
        json.dumps(event.codes) if event.codes else "{}",
        json.dumps(event.attributes) if event.attributes else "{}", event.confidence,
        event.first_seen, event.reported_at, event.sort_key,
    )






def filter_conditions(flt: EventFilter) -> tuple[list[str], dict[str, Any]]:
    """SQL conditions on a row aliased `p` (with type, status, sort_key) for a filter's type, status and dates."""
    clauses: list[str] = []
    params: dict[str, Any] = {}
    if flt.types:
        clauses.append("p.type IN (SELECT value FROM json_each(:types))")
        params["types"] = ids_param(flt.types)
    if flt.status:
        clauses.append("p.status = :status")
        params["status"] = flt.status
    if flt.date_from:
        clauses.append("p.sort_key >= :date_from")
        params["date_from"] = flt.date_from.isoformat()
    if flt.date_to:
        clauses.append("p.sort_key <= :date_to")
        params["date_to"] = flt.date_to.isoformat()
    return clauses, params
