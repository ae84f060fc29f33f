"""Per-actor and per-pair aggregates: actor summaries and dyads, from the timeline index."""

from __future__ import annotations

import sqlite3

from graph.backends.sqlite.events import lighter_first, load_actors, require_actors
from graph.errors import InvalidInput
from graph.models import ActorSummary, Counterpart, Dyad

TOP_COUNTERPARTS = """
SELECT other_id, weight FROM pairs WHERE actor_id = ? ORDER BY weight DESC, other_id LIMIT ?"""

SHARED_EVENTS = """
SELECT DISTINCT p.event_id, p.type, p.sort_key FROM participations p
WHERE p.actor_id = ? AND EXISTS (SELECT 1 FROM participations q WHERE q.event_id = p.event_id AND q.actor_id = ?)"""


def actor_summary(conn: sqlite3.Connection, actor_id: str, *, top: int) -> ActorSummary:
    actor = require_actors(conn, actor_id)[actor_id]
    counts = {row[0]: row[1] for row in conn.execute(
        "SELECT type, COUNT(DISTINCT event_id) FROM participations WHERE actor_id = ? GROUP BY type "
        "ORDER BY type", (actor_id,))}
    first, last = conn.execute("SELECT MIN(sort_key), MAX(sort_key) FROM participations WHERE actor_id = ?",
                               (actor_id,)).fetchone()
    shared = conn.execute(TOP_COUNTERPARTS, (actor_id, max(top, 0))).fetchall()
    actors = load_actors(conn, (row[0] for row in shared))
    return ActorSummary(
        actor=actor, event_counts=counts, first_event=first, last_event=last,
        top_counterparts=[Counterpart(actor=actors[row[0]], events=row[1]) for row in shared],
    )


def dyad(conn: sqlite3.Connection, a: str, b: str) -> Dyad:
    if a == b:
        raise InvalidInput("a dyad needs two different actors")
    actors = require_actors(conn, a, b)
    by_type: dict[str, int] = {}
    by_year: dict[str, int] = {}
    keys = []
    for _, event_type, sort_key in conn.execute(SHARED_EVENTS, lighter_first(conn, a, b)):
        by_type[event_type] = by_type.get(event_type, 0) + 1
        by_year[sort_key[:4]] = by_year.get(sort_key[:4], 0) + 1
        keys.append(sort_key)
    return Dyad(
        a=actors[a], b=actors[b], counts_by_type=dict(sorted(by_type.items())),
        counts_by_year=dict(sorted(by_year.items())), first_contact=min(keys, default=None),
        last_contact=max(keys, default=None), total=len(keys),
    )
