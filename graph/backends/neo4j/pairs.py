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

from graph.backends.neo4j import queries as q
from graph.models import EVENT_TYPES, Event

TYPE_INDEX = {event_type: index for index, event_type in enumerate(EVENT_TYPES)}
MAX_WEIGHT = 9_999_999_999  # hkey holds MAX_WEIGHT - weight in 10 digits, so heavier sorts first
PairCounts = Counter[tuple[str, str, str]]  # (actor, other actor, event type) -> shared events


def weight_key(weight: int) -> str:
    """The hkey segment for a weight: heavier weights give smaller strings."""
    return f"{MAX_WEIGHT - weight:010d}"


def event_pairs(events: Iterable[Event]) -> PairCounts:
    """Ordered pairs of distinct actors in each event, by type (an actor with two roles counts once)."""
    pairs: PairCounts = Counter()
    for event in events:
        actors = list(dict.fromkeys(p.actor_id for p in event.participants))
        for a in actors:
            for b in actors:
                if a != b:
                    pairs[a, b, event.type] += 1
    return pairs


def stored_pairs(tx: neo4j.ManagedTransaction, event_ids: list[str]) -> PairCounts:
    """The pairs these events contribute as stored now (none for events not written yet)."""
    return Counter((r["a"], r["b"], r["type"]) for r in tx.run(q.STORED_EVENT_PAIRS, ids=event_ids))


def apply_pair_changes(tx: neo4j.ManagedTransaction, before: PairCounts, after: PairCounts) -> None:
    """Add `after - before` to the CO relationships; a pair whose weight drops to zero loses its CO."""
    delta = Counter(after)
    delta.subtract(before)
    counts: dict[tuple[str, str], list[int]] = {}
    for (a, b, event_type), n in delta.items():
        if n:
            counts.setdefault((a, b), [0] * len(EVENT_TYPES))[TYPE_INDEX[event_type]] += n
    rows = [{"a": a, "b": b, "weight": sum(by_type), "counts": by_type} for (a, b), by_type in counts.items()]
    if rows:
        tx.run(q.UPDATE_CO, rows=rows, zeros=[0] * len(EVENT_TYPES), sep=q.SEP, max_weight=MAX_WEIGHT).consume()


def type_counts(counts: list[int], types: Iterable[str] | None) -> list[tuple[str, int]]:
    """(type, shared events) from a CO counts list, for the wanted types (all when None)."""
    wanted = set(types) if types else None
    return [(event_type, n) for event_type, n in zip(EVENT_TYPES, counts, strict=False)
            if n > 0 and (wanted is None or event_type in wanted)]
