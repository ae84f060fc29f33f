"""The store contract, part 3: actor summaries, dyads, ego networks and paths."""

from __future__ import annotations

import random
from datetime import date

import networkx as nx
import pytest

from graph.errors import NotFound
from graph.models import EventFilter, Subgraph
from graph.store import GraphStore
from graph.synthetic import synthetic_batches
from tests.graph.fixtures import ARD, BRV, CAL, PORTS, QUIET, SOLEN, VEREK


def _edges(subgraph: Subgraph) -> dict[frozenset[str], int]:
    return {frozenset((edge.source, edge.target)): edge.weight for edge in subgraph.edges}


def _pair(a: str, b: str) -> frozenset[str]:
    return frozenset((a, b))


def test_actor_summary_counts_types_and_counterparts(world: GraphStore) -> None:
    summary = world.actor_summary(ARD)
    assert summary.actor.id == ARD
    assert summary.event_counts == {"agreement": 1, "call": 2, "meeting": 2, "prisoner_exchange": 1,
                                    "sanction": 1, "statement": 1}
    assert (summary.first_event, summary.last_event) == ("2021-01-10", "2025-03-03")
    assert summary.top_counterparts[0].actor.id == BRV
    assert {(c.actor.id, c.events) for c in summary.top_counterparts} == {(BRV, 7), (CAL, 1), (SOLEN, 1)}


def test_actor_summary_top_limits_counterparts(world: GraphStore) -> None:
    top = world.actor_summary(BRV, top=2).top_counterparts
    assert (top[0].actor.id, top[0].events) == (ARD, 7)
    assert (len(top), top[1].events) == (2, 2)
    assert top[1].actor.id in {CAL, VEREK}  # tied on two shared events each


def test_actor_summary_of_actor_without_events_is_empty(world: GraphStore) -> None:
    summary = world.actor_summary(QUIET)
    assert (summary.event_counts, summary.top_counterparts) == ({}, [])
    assert (summary.first_event, summary.last_event) == (None, None)


def test_actor_summary_unknown_actor_raises_not_found(world: GraphStore) -> None:
    with pytest.raises(NotFound):
        world.actor_summary("country:NOWHERE")


def test_dyad_counts_shared_history(world: GraphStore) -> None:
    dyad = world.dyad(ARD, BRV)
    assert (dyad.a.id, dyad.b.id, dyad.total) == (ARD, BRV, 7)
    assert dyad.counts_by_type == {"agreement": 1, "call": 2, "meeting": 2, "prisoner_exchange": 1,
                                   "sanction": 1}
    assert dyad.counts_by_year == {"2021": 2, "2022": 2, "2023": 1, "2024": 1, "2025": 1}
    assert (dyad.first_contact, dyad.last_contact) == ("2021-01-10", "2025-03-03")


def test_dyad_is_symmetric(world: GraphStore) -> None:
    forward, backward = world.dyad(BRV, VEREK), world.dyad(VEREK, BRV)
    assert forward.counts_by_type == backward.counts_by_type == {"appointment": 1, "dismissal": 1}
    assert forward.total == backward.total == 2


def test_dyad_without_contact_is_empty(world: GraphStore) -> None:
    dyad = world.dyad(QUIET, ARD)
    assert (dyad.total, dyad.counts_by_type, dyad.counts_by_year) == (0, {}, {})
    assert (dyad.first_contact, dyad.last_contact) == (None, None)


def test_dyad_unknown_actor_raises_not_found(world: GraphStore) -> None:
    with pytest.raises(NotFound):
        world.dyad(ARD, "country:NOWHERE")


def test_network_depth_one_has_neighbours_and_edges_among_them(world: GraphStore) -> None:
    network = world.network(ARD)
    assert network.center == ARD
    assert network.nodes[0].id == ARD
    assert {node.id for node in network.nodes} == {ARD, BRV, CAL, SOLEN}
    assert _edges(network) == {_pair(ARD, BRV): 7, _pair(ARD, CAL): 1, _pair(ARD, SOLEN): 1,
                               _pair(BRV, CAL): 2, _pair(BRV, SOLEN): 1}
    assert network.truncated is False


def test_network_edge_types_count_shared_events_by_type(world: GraphStore) -> None:
    edge = next(e for e in world.network(ARD).edges if {e.source, e.target} == {ARD, BRV})
    assert edge.types == {"agreement": 1, "call": 2, "meeting": 2, "prisoner_exchange": 1, "sanction": 1}


def test_network_depth_two_reaches_neighbours_of_neighbours(world: GraphStore) -> None:
    network = world.network(ARD, depth=2)
    assert {node.id for node in network.nodes} == {ARD, BRV, CAL, SOLEN, VEREK, PORTS}
    assert {node.id for node in network.nodes[:4]} == {ARD, BRV, CAL, SOLEN}  # nearest first
    edges = _edges(network)
    assert len(edges) == 8
    assert (edges[_pair(BRV, VEREK)], edges[_pair(SOLEN, VEREK)], edges[_pair(CAL, PORTS)]) == (2, 1, 1)


def test_network_min_weight_drops_light_edges_and_their_nodes(world: GraphStore) -> None:
    shallow = world.network(ARD, min_weight=2)
    assert [node.id for node in shallow.nodes] == [ARD, BRV]
    assert _edges(shallow) == {_pair(ARD, BRV): 7}
    deep = world.network(ARD, depth=2, min_weight=2)
    assert {node.id for node in deep.nodes} == {ARD, BRV, CAL, VEREK}
    assert _edges(deep) == {_pair(ARD, BRV): 7, _pair(BRV, CAL): 2, _pair(BRV, VEREK): 2}


