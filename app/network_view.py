"""The network endpoint's answer: nodes with their hop count, edges with their dominant type, as plain
JSON or as Cytoscape.js elements.

Built as plain dicts and serialised by pydantic-core: the store's subgraph is validated already, and a
depth-2 network around a hub has thousands of edges, where building a model per edge cost more than
the store's query. The route declares the `Network | CytoscapeNetwork` schema for the OpenAPI document,
and the API tests check answers against it.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from graph.analytics import dominant_type
from graph.models import Subgraph

Metrics = dict[str, dict[str, float | int]]
Json = dict[str, Any]


def hop_counts(sub: Subgraph) -> dict[str, int]:
    """Hops from the centre to every node reachable over the subgraph's edges (breadth first)."""
    if not sub.nodes:
        return {}
    neighbours: dict[str, list[str]] = defaultdict(list)
    for edge in sub.edges:
        neighbours[edge.source].append(edge.target)
        neighbours[edge.target].append(edge.source)
    hops, frontier = {sub.center: 0}, [sub.center]
    while frontier:
        layer = []
        for node in frontier:
            for other in neighbours[node]:
                if other not in hops:
                    hops[other] = hops[node] + 1
                    layer.append(other)
        frontier = layer
    return hops


def network_json(sub: Subgraph, metrics: Metrics) -> Json:
    """The `Network` schema: nodes, edges, and whether the node limit cut the network short."""
    hops = hop_counts(sub)
    nodes = [{"id": a.id, "name": a.name, "kind": a.kind, "country": a.country, "depth": hops.get(a.id),
              "metrics": metrics.get(a.id, {})} for a in sub.nodes]
    edges = [{"id": f"{e.source}|{e.target}", "source": e.source, "target": e.target, "weight": e.weight,
              "types": e.types, "dominant_type": dominant_type(e.types)} for e in sub.edges]
    message = (f"network truncated to {sub.node_limit} nodes: raise limit, min_weight or narrow the filters"
               if sub.truncated else None)
    return {"center": sub.center, "nodes": nodes, "edges": edges, "truncated": sub.truncated,
            "node_limit": sub.node_limit, "message": message}


def cytoscape(net: Json) -> Json:
    """The `CytoscapeNetwork` schema: the same network as Cytoscape.js `elements`, fields under `data`."""
    nodes = [{"data": {**{k: v for k, v in node.items() if k != "metrics"}, **node["metrics"],
                       "label": node["name"], "center": node["id"] == net["center"]}} for node in net["nodes"]]
    edges = [{"data": edge} for edge in net["edges"]]
    return {"elements": {"nodes": nodes, "edges": edges}, "truncated": net["truncated"],
            "node_limit": net["node_limit"], "message": net["message"]}
