"""networkx analytics on a fetched subgraph: centrality, communities, layout-free exports."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from graph.models import Subgraph

METRICS = ("degree", "betweenness", "community")


def to_networkx(subgraph: Subgraph) -> nx.Graph:
    """An undirected weighted graph with actor attributes on nodes."""
    graph = nx.Graph()
    for actor in subgraph.nodes:
        graph.add_node(actor.id, name=actor.name, kind=actor.kind, country=actor.country or "")
    for edge in subgraph.edges:
        graph.add_edge(edge.source, edge.target, weight=edge.weight,
                       dominant_type=dominant_type(edge.types))
    return graph


def dominant_type(types: dict[str, int]) -> str:
    """The event type with the most shared events (ties broken by name, for stable output)."""
    # max keeps the first of equal counts, and the names are sorted: the smallest name wins a tie.
    return max(sorted(types), key=types.__getitem__) if types else ""


def compute_metrics(subgraph: Subgraph, metrics: Iterable[str]) -> dict[str, dict[str, float | int]]:
    """Per-node metrics by name: degree and betweenness centrality, community index."""
    graph = to_networkx(subgraph)
    result: dict[str, dict[str, float | int]] = {node: {} for node in graph.nodes}
    wanted = set(metrics)
    if "degree" in wanted:
        for node, value in nx.degree_centrality(graph).items():
            result[node]["degree"] = round(value, 6)
    if "betweenness" in wanted:
        # Distance is the inverse of weight: actors who meet often are close.
        for u, v, data in graph.edges(data=True):
            graph[u][v]["distance"] = 1.0 / data["weight"]
        for node, value in nx.betweenness_centrality(graph, weight="distance").items():
            result[node]["betweenness"] = round(value, 6)
    if "community" in wanted and graph.number_of_nodes():
        communities = nx.community.greedy_modularity_communities(graph, weight="weight")
        for index, members in enumerate(communities):
            for node in members:
                result[node]["community"] = index
    return result
