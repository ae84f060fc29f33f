"""Incremental upkeep of the co-participation table `pairs` on every event write and deletion."""

from __future__ import annotations

import sqlite3
from collections import Counter

# One row per event and ordered pair of distinct actors in it (an actor with two roles counts once).
EVENT_PAIRS = """
SELECT DISTINCT p.event_id, p.actor_id, q.actor_id, p.type
FROM participations p JOIN participations q ON q.event_id = p.event_id AND q.actor_id != p.actor_id
WHERE p.event_id IN (SELECT value FROM json_each(?))"""

ADD_SHARED = """
INSERT INTO pairs (actor_id, other_id, weight, types) VALUES (:a, :b, :n, json_object(:type, :n))
ON CONFLICT(actor_id, other_id) DO UPDATE SET weight = weight + :n,
    types = json_set(types, '$.' || :type, coalesce(json_extract(types, '$.' || :type), 0) + :n)"""

DROP_EMPTY_TYPE = """
UPDATE pairs SET types = json_remove(types, '$.' || :type)
WHERE actor_id = :a AND other_id = :b AND json_extract(types, '$.' || :type) <= 0"""

DROP_EMPTY_PAIR = "DELETE FROM pairs WHERE actor_id = :a AND other_id = :b AND weight <= 0"

PairCounts = Counter[tuple[str, str, str]]


def count_pairs(conn: sqlite3.Connection, event_ids: str) -> PairCounts:
    """How many of these events (a JSON id list) each ordered actor pair shares, by event type."""
    return Counter((a, b, event_type) for _, a, b, event_type in conn.execute(EVENT_PAIRS, (event_ids,)))


def apply_pair_changes(conn: sqlite3.Connection, before: PairCounts, after: PairCounts) -> None:
    """Move `pairs` from the `before` to the `after` contribution of the rewritten events."""
    delta = Counter(after)
    delta.subtract(before)
    conn.executemany(ADD_SHARED, [{"a": a, "b": b, "type": event_type, "n": n}
                                  for (a, b, event_type), n in delta.items() if n])
    removals = [(a, b, event_type) for (a, b, event_type), n in delta.items() if n < 0]
    if removals:
        conn.executemany(DROP_EMPTY_TYPE, [{"a": a, "b": b, "type": t} for a, b, t in removals])
        conn.executemany(DROP_EMPTY_PAIR, [{"a": a, "b": b} for a, b, _ in removals])


def remove_event_pairs(conn: sqlite3.Connection, event_ids: str) -> None:
    """Take these events' contribution out of `pairs` (call before deleting them)."""
    apply_pair_changes(conn, count_pairs(conn, event_ids), Counter())