def test_network_node_limit_keeps_heaviest_and_flags_truncation(world: GraphStore) -> None:
    network = world.network(ARD, node_limit=2)
    assert [node.id for node in network.nodes] == [ARD, BRV]
    assert _edges(network) == {_pair(ARD, BRV): 7}
    assert (network.truncated, network.node_limit) == (True, 2)
    assert world.network(ARD, depth=2, node_limit=4).truncated is True
    assert len(world.network(ARD, depth=2, node_limit=4).nodes) == 4


def test_network_filter_restricts_edges(world: GraphStore) -> None:
    calls = world.network(ARD, depth=2, flt=EventFilter(types=["call"]))
    assert {node.id for node in calls.nodes} == {ARD, BRV}
    assert [(e.weight, e.types) for e in calls.edges] == [(2, {"call": 2})]
    early = world.network(ARD, flt=EventFilter(date_to=date(2021, 12, 31)))
    assert _edges(early) == {_pair(ARD, BRV): 2}
    planned = world.network(BRV, flt=EventFilter(status="planned", date_from=date(2025, 1, 1)))
    assert _edges(planned) == {_pair(ARD, BRV): 1}


def test_network_of_isolated_actor_is_just_the_actor(world: GraphStore) -> None:
    network = world.network(QUIET, depth=2)
    assert ([node.id for node in network.nodes], network.edges, network.truncated) == ([QUIET], [], False)


def test_network_unknown_actor_raises_not_found(world: GraphStore) -> None:
    with pytest.raises(NotFound):
        world.network("country:NOWHERE")


def test_paths_finds_the_shortest_route_with_events(world: GraphStore) -> None:
    [path] = world.paths(ARD, PORTS)
    assert [actor.id for actor in path.actors] == [ARD, CAL, PORTS]
    assert [(step.source, step.event.id, step.target) for step in path.steps] == [(ARD, "e07", CAL),
                                                                                   (CAL, "e11", PORTS)]


def test_paths_returns_every_shortest_route_up_to_limit(world: GraphStore) -> None:
    paths = world.paths(ARD, VEREK)
    assert sorted([actor.id for actor in path.actors] for path in paths) == [[ARD, BRV, VEREK],
                                                                            [ARD, SOLEN, VEREK]]
    for path in paths:
        for step in path.steps:
            assert {step.source, step.target} <= {p.actor_id for p in step.event.participants}
    assert len(world.paths(ARD, VEREK, limit=1)) == 1


def test_paths_longer_than_max_depth_are_not_found(world: GraphStore) -> None:
    assert world.paths(ARD, PORTS, max_depth=1) == []
    assert len(world.paths(SOLEN, PORTS, max_depth=3)) == 2  # via Ardenia or Borvia, then Calteria
    assert world.paths(SOLEN, PORTS, max_depth=2) == []


def test_paths_between_neighbours_is_one_hop_through_latest_event(world: GraphStore) -> None:
    [path] = world.paths(VEREK, BRV)
    assert [actor.id for actor in path.actors] == [VEREK, BRV]
    assert path.steps[0].event.id == "e12"  # the latest of their shared events


def test_paths_to_unconnected_actor_are_empty(world: GraphStore) -> None:
    assert world.paths(ARD, QUIET) == []


def test_paths_unknown_actor_raises_not_found(world: GraphStore) -> None:
    with pytest.raises(NotFound):
        world.paths(ARD, "country:NOWHERE")


def _load_synthetic(store: GraphStore, n_events: int, seed: int) -> nx.Graph:
    """Write a synthetic graph into the store; returns its co-participation graph, weighted by shared events."""
    graph = nx.Graph()
    for batch in synthetic_batches(n_events, seed=seed):
        batch.write_to(store)
        for event in batch.events:
            actors = sorted({p.actor_id for p in event.participants})
            for i, a in enumerate(actors):
                for b in actors[i + 1:]:
                    weight = graph.get_edge_data(a, b, {"weight": 0})["weight"]
                    graph.add_edge(a, b, weight=weight + 1)
    return graph


def test_paths_agree_with_networkx_on_a_synthetic_graph(store: GraphStore) -> None:
    graph = _load_synthetic(store, 1500, seed=11)
    rng = random.Random(5)
    nodes = sorted(graph.nodes)
    checked = 0
    for a, b in (rng.sample(nodes, 2) for _ in range(25)):
        expected = sorted(nx.all_shortest_paths(graph, a, b)) if nx.has_path(graph, a, b) else []
        if expected and len(expected[0]) - 1 > 3:
            expected = []
        assert len(expected) < 100  # so a limit of 100 returns every shortest path
        found = sorted([actor.id for actor in path.actors] for path in store.paths(a, b, max_depth=3, limit=100))
        assert found == expected
        checked += bool(expected)
    assert checked >= 10  # most sampled pairs are connected within three hops


@pytest.mark.parametrize(("depth", "min_weight"), [(1, 1), (2, 1), (2, 3)])
def test_network_agrees_with_networkx_on_a_synthetic_graph(store: GraphStore, depth: int, min_weight: int) -> None:
    graph = _load_synthetic(store, 1500, seed=13)
    heavy = nx.Graph([(a, b, d) for a, b, d in graph.edges(data=True) if d["weight"] >= min_weight])
    for center in sorted(graph.nodes)[::15]:
        network = store.network(center, depth=depth, min_weight=min_weight, node_limit=1000)
        expected = set(nx.ego_graph(heavy, center, radius=depth)) if center in heavy else {center}
        assert {node.id for node in network.nodes} == expected
        assert {(e.source, e.target): e.weight for e in network.edges} == {
            tuple(sorted((a, b))): d["weight"] for a, b, d in heavy.subgraph(expected).edges(data=True)}
        assert network.truncated is False
