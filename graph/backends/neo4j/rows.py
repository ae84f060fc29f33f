"""Conversions between models and Cypher parameters/records (JSON strings for mappings and roles)."""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

from graph.models import Actor, Article, Event

_WORD = re.compile(r"\w+")


def normalise_name(text: str) -> str:
    """Casefolded words without accents or punctuation: 'São  Tomé!' -> 'sao tome'.

    The same normalisation as the SQLite store, so both backends match the same names."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(_WORD.findall(plain.casefold()))


def actor_params(actor: Actor) -> dict[str, Any]:
    """One UNWIND row for an actor, with its distinct normalised names for search."""
    names: dict[str, str] = {}
    for name in (actor.name, *actor.aliases):
        norm = normalise_name(name)
        if norm:
            names.setdefault(norm, name)
    roles = [role.model_dump(exclude_defaults=True) for role in actor.roles]
    return {
        "id": actor.id, "name": actor.name, "kind": actor.kind, "country": actor.country,
        "aliases": list(actor.aliases), "roles": json.dumps(roles),
        "names": [{"norm": norm, "name": name} for norm, name in names.items()],
    }


def actor_fields(props: dict[str, Any]) -> dict[str, Any]:
    """An Actor as plain data, for validating many at once (roles are stored as a JSON string)."""
    return {"id": props["id"], "name": props["name"], "kind": props["kind"], "country": props.get("country"),
            "aliases": props.get("aliases") or [], "roles": json.loads(props.get("roles") or "[]")}


def actor_from_record(props: dict[str, Any]) -> Actor:
    return Actor.model_validate(actor_fields(props))


def article_params(article: Article) -> dict[str, Any]:
    return article.model_dump()


def article_from_record(props: dict[str, Any]) -> Article:
    return Article(
        id=props["id"], url=props.get("url"), source=props.get("source"), title=props.get("title"),
        published_at=props.get("published_at"), content_hash=props.get("content_hash"),
    )


def event_params(event: Event, *, now: str) -> dict[str, Any]:
    """One UNWIND row for an event; first_seen/reported_at are merged with stored values in Cypher."""
    place = event.place
    seen: set[tuple[str, str]] = set()
    first_of_actor: set[str] = set()
    participants = []
    for position, participant in enumerate(event.participants):
        key = (participant.actor_id, participant.role)
        if key in seen:  # the same actor in the same role twice is one participation
            continue
        seen.add(key)
        participants.append({"actor_id": participant.actor_id, "role": participant.role, "position": position,
                             "first": participant.actor_id not in first_of_actor})
        first_of_actor.add(participant.actor_id)
    return {
        "id": event.id, "type": event.type, "date": event.date or None, "date_precision": event.date_precision,
        "status": event.status, "place_name": place.name if place else None,
        "place_country": place.country if place else None,
        "place_norm": normalise_name(place.name) if place else None,
        "codes": json.dumps(event.codes), "attributes": json.dumps(event.attributes),
        "confidence": event.confidence, "first_seen": event.first_seen or now,
        "reported_at": event.reported_at or None, "participants": participants,
    }


def new_event_params(row: dict[str, Any], sep: str) -> dict[str, Any]:
    """An event_params row completed with the keys the store computes, for an event not stored yet."""
    sort_key = (row["date"] or row["reported_at"] or "0000-00-00")[:10]
    event_id = row["id"]
    participants = [{**part, "tkey": part["actor_id"] + sep + sort_key + sep + event_id if part["first"] else None}
                    for part in row["participants"]]
    return {
        **row, "participants": participants, "sort_key": sort_key, "okey": sort_key + sep + event_id,
        "plkey": row["place_norm"] + sep + sort_key + sep + event_id if row["place_norm"] is not None else None,
    }


def event_fields(props: dict[str, Any], participants: list[dict[str, Any]],
                 reports: list[dict[str, Any]]) -> dict[str, Any]:
    """An Event as plain data, for validating many at once (codes and attributes are JSON strings)."""
    return {
        "id": props["id"], "type": props["type"], "date": props.get("date"),
        "date_precision": props["date_precision"], "status": props["status"],
        "place": {"name": props["place_name"], "country": props.get("place_country")}
        if props.get("place_name") else None,
        "codes": json.loads(props["codes"]), "attributes": json.loads(props["attributes"]),
        "confidence": props["confidence"], "first_seen": props.get("first_seen"),
        "reported_at": props.get("reported_at"), "source_count": props.get("source_count") or 0,
        "participants": participants, "reports": reports,
    }

