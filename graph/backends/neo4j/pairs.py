"""Upkeep of the co-participation relationships (Actor)-[:CO {weight, counts, hkey}]->(Actor).

Every write moves CO from the `before` to the `after` contribution of the events it rewrites, so
networks, paths and top counterparts read an actor's neighbours instead of all of its events.
`counts` holds shared events by type in EVENT_TYPES order; `hkey` orders an actor's neighbours
heaviest first in one relationship index.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

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


@dataclass
class PairChanges:
    """CO rows to create and CO relationships (by element id) to add to, for one write."""

    new: list[dict[str, Any]] = field(default_factory=list)
    changed: list[dict[str, Any]] = field(default_factory=list)


def plan_pair_changes(tx: neo4j.ManagedTransaction, before: PairCounts, after: PairCounts) -> PairChanges:
    """Find the COs that `after - before` touches; call before the transaction writes anything.

    A relationship index seek in a transaction that has already changed relationships costs time
    in proportion to those changes (the kernel merges them into every seek), so the COs are looked
    up first and later updated by element id."""
    delta = Counter(after)
    delta.subtract(before)
    counts: dict[tuple[str, str], list[int]] = {}
    for (a, b, event_type), n in delta.items():
        if n:
            counts.setdefault((a, b), [0] * len(EVENT_TYPES))[TYPE_INDEX[event_type]] += n
    changes = PairChanges()
    if not counts:
        return changes
    record = tx.run(q.EXISTING_CO, pkeys=[a + q.SEP + b for a, b in counts]).single(strict=True)
    existing = dict(zip(record["found"], record["rids"], strict=True))
    for (a, b), by_type in counts.items():
        row = {"a": a, "b": b, "pkey": a + q.SEP + b, "weight": sum(by_type), "counts": by_type}
        rid = existing.get(row["pkey"])
        if rid is not None:
            changes.changed.append({**row, "rid": rid})
            continue
        twin_key = b + q.SEP + a
        new_twin = twin_key not in existing and counts.get((b, a)) == by_type
        if new_twin and a > b:  # created with (b, a), which matches up both nodes once
            continue
        twins = [{"pkey": twin_key, "hkey": hkey(b, a, sum(by_type))}] if new_twin else []
        changes.new.append({**row, "hkey": hkey(a, b, sum(by_type)), "twins": twins})
    return changes


def write_pair_changes(tx: neo4j.ManagedTransaction, changes: PairChanges) -> None:
    """Create the new COs and add to the others; a CO whose weight drops to zero is deleted."""
    if changes.new:
        tx.run(q.CREATE_CO, rows=changes.new).consume()
    if changes.changed:
        tx.run(q.ADD_TO_CO, rows=changes.changed, sep=q.SEP, max_weight=MAX_WEIGHT).consume()
