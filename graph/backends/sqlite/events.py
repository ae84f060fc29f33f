"""Event reads: loading whole events, filtered and cursor-paginated listings, and event details."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

from graph.backends.sqlite import documents
from graph.backends.sqlite.rows import (
    article_from_row,
    filter_conditions,
    ids_param,
    normalise_name,
)
from graph.bulk import ACTORS, EVENTS
from graph.errors import InvalidInput, NotFound
from graph.models import (
    Actor,
    Event,
    EventDetail,
    EventFilter,
    Page,
    Source,
    TimelineItem,
)
from graph.pagination import decode_cursor, encode_cursor

# Parametrised once: pydantic may rebuild a generic model's class when it is subscripted per call.
TIMELINE_PAGE = Page[TimelineItem]


def load_actors(conn: sqlite3.Connection, actor_ids: Iterable[str]) -> dict[str, Actor]:
    raw = conn.execute(documents.ACTORS_BY_ID, (ids_param(set(actor_ids)),)).fetchone()[0]
    return {actor.id: actor for actor in ACTORS.validate_json(raw)}


def require_actors(conn: sqlite3.Connection, *actor_ids: str) -> dict[str, Actor]:
    """The actors by id; NotFound naming the first id the store does not hold."""
    actors = load_actors(conn, actor_ids)
    for actor_id in actor_ids:
        if actor_id not in actors:
            raise NotFound(f"unknown actor: {actor_id}")
    return actors


CAPPED_EVENT_COUNT = "SELECT COUNT(*) FROM (SELECT 1 FROM participations WHERE actor_id = ? LIMIT 2000)"


def lighter_first(conn: sqlite3.Connection, a: str, b: str) -> tuple[str, str]:
    """The pair ordered so the actor with fewer events comes first (its timeline is cheaper to scan)."""
    count_a, count_b = (conn.execute(CAPPED_EVENT_COUNT, (actor,)).fetchone()[0] for actor in (a, b))
    return (a, b) if count_a <= count_b else (b, a)


def load_events(conn: sqlite3.Connection, event_ids: Iterable[str]) -> dict[str, Event]:
    """Whole events (participants in their written order, reports by article) in one query."""
    raw = conn.execute(documents.EVENTS_BY_ID, (ids_param(event_ids),)).fetchone()[0]
    return {event.id: event for event in EVENTS.validate_json(raw)}


def _participant_actors(event: Event, actors: dict[str, Actor]) -> list[Actor]:
    ordered = dict.fromkeys(p.actor_id for p in event.participants)
    return [actors[actor_id] for actor_id in ordered if actor_id in actors]


def _page_query(flt: EventFilter, cursor: str | None, newest_first: bool) -> tuple[str, dict[str, Any]]:
    """SQL for one page of (sort_key, id), as a range scan of the narrowest index for the filter.

    A place filter walks that place's events; an actor filter walks the actor's timeline (with the
    event's type and status copied into it); otherwise all events in order."""
    actors = [actor for actor in (flt.actor, flt.counterpart) if actor]
    params: dict[str, Any] = {"place": normalise_name(flt.place) if flt.place else None}
    if actors and not flt.place:
        table, alias, ident = "participations", "p", "p.event_id"
        where = ["p.actor_id = :actor0"]
        others = actors[1:]
    else:
        table, alias, ident = "events", "p", "p.id"
        where = ["p.place_norm = :place"] if flt.place else []
        others = actors
    for index, actor in enumerate(actors):
        params[f"actor{index}"] = actor
    for index in range(len(actors) - len(others), len(actors)):
        where.append(f"EXISTS (SELECT 1 FROM participations q WHERE q.event_id = {ident} "
                     f"AND q.actor_id = :actor{index})")
    clauses, filter_params = filter_conditions(flt)
    where += clauses
    params.update(filter_params)
    if cursor:
        params["after_key"], params["after_id"] = decode_cursor(cursor)
        where.append(f"(p.sort_key, {ident}) {'<' if newest_first else '>'} (:after_key, :after_id)")
    direction = "DESC" if newest_first else "ASC"
    distinct = "DISTINCT " if table == "participations" else ""  # an actor may hold two roles in one event
    sql = (f"SELECT {distinct}p.sort_key AS sort_key, {ident} AS id FROM {table} {alias} "
           f"WHERE {' AND '.join(where) or '1'} ORDER BY p.sort_key {direction}, {ident} {direction} LIMIT :limit")
    return sql, params


def list_events(
    conn: sqlite3.Connection, flt: EventFilter, *, limit: int, cursor: str | None, newest_first: bool
) -> Page[TimelineItem]:
    if limit < 1:
        raise InvalidInput("limit must be at least 1")
    for actor_id in (flt.actor, flt.counterpart):
        if actor_id:
            require_actors(conn, actor_id)
    if flt.actor and flt.counterpart:  # walk the shorter of the two timelines
        actor, counterpart = lighter_first(conn, flt.actor, flt.counterpart)
        flt = flt.model_copy(update={"actor": actor, "counterpart": counterpart})
    sql, params = _page_query(flt, cursor, newest_first)
    rows = conn.execute(sql, {**params, "limit": limit + 1}).fetchall()
    page, more = rows[:limit], len(rows) > limit
    events = load_events(conn, [row["id"] for row in page])
    actors = load_actors(conn, (p.actor_id for event in events.values() for p in event.participants))
    items = []
    for row in page:
        event = events[row["id"]]
        evidence = event.reports[0] if event.reports else None
        items.append(TimelineItem(event=event, actors=_participant_actors(event, actors), evidence=evidence))
    next_cursor = encode_cursor(page[-1]["sort_key"], page[-1]["id"]) if more else None
    return TIMELINE_PAGE(items=items, next_cursor=next_cursor)


def event_detail(conn: sqlite3.Connection, event_id: str) -> EventDetail:
    event = load_events(conn, [event_id]).get(event_id)
    if event is None:
        raise NotFound(f"unknown event: {event_id}")
    actors = load_actors(conn, (p.actor_id for p in event.participants))
    articles = {row["id"]: article_from_row(row) for row in conn.execute(
        "SELECT * FROM articles WHERE id IN (SELECT value FROM json_each(?))",
        (ids_param(r.article_id for r in event.reports),))}
    sources = [Source(article=articles[r.article_id], sentence=r.sentence, start=r.start, end=r.end)
               for r in event.reports]
    return EventDetail(event=event, actors=_participant_actors(event, actors), sources=sources)
