"""Graph logic on subgraphs already fetched from a store: ego-network growth and shortest paths."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from itertools import islice

import networkx as nx

from graph.models import Edge

# (actor, other actor, event type, number of distinct shared events of that type)
NeighbourRow = tuple[str, str, str, int]


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


class EgoNetwork:
    """Grows an ego network layer by layer, keeping the nearest and most strongly tied nodes first."""

    def __init__(self, center: str, *, min_weight: int, node_limit: int) -> None:
        self.center = center
        self.min_weight = min_weight
        self.node_limit = node_limit
        self.kept: dict[str, int] = {center: 0}  # actor -> hops from the centre, in keeping order
        self.truncated = False
        self._types: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)

    def add_edges(self, rows: Iterable[NeighbourRow]) -> None:
        """Record co-participation counts; the same pair seen from both ends is stored once."""
        for source, target, event_type, count in rows:
            self._types[_pair(source, target)][event_type] = count

    def add_layer(self, frontier: list[str], rows: Iterable[NeighbourRow]) -> list[str]:
        """Record the frontier's edges and keep the best new neighbours; returns the new layer."""
        rows = list(rows)
        self.add_edges(rows)
        hops = self.kept[frontier[0]] + 1 if frontier else 1
        strength: Counter[str] = Counter()
        for source, target, _, _ in rows:
            if target not in self.kept:
                weight = self.weight(source, target)
                if weight >= self.min_weight:
                    strength[target] = max(strength[target], weight)
        ranked = sorted(strength, key=lambda actor: (-strength[actor], actor))
        room = self.node_limit - len(self.kept)
        if len(ranked) > room:
            self.truncated = True
            ranked = ranked[:max(room, 0)]
        for actor in ranked:
            self.kept[actor] = hops
        return ranked

    def weight(self, a: str, b: str) -> int:
        return sum(self._types.get(_pair(a, b), Counter()).values())

    def edges(self) -> list[Edge]:
        """Edges among kept nodes at or above min_weight, heaviest first."""
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
