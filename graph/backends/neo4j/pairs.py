"""Upkeep of the co-participation relationships (Actor)-[:CO {weight, counts, hkey}]->(Actor).

Every write moves CO from the `before` to the `after` contribution of the events it rewrites, so
networks, paths and top counterparts read an actor's neighbours instead of all of its events.
`counts` holds shared events by type in EVENT_TYPES order; `hkey` orders an actor's neighbours
heaviest first in one relationship index.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import neo4j

from graph.algorithms import PairCounts
from graph.backends.neo4j import queries as q
from graph.models import EVENT_TYPES

TYPE_INDEX = {event_type: index for index, event_type in enumerate(EVENT_TYPES)}
MAX_WEIGHT = 9_999_999_999  # hkey holds MAX_WEIGHT - weight in 10 digits, so heavier sorts first


def weight_key(weight: int) -> str:
    """The hkey segment for a weight: heavier weights give smaller strings."""
    return f"{MAX_WEIGHT - weight:010d}"


def stored_pairs(tx: neo4j.ManagedTransaction, event_ids: list[str]) -> PairCounts:
    """The pairs these events contribute as stored now (none for events not written yet)."""
    return Counter((r["a"], r["b"], r["type"]) for r in tx.run(q.STORED_EVENT_PAIRS, ids=event_ids))


def hkey(a: str, b: str, weight: int) -> str:
    """The key that orders a's COs heaviest first, then by the other actor's id."""
    return a + q.SEP + weight_key(weight) + q.SEP + b


def apply_pair_changes(tx: neo4j.ManagedTransaction, before: PairCounts, after: PairCounts) -> None:
    """Add `after - before` to the CO relationships; a pair whose weight drops to zero loses its CO."""
    delta = Counter(after)
    delta.subtract(before)
    counts: dict[tuple[str, str], list[int]] = {}
    for (a, b, event_type), n in delta.items():
        if n:
            counts.setdefault((a, b), [0] * len(EVENT_TYPES))[TYPE_INDEX[event_type]] += n
    if not counts:
        return
    found = tx.run(q.EXISTING_CO, pkeys=[a + q.SEP + b for a, b in counts]).single(strict=True)["found"]
    existing = set(found)
    new, changed = [], []
    for (a, b), by_type in counts.items():
        row = {"a": a, "b": b, "pkey": a + q.SEP + b, "weight": sum(by_type), "counts": by_type}
        if row["pkey"] in existing:
            changed.append(row)
        else:
            new.append({**row, "hkey": hkey(a, b, sum(by_type))})
    if new:
        tx.run(q.CREATE_CO, rows=new).consume()
    if changed:
        tx.run(q.ADD_TO_CO, rows=changed, sep=q.SEP, max_weight=MAX_WEIGHT).consume()


def type_counts(counts: list[int], types: Iterable[str] | None) -> list[tuple[str, int]]:
    """(type, shared events) from a CO counts list, for the wanted types (all when None)."""
    wanted = set(types) if types else None
    return [(event_type, n) for event_type, n in zip(EVENT_TYPES, counts, strict=False)
            if n > 0 and (wanted is None or event_type in wanted)]
