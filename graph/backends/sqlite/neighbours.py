"""Where networks read co-participation from: the `pairs` table, or events when dates or status filter."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Sequence
from operator import attrgetter
from typing import Any, Protocol

from graph.algorithms import WeightedPair
from graph.backends.sqlite.rows import filter_conditions, ids_param
from graph.bulk import EDGES, collector_paused
from graph.models import Edge, EventFilter


class Neighbours(Protocol):
    def heaviest(self, actors: Sequence[str], *, kept: Sequence[str], room: int, min_weight: int
                 ) -> list[WeightedPair]:
        """Edges from each actor to actors not in `kept`: at least its `room + 1` heaviest (more is fine).

        With no room left any one such edge will do: it only tells the network it was truncated."""

    def among(self, actors: Sequence[str], *, min_weight: int) -> list[Edge]:
        """Every edge between two of these actors (source < target), heaviest first."""


def neighbours_for(conn: sqlite3.Connection, flt: EventFilter | None) -> Neighbours:
    """The `pairs` table unless the filter needs each event's date or status."""
    if flt and (flt.status or flt.date_from or flt.date_to):
        return EventNeighbours(conn, flt)
    return PairNeighbours(conn, list(flt.types) if flt and flt.types else None)


# One primary-key probe per unordered pair of actors (CROSS JOIN fixes that plan): bounded by
# node_limit²/2, not by the graph; left to itself the planner scans every neighbour of each hub.
# The ids are sorted first, so the probes (and the edges) come in (source, target) order and only
# a stable sort by weight is left, cheaper in Python than SQLite's sorter moving every row.
# The edges come back as one JSON array, so Python parses once, not per edge; it is concatenated
# as text because `types` is stored as JSON already (json_object would reparse it), with each id
# quoted once, not once per edge.
PAIRS_AMONG = """
WITH k(id, quoted) AS MATERIALIZED (SELECT value, json_quote(value) FROM json_each(?1) ORDER BY value)
SELECT '[' || ifnull(group_concat('{"source":' || ka.quoted || ',"target":' || kb.quoted
                                 || ',"weight":' || p.weight || ',"types":' || p.types || '}', ','), '') || ']'
FROM k AS ka CROSS JOIN k AS kb CROSS JOIN pairs p
WHERE ka.id < kb.id AND p.actor_id = ka.id AND p.other_id = kb.id AND p.weight >= ?2"""


class PairNeighbours:
    """Reads `pairs`: cost grows with an actor's neighbours, not with its events."""

    def __init__(self, conn: sqlite3.Connection, types: list[str] | None) -> None:
        self.conn = conn
        self.types = set(types) if types else None

    def _weight(self, types: dict[str, int]) -> int:
        return sum(n for event_type, n in types.items() if self.types is None or event_type in self.types)

    def heaviest(self, actors: Sequence[str], *, kept: Sequence[str], room: int, min_weight: int
                 ) -> list[WeightedPair]:
        if self.types:  # weights by type are not indexed: read every neighbour of these actors
            rows = self.conn.execute(
                "SELECT actor_id, other_id, types FROM pairs WHERE actor_id IN (SELECT value FROM json_each(?))",
                (ids_param(actors),))
            weighted = ((a, b, self._weight(json.loads(types))) for a, b, types in rows)
            return [row for row in weighted if row[2] >= min_weight]
        found: list[WeightedPair] = []
        exclude = ids_param(kept)
        for actor in actors:  # one index range per actor, heaviest first, stopping after room + 1
            found += self.conn.execute(
                "SELECT actor_id, other_id, weight FROM pairs WHERE actor_id = ? AND weight >= ? "
                "AND other_id NOT IN (SELECT value FROM json_each(?)) ORDER BY weight DESC, other_id LIMIT ?",
                (actor, min_weight, exclude, room + 1)).fetchall()
            if found and room == 0:
                break
        return found

    def among(self, actors: Sequence[str], *, min_weight: int) -> list[Edge]:
        raw = self.conn.execute(PAIRS_AMONG, (ids_param(actors), min_weight)).fetchone()[0]
        with collector_paused():  # thousands of edges around a hub
            if self.types is None:
                edges = EDGES.validate_json(raw)  # parsed and validated in one pass, in Rust
                edges.sort(key=attrgetter("weight"), reverse=True)  # stable: ties stay in (source, target) order
                return edges
            typed = json.loads(raw)
            for edge in typed:
                edge["types"] = {t: n for t, n in edge["types"].items() if t in self.types}
                edge["weight"] = sum(edge["types"].values())
            return EDGES.validate_python(_heaviest_first([edge for edge in typed if edge["weight"] >= min_weight]))


EVENT_EDGES = """
SELECT p.actor_id, q.actor_id, p.type, COUNT(DISTINCT p.event_id)
FROM participations p JOIN participations q ON q.event_id = p.event_id AND q.actor_id != p.actor_id
WHERE p.actor_id IN (SELECT value FROM json_each(:ids)){among}{where}
GROUP BY p.actor_id, q.actor_id, p.type"""


class EventNeighbours:
    """Scans the actors' timelines with the filter applied; slower for busy actors, exact for any filter."""

    def __init__(self, conn: sqlite3.Connection, flt: EventFilter) -> None:
        self.conn = conn
        self.where, self.params = _timeline_conditions(flt)

    def _edges(self, actors: Sequence[str], among: str, min_weight: int) -> list[dict[str, Any]]:
        types: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
        sql = EVENT_EDGES.format(among=among, where=self.where)
        for a, b, event_type, count in self.conn.execute(sql, {**self.params, "ids": ids_param(actors)}):
            types[a, b][event_type] = count
        return [{"source": a, "target": b, "weight": sum(counts.values()), "types": dict(sorted(counts.items()))}
                for (a, b), counts in types.items() if sum(counts.values()) >= min_weight]

    def heaviest(self, actors: Sequence[str], *, kept: Sequence[str], room: int, min_weight: int
                 ) -> list[WeightedPair]:
        return [(edge["source"], edge["target"], edge["weight"]) for edge in self._edges(actors, "", min_weight)]

    def among(self, actors: Sequence[str], *, min_weight: int) -> list[Edge]:
        among = " AND q.actor_id IN (SELECT value FROM json_each(:ids)) AND p.actor_id < q.actor_id"
        return EDGES.validate_python(_heaviest_first(self._edges(actors, among, min_weight)))


def _heaviest_first(edges: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(edges, key=lambda edge: (-edge["weight"], edge["source"], edge["target"]))


def _timeline_conditions(flt: EventFilter) -> tuple[str, dict[str, Any]]:
    """Conditions on `participations p` for the filter fields a network honours."""
    clauses, params = filter_conditions(flt)
    return "".join(f" AND {clause}" for clause in clauses), params
