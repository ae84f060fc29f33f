"""Incremental upkeep of the co-participation table `pairs` on every event write and deletion."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter

from graph.algorithms import PairCounts

# One row per event and ordered pair of distinct actors in it (an actor with two roles counts once).
EVENT_PAIRS = """
SELECT DISTINCT p.event_id, p.actor_id, q.actor_id, p.type
FROM participations p JOIN participations q ON q.event_id = p.event_id AND q.actor_id != p.actor_id
WHERE p.event_id IN (SELECT value FROM json_each(?))"""

# The whole batch in one statement: new pairs are inserted, known ones get their counts added
# type by type (types whose count drops to zero disappear), all inside SQLite.
ADD_TO_PAIRS = """
INSERT INTO pairs (actor_id, other_id, weight, types)
SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'),
       json_extract(value, '$[3]')
FROM json_each(?) WHERE true
ON CONFLICT(actor_id, other_id) DO UPDATE SET
    weight = weight + excluded.weight,
    types = (SELECT json_group_object(key, total) FROM (
        SELECT key, SUM(value) AS total FROM (
            SELECT key, value FROM json_each(pairs.types) UNION ALL SELECT key, value FROM json_each(excluded.types))
        GROUP BY key HAVING total > 0 ORDER BY key))"""



def stored_event_pairs(conn: sqlite3.Connection, event_ids: str) -> PairCounts:
    """How many of these stored events (a JSON id list) each ordered actor pair shares, by type."""
    return Counter((a, b, event_type) for _, a, b, event_type in conn.execute(EVENT_PAIRS, (event_ids,)))


def apply_pair_changes(conn: sqlite3.Connection, before: PairCounts, after: PairCounts) -> None:
    """Move `pairs` from the `before` to the `after` contribution of the rewritten events."""
    delta = after
    if before:
        delta = Counter(after)
        delta.subtract(before)
    by_pair: dict[tuple[str, str], dict[str, int]] = {}
    for (a, b, event_type), n in sorted(delta.items()):  # sorted: type keys are stored in order
        if n:
            change = by_pair.setdefault((a, b), {})
            change[event_type] = n
    if not by_pair:
        return
    conn.execute(ADD_TO_PAIRS, (json.dumps([[a, b, sum(change.values()), change]
                                            for (a, b), change in by_pair.items()]),))
    if before:  # only rewrites and deletions can empty a pair
        shrunk = [pair for pair, change in by_pair.items() if any(n < 0 for n in change.values())]
        conn.executemany("DELETE FROM pairs WHERE actor_id = ? AND other_id = ? AND weight <= 0", shrunk)


def remove_event_pairs(conn: sqlite3.Connection, event_ids: str) -> None:
    """Take these stored events' contribution out of `pairs` (call before deleting them)."""
    apply_pair_changes(conn, stored_event_pairs(conn, event_ids), Counter())
