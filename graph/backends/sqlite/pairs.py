"""Incremental upkeep of the co-participation table `pairs` on every event write and deletion."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable

from graph.models import Event

# One row per event and ordered pair of distinct actors in it (an actor with two roles counts once).
EVENT_PAIRS = """
SELECT DISTINCT p.event_id, p.actor_id, q.actor_id, p.type
FROM participations p JOIN participations q ON q.event_id = p.event_id AND q.actor_id != p.actor_id
WHERE p.event_id IN (SELECT value FROM json_each(?))"""

STORED_PAIRS = """
SELECT actor_id, other_id, weight, types FROM json_each(?) j
JOIN pairs ON actor_id = json_extract(j.value, '$[0]') AND other_id = json_extract(j.value, '$[1]')"""

WRITE_PAIR = """
INSERT INTO pairs (actor_id, other_id, weight, types) VALUES (?, ?, ?, ?)
ON CONFLICT(actor_id, other_id) DO UPDATE SET weight = excluded.weight, types = excluded.types"""

PairCounts = Counter[tuple[str, str, str]]


def stored_event_pairs(conn: sqlite3.Connection, event_ids: str) -> PairCounts:
    """How many of these stored events (a JSON id list) each ordered actor pair shares, by type."""
    return Counter((a, b, event_type) for _, a, b, event_type in conn.execute(EVENT_PAIRS, (event_ids,)))


def event_pairs(events: Iterable[Event]) -> PairCounts:
    """The same count for events about to be written, from their participants."""
    counts: PairCounts = Counter()
    for event in events:
        actors = list(dict.fromkeys(p.actor_id for p in event.participants))
        for a in actors:
            for b in actors:
                if a != b:
                    counts[a, b, event.type] += 1
    return counts


def apply_pair_changes(conn: sqlite3.Connection, before: PairCounts, after: PairCounts) -> None:
    """Move `pairs` from the `before` to the `after` contribution of the rewritten events."""
    delta = after
    if before:
        delta = Counter(after)
        delta.subtract(before)
    by_pair: dict[tuple[str, str], dict[str, int]] = {}
    for (a, b, event_type), n in delta.items():
        if n:
            change = by_pair.setdefault((a, b), {})
            change[event_type] = change.get(event_type, 0) + n
    if not by_pair:
        return
    stored = {(a, b): types for a, b, _, types in conn.execute(STORED_PAIRS, (json.dumps(list(by_pair)),))}
    writes, emptied = [], []
    for (a, b), change in by_pair.items():
        types = json.loads(stored[a, b]) if (a, b) in stored else {}
        for event_type, n in change.items():
            types[event_type] = types.get(event_type, 0) + n
        kept = {event_type: types[event_type] for event_type in sorted(types) if types[event_type] > 0}
        if kept:
            writes.append((a, b, sum(kept.values()), json.dumps(kept)))
        else:
            emptied.append((a, b))
    conn.executemany(WRITE_PAIR, writes)
    conn.executemany("DELETE FROM pairs WHERE actor_id = ? AND other_id = ?", emptied)


def remove_event_pairs(conn: sqlite3.Connection, event_ids: str) -> None:
    """Take these stored events' contribution out of `pairs` (call before deleting them)."""
    apply_pair_changes(conn, stored_event_pairs(conn, event_ids), Counter())
