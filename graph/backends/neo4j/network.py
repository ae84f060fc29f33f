"""Actor summaries, dyads, ego networks and shortest paths over co-participation in events."""

from __future__ import annotations

from itertools import pairwise
from operator import itemgetter
from typing import Any

import neo4j

from graph.algorithms import EgoNetwork, WeightedPair, meeting_edges, shortest_paths
from graph.backends.neo4j import queries as q
from graph.backends.neo4j.pairs import TYPE_INDEX, weight_key
from graph.backends.neo4j.reads import load_events, require_actors
from graph.backends.neo4j.rows import actor_from_record
from graph.bulk import EDGES, collector_paused
from graph.errors import InvalidInput, NotFound
from graph.models import (
    EVENT_TYPES,
    ActorPath,
    ActorSummary,
    Counterpart,
    Dyad,
    Edge,
    EventFilter,
    PathStep,
    Subgraph,
)

Tx = neo4j.ManagedTransaction


def actor_summary(tx: Tx, actor_id: str, *, top: int) -> ActorSummary:
    record = tx.run(q.ACTOR_SUMMARY, id=actor_id, top=max(top, 0), sep=q.SEP, after_sep=q.AFTER_SEP).single()
    if record is None:
        raise NotFound(f"unknown actor: {actor_id}")
    actor = require_actors(tx, actor_id)[actor_id]
    return ActorSummary(
        actor=actor, event_counts=dict(record["counts"]), first_event=record["first"], last_event=record["last"],
        top_counterparts=[Counterpart(actor=actor_from_record(props), events=shared)
                          for props, shared in record["top"]],
    )


def dyad(tx: Tx, a: str, b: str) -> Dyad:
    if a == b:
        raise InvalidInput("a dyad needs two different actors")
    actors = require_actors(tx, a, b)
    by_type: dict[str, int] = {}
    by_year: dict[str, int] = {}
    keys = []
    for record in tx.run(q.SHARED_EVENTS, a=a, b=b):
        by_type[record["type"]] = by_type.get(record["type"], 0) + 1
        by_year[record["sort_key"][:4]] = by_year.get(record["sort_key"][:4], 0) + 1
        keys.append(record["sort_key"])
    return Dyad(
        a=actors[a], b=actors[b], counts_by_type=dict(sorted(by_type.items())),
        counts_by_year=dict(sorted(by_year.items())), first_contact=min(keys, default=None),
        last_contact=max(keys, default=None), total=len(keys),
    )


def _edge_filter(flt: EventFilter | None) -> dict[str, Any]:
    """Parameters for the filter fields a network honours (None: no restriction)."""
    return {
        "types": list(flt.types) if flt and flt.types else None,
        "status": flt.status if flt else None,
        "date_from": flt.date_from.isoformat() if flt and flt.date_from else None,
        "date_to": flt.date_to.isoformat() if flt and flt.date_to else None,
    }


def _best_new(tx: Tx, network: EgoNetwork, frontier: list[str], flt: EventFilter | None) -> list[WeightedPair]:
    """The strongest ties from the frontier to actors not kept yet, one row per actor, best first."""
    params: dict[str, Any] = {
        "ids": frontier, "kept": list(network.kept), "per_actor": network.node_limit + 1,
        "room": network.node_limit - len(network.kept) + 1, "min_weight": network.min_weight,
    }
    if flt and (flt.status or flt.date_from or flt.date_to):
        records = tx.run(q.HEAVIEST_BY_EVENTS, **params, **_edge_filter(flt))
    elif flt and flt.types:
        records = tx.run(q.HEAVIEST_CO_TYPED, **params, type_index=sorted(TYPE_INDEX[t] for t in set(flt.types)))
    else:
        records = tx.run(q.HEAVIEST_CO, **params, sep=q.SEP, below=weight_key(network.min_weight) + q.AFTER_SEP)
    # keep_layer reads only target and strength; the source of each strongest tie is not needed.
    return [(frontier[0], r["target"], r["strength"]) for r in records]


ALPHABETICAL_TYPES = sorted(range(len(EVENT_TYPES)), key=lambda index: EVENT_TYPES[index])


