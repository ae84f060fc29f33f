"""Reads of whole events, actors and articles, and cursor-paginated event listings."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import neo4j

from graph.backends.neo4j import queries as q
from graph.backends.neo4j.rows import actor_fields, article_from_record, event_fields, normalise_name
from graph.bulk import ACTORS, EVENTS, TIMELINE_ITEMS
from graph.errors import InvalidInput, NotFound
from graph.models import Actor, Event, EventDetail, EventFilter, Page, Source, TimelineItem
from graph.pagination import decode_cursor, encode_cursor

Tx = neo4j.ManagedTransaction


def load_actors(tx: Tx, actor_ids: Iterable[str]) -> dict[str, Actor]:
    """The actors among these ids that exist, in one query."""
    records = tx.run(q.GET_ACTORS, ids=sorted(set(actor_ids)))
    return {actor.id: actor for actor in ACTORS.validate_python([actor_fields(r["actor"]) for r in records])}


def require_actors(tx: Tx, *actor_ids: str) -> dict[str, Actor]:
    """The actors by id; NotFound naming the first id the store does not hold."""
    actors = load_actors(tx, actor_ids)
    for actor_id in actor_ids:
        if actor_id not in actors:
            raise NotFound(f"unknown actor: {actor_id}")
    return actors


def _event_and_actors(record: neo4j.Record) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """An event and its actors (each once, in the order of first participation) as plain data."""
    parts = record["participants"]
    event = event_fields(record["event"], [{"actor_id": props["id"], "role": role} for role, props in parts],
                         record["reports"])
    actors: dict[str, dict[str, Any]] = {}
    for _, props in parts:
        actors.setdefault(props["id"], props)
    return event, [actor_fields(props) for props in actors.values()]


def load_events(tx: Tx, event_ids: Iterable[str]) -> dict[str, Event]:
    """Whole events (participants in written order, reports by article id) in one query."""
    records = tx.run(q.LOAD_EVENTS, ids=sorted(set(event_ids)))
    events = EVENTS.validate_python([_event_and_actors(record)[0] for record in records])
    return {event.id: event for event in events}


def _bounds(flt: EventFilter, prefix: str, cursor: str | None, newest_first: bool) -> dict[str, str]:
    """The key range of a page: [lo, hi) from the dates and the prefix, narrowed past the cursor."""
    lo = prefix + (flt.date_from.isoformat() if flt.date_from else "")
    hi = prefix + (flt.date_to.isoformat() + q.AFTER_SEP if flt.date_to else "\uffff")
    after = ""
    if cursor:
        sort_key, event_id = decode_cursor(cursor)
        key = prefix + sort_key + q.SEP + event_id
        if newest_first:
            hi = min(hi, key)
        else:
            after = key
    return {"lo": lo, "hi": hi, "after": after}


def _lighter_first(tx: Tx, actors: list[str]) -> list[str]:
    """The actors ordered by how many events they take part in (the shortest timeline first)."""
    degrees = {record["id"]: record["n"] for record in tx.run(q.ACTOR_DEGREES, ids=actors)}
    return sorted(actors, key=lambda actor: degrees.get(actor, 0))


def list_events(tx: Tx, flt: EventFilter, *, limit: int, cursor: str | None, newest_first: bool
                ) -> Page[TimelineItem]:
    if limit < 1:
        raise InvalidInput("limit must be at least 1")
    actors = [actor_id for actor_id in (flt.actor, flt.counterpart) if actor_id]
    place = normalise_name(flt.place) if flt.place else None
    if place is not None:  # a place's events are few: walk them and check the actors
        query, prefix, others = q.PLACE_PAGE[newest_first], place + q.SEP, actors
    elif actors:  # walk the shorter timeline and check the other actor
        actors = _lighter_first(tx, actors) if len(actors) > 1 else actors
        query, prefix, others = q.TIMELINE_PAGE[newest_first], actors[0] + q.SEP, actors[1:]
    else:
        query, prefix, others = q.EVENTS_PAGE[newest_first], "", []
    params: dict[str, Any] = {
        "types": list(flt.types) if flt.types else None, "status": flt.status, "place": place,
        "others": others, "limit": limit + 1, **_bounds(flt, prefix, cursor, newest_first),
    }
    records = sorted(tx.run(query, params), key=lambda record: record["key"], reverse=newest_first)
    if not records:  # every event of a page involves its actors, so only an empty page can hide a bad id
        require_actors(tx, *actors)
    page, more = records[:limit], len(records) > limit
    rows = []
    for record in page:
        event, event_actors = _event_and_actors(record)
        rows.append({"event": event, "actors": event_actors,
                     "evidence": event["reports"][0] if event["reports"] else None})
    items = TIMELINE_ITEMS.validate_python(rows)  # one validation for the page, not a model per field
    next_cursor = encode_cursor(items[-1].event.sort_key, items[-1].event.id) if more else None
    return Page[TimelineItem](items=items, next_cursor=next_cursor)


def event_detail(tx: Tx, event_id: str) -> EventDetail:
    record = tx.run(q.LOAD_EVENTS, ids=[event_id]).single()
    if record is None:
        raise NotFound(f"unknown event: {event_id}")
    event_data, actor_data = _event_and_actors(record)
    event, actors = Event.model_validate(event_data), ACTORS.validate_python(actor_data)
    articles = {r["article"]["id"]: article_from_record(r["article"]) for r in tx.run(q.EVENT_SOURCES, id=event_id)}
    sources = [Source(article=articles[r.article_id], sentence=r.sentence, start=r.start, end=r.end)
               for r in event.reports]
    return EventDetail(event=event, actors=actors, sources=sources)
