"""Incremental upkeep of the co-participation tables (pair_types, pair_weights) on writes."""

from __future__ import annotations

import sqlite3
from collections import Counter

# One row per event and ordered pair of distinct actors in it (an actor with two roles counts once).
EVENT_PAIRS = """
SELECT DISTINCT p.event_id, p.actor_id, q.actor_id, p.type
FROM participations p JOIN participations q ON q.event_id = p.event_id AND q.actor_id != p.actor_id
WHERE p.event_id IN (SELECT value FROM json_each(?))"""

ADD_TYPE_COUNT = """
INSERT INTO pair_types (actor_id, other_id, type, count) VALUES (?, ?, ?, ?)
ON CONFLICT(actor_id, other_id, type) DO UPDATE SET count = count + excluded.count"""

ADD_WEIGHT = """
INSERT INTO pair_weights (actor_id, other_id, weight) VALUES (?, ?, ?)
ON CONFLICT(actor_id, other_id) DO UPDATE SET weight = weight + excluded.weight"""

def count_pairs(conn: sqlite3.Connection, event_ids: str) -> Counter[tuple[str, str, str]]:
    """How many of these events (a JSON id list) each ordered actor pair shares, by event type."""
    return Counter((a, b, event_type) for _, a, b, event_type in conn.execute(EVENT_PAIRS, (event_ids,)))

def apply_pair_changes(
    conn: sqlite3.Connection, before: Counter[tuple[str, str, str]], after: Counter[tuple[str, str, str]]
) -> None:
    """Move the pair tables from the `before` to the `after` contribution of the rewritten events."""
    delta = Counter(after)
    delta.subtract(before)
    by_type = [(a, b, event_type, n) for (a, b, event_type), n in delta.items() if n]
    weights: Counter[tuple[str, str]] = Counter()
    for a, b, _, n in by_type:
        weights[a, b] += n
    conn.executemany(ADD_TYPE_COUNT, by_type)
    conn.executemany(ADD_WEIGHT, [(a, b, n) for (a, b), n in weights.items() if n])
    if any(n < 0 for *_, n in by_type):
        conn.executemany("DELETE FROM pair_types WHERE actor_id = ? AND other_id = ? AND type = ? AND count <= 0",
                         [(a, b, event_type) for a, b, event_type, n in by_type if n < 0])
        conn.executemany("DELETE FROM pair_weights WHERE actor_id = ? AND other_id = ? AND weight <= 0",
                         [pair for pair, n in weights.items() if n < 0])

def remove_event_pairs(conn: sqlite3.Connection, event_ids: str) -> None:
    """Take these events' contribution out of the pair tables (call before deleting them)."""
    apply_pair_changes(conn, count_pairs(conn, event_ids), Counter())
