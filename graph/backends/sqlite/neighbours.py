"""Where networks read co-participation from: the pair tables, or events when dates or status filter."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Sequence
from typing import Any, Protocol

from graph.algorithms import WeightedPair
from graph.backends.sqlite.rows import ids_param
from graph.models import EventFilter

PairTypes = dict[tuple[str, str], dict[str, int]]


class Neighbours(Protocol):
    def heaviest(self, actors: Sequence[str], *, min_weight: int, per_actor: int) -> list[WeightedPair]:
        """Edges from each actor: at least its `per_actor` heaviest (more is allowed)."""

    def among(self, actors: Sequence[str], *, min_weight: int) -> list[WeightedPair]:
        """Every edge between two of these actors, once, as (a, b, weight) with a < b."""

    def types(self, pairs: Sequence[tuple[str, str]]) -> PairTypes:
        """Shared events by type for these (a < b) pairs."""


def neighbours_for(conn: sqlite3.Connection, flt: EventFilter | None) -> Neighbours:
    """Pair tables unless the filter needs each event's date or status."""
    if flt and (flt.status or flt.date_from or flt.date_to):
        return EventNeighbours(conn, flt)
    return PairNeighbours(conn, list(flt.types) if flt and flt.types else None)


class PairNeighbours:
    """Reads pair_weights (all types) or pair_types (some types): cost grows with neighbours, not events."""

    def __init__(self, conn: sqlite3.Connection, types: list[str] | None) -> None:
        self.conn = conn
        self.type_filter = ids_param(types) if types else None

    def heaviest(self, actors: Sequence[str], *, min_weight: int, per_actor: int) -> list[WeightedPair]:
        if self.type_filter:
            return self.conn.execute(
                "SELECT actor_id, other_id, SUM(count) AS weight FROM pair_types "
                "WHERE actor_id IN (SELECT value FROM json_each(?)) AND type IN (SELECT value FROM json_each(?)) "
                "GROUP BY actor_id, other_id HAVING weight >= ?",
                (ids_param(actors), self.type_filter, min_weight)).fetchall()
        rows: list[WeightedPair] = []
        for actor in actors:  # one index range per actor, heaviest first
            rows += self.conn.execute(
                "SELECT actor_id, other_id, weight FROM pair_weights WHERE actor_id = ? AND weight >= ? "
                "ORDER BY weight DESC, other_id LIMIT ?", (actor, min_weight, per_actor)).fetchall()
        return rows

    def among(self, actors: Sequence[str], *, min_weight: int) -> list[WeightedPair]:
        ids = ids_param(actors)
        if self.type_filter:
            return self.conn.execute(
                "SELECT actor_id, other_id, SUM(count) AS weight FROM pair_types "
                "WHERE actor_id IN (SELECT value FROM json_each(?1)) AND other_id IN (SELECT value FROM json_each(?1)) "
                "AND actor_id < other_id AND type IN (SELECT value FROM json_each(?2)) "
                "GROUP BY actor_id, other_id HAVING weight >= ?3", (ids, self.type_filter, min_weight)).fetchall()
        return self.conn.execute(
            "SELECT actor_id, other_id, weight FROM pair_weights WHERE actor_id IN (SELECT value FROM json_each(?1)) "
            "AND other_id IN (SELECT value FROM json_each(?1)) AND actor_id < other_id AND weight >= ?2",
            (ids, min_weight)).fetchall()

    def types(self, pairs: Sequence[tuple[str, str]]) -> PairTypes:
        found: PairTypes = defaultdict(dict)
        sql = ("SELECT t.actor_id, t.other_id, t.type, t.count FROM json_each(?) j JOIN pair_types t "
               "ON t.actor_id = json_extract(j.value, '$[0]') AND t.other_id = json_extract(j.value, '$[1]')")
        params: tuple[Any, ...] = (json.dumps(pairs),)
        if self.type_filter:
            sql += " WHERE t.type IN (SELECT value FROM json_each(?))"
            params += (self.type_filter,)
        for a, b, event_type, count in self.conn.execute(sql, params):
            found[a, b][event_type] = count
        return found


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
        self._types: PairTypes = defaultdict(dict)

    def _edges(self, actors: Sequence[str], among: str) -> dict[tuple[str, str], int]:
        weights: dict[tuple[str, str], int] = defaultdict(int)
        sql = EVENT_EDGES.format(among=among, where=self.where)
        for a, b, event_type, count in self.conn.execute(sql, {**self.params, "ids": ids_param(actors)}):
            weights[a, b] += count
            self._types[min(a, b), max(a, b)][event_type] = count
        return weights

    def heaviest(self, actors: Sequence[str], *, min_weight: int, per_actor: int) -> list[WeightedPair]:
        return [(a, b, w) for (a, b), w in self._edges(actors, "").items() if w >= min_weight]

    def among(self, actors: Sequence[str], *, min_weight: int) -> list[WeightedPair]:
        among = " AND q.actor_id IN (SELECT value FROM json_each(:ids)) AND p.actor_id < q.actor_id"
        return [(a, b, w) for (a, b), w in self._edges(actors, among).items() if w >= min_weight]

    def types(self, pairs: Sequence[tuple[str, str]]) -> PairTypes:
        return {pair: self._types[pair] for pair in pairs}


def _timeline_conditions(flt: EventFilter) -> tuple[str, dict[str, Any]]:
    """Conditions on `participations p` for the filter fields a network honours."""
    clauses: list[str] = []
    params: dict[str, Any] = {}
    if flt.types:
        clauses.append("p.type IN (SELECT value FROM json_each(:types))")
        params["types"] = ids_param(flt.types)
    if flt.status:
        clauses.append("p.status = :status")
        params["status"] = flt.status
    if flt.date_from:
        clauses.append("p.sort_key >= :date_from")
        params["date_from"] = flt.date_from.isoformat()
    if flt.date_to:
        clauses.append("p.sort_key <= :date_to")
        params["date_to"] = flt.date_to.isoformat()
    return "".join(f" AND {clause}" for clause in clauses), params
