"""Response shapes that the API adds on top of the graph models."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from graph.models import Actor, ActorSummary, Dyad, Page, TimelineItem


class ActorCard(BaseModel):
    """An actor with roles (on the actor), event counts by type and top counterparts."""

    actor: Actor
    summary: ActorSummary


class SearchResult(BaseModel):
    items: list[dict[str, Any]]


class Relations(BaseModel):
    dyad: Dyad
    events: Page[TimelineItem]


class NetworkNode(BaseModel):
    id: str
    name: str
    kind: str
    country: str | None = None
    depth: int | None = None
    metrics: dict[str, float | int] = {}


class NetworkEdge(BaseModel):
    id: str
    source: str
    target: str
    weight: int
    types: dict[str, int]
    dominant_type: str


class Network(BaseModel):
    center: str
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]
    truncated: bool
    node_limit: int
    message: str | None = None


class CytoscapeElements(BaseModel):
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]


class CytoscapeNetwork(BaseModel):
    """Ready for `cytoscape({elements})`: every element's fields under `data`."""

    elements: CytoscapeElements
    truncated: bool
    node_limit: int
    message: str | None = None
