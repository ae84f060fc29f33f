"""Ego networks and shortest paths, grown breadth-first over the `pairs` table in batched SQL."""

from __future__ import annotations

import sqlite3
from itertools import pairwise

from graph.algorithms import EgoNetwork, meeting_edges, shortest_paths
from graph.backends.sqlite.events import lighter_first, load_events, require_actors
from graph.backends.sqlite.neighbours import neighbours_for
from graph.backends.sqlite.rows import ids_param
from graph.errors import InvalidInput
from graph.models import ActorPath, EventFilter, PathStep, Subgraph

NEIGHBOUR_PAIRS = "SELECT actor_id, other_id FROM pairs WHERE actor_id IN (SELECT value FROM json_each(?))"

# Bridges between two frontiers: one key probe per pair (CROSS JOIN fixes the plan) when there are
# few pairs, else a scan of one side's neighbours ("+" keeps SQLite from probing) against the other.
BRIDGES_BY_PROBE = """
WITH s(id) AS MATERIALIZED (SELECT value FROM json_each(?1)), o(id) AS MATERIALIZED (SELECT value FROM json_each(?2))
SELECT p.actor_id, p.other_id FROM s CROSS JOIN o CROSS JOIN pairs p WHERE p.actor_id = s.id AND p.other_id = o.id"""
BRIDGES_BY_SCAN = """
SELECT actor_id, other_id FROM pairs
WHERE actor_id IN (SELECT value FROM json_each(?1)) AND +other_id IN (SELECT value FROM json_each(?2))"""
MAX_BRIDGE_PROBES = 20_000

LATEST_SHARED_EVENT = """
SELECT p.event_id FROM participations p
WHERE p.actor_id = ? AND EXISTS (SELECT 1 FROM participations q WHERE q.event_id = p.event_id AND q.actor_id = ?)
ORDER BY p.sort_key DESC, p.event_id DESC LIMIT 1"""


def ego_network(
    conn: sqlite3.Connection, actor_id: str, *, depth: int, flt: EventFilter | None, min_weight: int,
    node_limit: int,
) -> Subgraph:
    if depth < 1 or min_weight < 1 or node_limit < 1:
        raise InvalidInput("depth, min_weight and node_limit must each be at least 1")
    require_actors(conn, actor_id)
    source = neighbours_for(conn, flt)
    network = EgoNetwork(actor_id, min_weight=min_weight, node_limit=node_limit)
    frontier = [actor_id]
    for _ in range(depth):
        rows = source.heaviest(frontier, kept=list(network.kept), room=network.room, min_weight=min_weight)
        frontier = network.keep_layer(rows)
        if not frontier or network.truncated:
            break
    kept = list(network.kept)
    edges = source.among(kept, min_weight=min_weight) if len(kept) > 1 else []
    actors = require_actors(conn, *kept)
    return Subgraph(center=actor_id, nodes=[actors[node] for node in kept], edges=edges,
                    truncated=network.truncated, node_limit=node_limit)


def _bridges(conn: sqlite3.Connection, side: list[str], other: list[str]) -> list[tuple[str, str]]:
    """Edges from one BFS frontier straight into the other: key probes if few pairs, else a scan."""
    sql = BRIDGES_BY_PROBE if len(side) * len(other) <= MAX_BRIDGE_PROBES else BRIDGES_BY_SCAN
    return [(source, target) for source, target in conn.execute(sql, (ids_param(side), ids_param(other)))]


def actor_paths(conn: sqlite3.Connection, a: str, b: str, *, max_depth: int, limit: int) -> list[ActorPath]:
    if a == b:
        raise InvalidInput("a path needs two different actors")
    if max_depth < 1 or limit < 1:
        raise InvalidInput("max_depth and limit must each be at least 1")
    require_actors(conn, a, b)
    edges = meeting_edges(a, b, max_depth=max_depth,
                          neighbours=lambda frontier: conn.execute(NEIGHBOUR_PAIRS, (ids_param(frontier),)),
                          bridges=lambda side, other: _bridges(conn, side, other))
    routes = shortest_paths(edges, a, b, limit=limit)
    hops = {(u, v) for route in routes for u, v in pairwise(route)}
    via = {hop: conn.execute(LATEST_SHARED_EVENT, lighter_first(conn, *hop)).fetchone()[0] for hop in sorted(hops)}
    events = load_events(conn, sorted(set(via.values())))
    actors = require_actors(conn, *{actor for route in routes for actor in route})
    return [ActorPath(actors=[actors[actor] for actor in route],
                      steps=[PathStep(source=u, event=events[via[u, v]], target=v) for u, v in pairwise(route)])
            for route in routes]
