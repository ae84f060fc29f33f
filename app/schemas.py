"""Response shapes that the API adds on top of the graph models."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel

from graph.models import Actor, ActorSummary, Dyad, Page, RoleTerm, TimelineItem


class ActorCard(BaseModel):
    """An actor with every known role term, the roles held on `as_of`, event counts and top counterparts."""

    actor: Actor
    roles_as_of: list[RoleTerm]
    as_of: date
    summary: ActorSummary


class ResolvedActor(BaseModel):
    """What a mention means on a date, and why."""

    actor: Actor
    how: str
    evidence: str
    score: float


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