def _edges_among(tx: Tx, actors: list[str], flt: EventFilter | None, min_weight: int) -> list[Edge]:
    """Every edge among these actors (source < target) at or above min_weight, heaviest first."""
    ids = sorted(actors)
    record = tx.run(q.CO_AMONG, ids=ids, sep=q.SEP).single(strict=True)
    wanted = ({TYPE_INDEX[t] for t in flt.types} if flt and flt.types else set(TYPE_INDEX.values()))
    order = [index for index in ALPHABETICAL_TYPES if index in wanted]
    edges = []
    with collector_paused():  # thousands of edges around a hub
        for i, j, counts in zip(record["sources"], record["targets"], record["counts"], strict=True):
            types = {EVENT_TYPES[k]: counts[k] for k in order if counts[k] > 0}
            weight = sum(types.values())
            if weight >= min_weight:
                edges.append({"source": ids[i], "target": ids[j], "weight": weight, "types": types})
        edges.sort(key=itemgetter("weight"), reverse=True)  # stable: ties stay in (source, target) order
        return EDGES.validate_python(edges)


def _edges_by_events(tx: Tx, network: EgoNetwork, actors: list[str], flt: EventFilter) -> list[Edge]:
    """The edges among these actors counted from the events the filter's dates or status admit."""
    records = tx.run(q.EDGES_AMONG_BY_EVENTS, ids=actors, **_edge_filter(flt))
    network.add_edges((r["source"], r["target"], r["type"], r["n"]) for r in records)
    return network.edges()


def ego_network(tx: Tx, actor_id: str, *, depth: int, flt: EventFilter | None, min_weight: int,
                node_limit: int) -> Subgraph:
    if depth < 1 or min_weight < 1 or node_limit < 1:
        raise InvalidInput("depth, min_weight and node_limit must each be at least 1")
    network = EgoNetwork(actor_id, min_weight=min_weight, node_limit=node_limit)
    frontier = [actor_id]
    for _ in range(depth):
        frontier = network.keep_layer(_best_new(tx, network, frontier, flt))
        if not frontier or network.truncated:
            break
    kept = list(network.kept)
    if len(kept) < 2:
        edges: list[Edge] = []
    elif flt and (flt.status or flt.date_from or flt.date_to):
        edges = _edges_by_events(tx, network, kept, flt)
    else:
        edges = _edges_among(tx, kept, flt, min_weight)
    actors = require_actors(tx, *kept)  # an unknown centre has no neighbours: NotFound here
    return Subgraph(center=actor_id, nodes=[actors[node] for node in kept], edges=edges,
                    truncated=network.truncated, node_limit=node_limit)


def _bridges(tx: Tx, side: list[str], other: list[str]) -> list[tuple[str, str]]:
    """Pairs from one frontier straight into the other: pkey seeks if few pairs, else expansion."""
    query = q.BRIDGES_BY_SEEK if len(side) * len(other) <= q.MAX_BRIDGE_SEEKS else q.BRIDGES_BY_EXPAND
    return [(r["source"], r["target"]) for r in tx.run(query, side=side, other=other, sep=q.SEP)]


def _neighbours(tx: Tx, frontier: list[str]) -> list[tuple[str, str]]:
    return [(r["source"], r["target"]) for r in tx.run(q.NEIGHBOUR_PAIRS, ids=frontier)]


def actor_paths(tx: Tx, a: str, b: str, *, max_depth: int, limit: int) -> list[ActorPath]:
    if a == b:
        raise InvalidInput("a path needs two different actors")
    if max_depth < 1 or limit < 1:
        raise InvalidInput("max_depth and limit must each be at least 1")
    require_actors(tx, a, b)
    edges = meeting_edges(a, b, max_depth=max_depth, neighbours=lambda frontier: _neighbours(tx, frontier),
                          bridges=lambda side, other: _bridges(tx, side, other))
    routes = shortest_paths(edges, a, b, limit=limit)
    hops = sorted({(u, v) for route in routes for u, v in pairwise(route)})
    via = {(r["hop"][0], r["hop"][1]): r["event_id"]
           for r in tx.run(q.LATEST_SHARED_EVENTS, hops=[list(hop) for hop in hops], sep=q.SEP,
                                       after_sep=q.AFTER_SEP)}
    events = load_events(tx, set(via.values()))
    actors = require_actors(tx, *{actor for route in routes for actor in route})
    return [ActorPath(actors=[actors[actor] for actor in route],
                      steps=[PathStep(source=u, event=events[via[u, v]], target=v) for u, v in pairwise(route)])
            for route in routes]
