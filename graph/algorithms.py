"""Graph logic on subgraphs already fetched from a store: ego-network growth and shortest paths."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from itertools import islice

import networkx as nx

from graph.models import Edge, Event

# (actor, other actor, event type) -> how many events of that type the ordered pair shares
PairCounts = Counter[tuple[str, str, str]]
# (actor, other actor, event type, number of distinct shared events of that type)
NeighbourRow = tuple[str, str, str, int]
# (actor, other actor, number of distinct events they share)
WeightedPair = tuple[str, str, int]
# Actor pairs that share events, each from a given actor to its neighbour
Pairs = Iterable[tuple[str, str]]


def event_pairs(events: Iterable[Event]) -> PairCounts:
    """Ordered pairs of distinct actors in each event, by type (an actor with two roles counts once).

    Both backends keep these counts as a pair summary (networks, paths and counterparts read it)."""
    counts: PairCounts = Counter()
    for event in events:
        actors = list(dict.fromkeys(p.actor_id for p in event.participants))
        for a in actors:
            for b in actors:
                if a != b:
                    counts[a, b, event.type] += 1
    return counts


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


class EgoNetwork:
    """Grows an ego network layer by layer, keeping the nearest and most strongly tied nodes first.

    A candidate's strength is its heaviest edge into the layer that reached it, so a store may send
    only each frontier node's `room + 1` heaviest neighbours outside `kept` (`keep_layer`) and still
    get the exact selection and `truncated` flag.
    """

    def __init__(self, center: str, *, min_weight: int, node_limit: int) -> None:
        self.center = center
        self.min_weight = min_weight
        self.node_limit = node_limit
        self.kept: dict[str, int] = {center: 0}  # actor -> hops from the centre, in keeping order
        self.truncated = False
        self._hops = 0
        self._types: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)

    def add_edges(self, rows: Iterable[NeighbourRow]) -> None:
        """Record co-participation counts by type; the same pair seen from both ends is stored once."""
        for source, target, event_type, count in rows:
            self._types[_pair(source, target)][event_type] = count

    def add_layer(self, frontier: list[str], rows: Iterable[NeighbourRow]) -> list[str]:
        """Record all of the frontier's edges and keep the best new neighbours; returns the new layer."""
        rows = list(rows)
        self.add_edges(rows)
        weights = {(source, target): self.weight(source, target) for source, target, _, _ in rows}
        return self.keep_layer((source, target, weight) for (source, target), weight in weights.items())

    def keep_layer(self, rows: Iterable[WeightedPair]) -> list[str]:
        """Keep the best new neighbours of the last layer, given its (heaviest) edges; returns them."""
        self._hops += 1
        strength: dict[str, int] = {}
        kept, min_weight = self.kept, self.min_weight  # locals: this loop sees every row of a layer
        for _, target, weight in rows:
            if weight >= min_weight and target not in kept and weight > strength.get(target, 0):
                strength[target] = weight
        ranked = sorted(strength, key=lambda actor: (-strength[actor], actor))
        if len(ranked) > self.room:
            self.truncated = True
            ranked = ranked[:self.room]
        for actor in ranked:
            self.kept[actor] = self._hops
        return ranked

    @property
    def room(self) -> int:
        """How many more nodes may be kept."""
        return max(self.node_limit - len(self.kept), 0)

    def weight(self, a: str, b: str) -> int:
        return sum(self._types.get(_pair(a, b), Counter()).values())

    def edges(self) -> list[Edge]:
        """Recorded edges among kept nodes at or above min_weight, heaviest first."""
        edges = [Edge(source=a, target=b, weight=sum(types.values()), types=dict(sorted(types.items())))
                 for (a, b), types in self._types.items()
                 if a in self.kept and b in self.kept and sum(types.values()) >= self.min_weight]
        return sorted(edges, key=lambda edge: (-edge.weight, edge.source, edge.target))


def shortest_paths(edges: Iterable[tuple[str, str]], a: str, b: str, *, limit: int) -> list[list[str]]:
    """Up to `limit` shortest paths from a to b in an undirected graph, in a stable order."""
    graph = nx.Graph()
    graph.add_edges_from(sorted(_pair(u, v) for u, v in edges))
    if a not in graph or b not in graph:
        return []
    try:
        return sorted(islice(nx.all_shortest_paths(graph, a, b), limit))
    except nx.NetworkXNoPath:
        return []


def meeting_edges(a: str, b: str, *, max_depth: int, neighbours: Callable[[list[str]], Pairs],
                  bridges: Callable[[list[str], list[str]], Pairs]) -> set[tuple[str, str]]:
    """Edges of breadth-first trees grown from a and b plus the bridges where they meet; empty if they
    do not meet within max_depth hops. `shortest_paths` over these edges gives every shortest path.

    Each step first asks for bridges between the two frontiers (cheap), and only when there are none
    grows the smaller frontier by a layer (the expensive part, skipped on the last step).
    `neighbours(frontier)` gives each frontier actor's neighbours, `bridges(side, other)` the pairs
    from one frontier straight into the other.
    """
    seen: list[dict[str, int]] = [{a: 0}, {b: 0}]
    frontiers, radius = [[a], [b]], [0, 0]
    edges: set[tuple[str, str]] = set()
    while True:
        side = 0 if len(frontiers[0]) <= len(frontiers[1]) else 1
        found_bridges = set(bridges(frontiers[side], frontiers[1 - side]))
        if found_bridges:
            return edges | found_bridges
        if radius[0] + radius[1] + 1 >= max_depth or not frontiers[side]:
            return set()
        radius[side] += 1
        found, layer = seen[side], []
        for source, target in neighbours(frontiers[side]):
            if target not in found:
                found[target] = radius[side]
                layer.append(target)
            if found[target] == radius[side]:
                edges.add((source, target))
        frontiers[side] = layer
