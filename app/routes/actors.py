"""Actors: search, cards, timelines, dyad relations and ego networks."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

import networkx as nx
from fastapi import APIRouter, Path, Query, Response

from app.deps import KnowledgeBaseDep, SettingsDep, StoreDep
from app.params import CursorQuery, FilterDep, LimitDep, OrderQuery
from app.responses import model_response
from app.schemas import (
    ActorCard,
    CytoscapeElements,
    CytoscapeNetwork,
    Network,
    NetworkEdge,
    NetworkNode,
    Relations,
    ResolvedActor,
)
from graph.analytics import METRICS, compute_metrics, dominant_type, to_networkx
from graph.errors import InvalidInput, NotFound, TooLarge
from graph.models import ActorHit, ActorKind, EventFilter, Page, RoleTerm, Subgraph, TimelineItem

router = APIRouter(prefix="/v1/actors", tags=["actors"])

ActorId = Annotated[str, Path(min_length=1, max_length=200, description="Actor id, e.g. country:RUS.")]


@router.get("", summary="Search actors by name, alias or role phrase (ranked: exact, prefix, fuzzy)")
def search_actors(
    store: StoreDep,
    q: Annotated[str, Query(min_length=1, max_length=200, description="Name, alias or part of one.")],
    kind: Annotated[ActorKind | None, Query(description="Only actors of this kind.")] = None,
    country: Annotated[str | None, Query(max_length=3, description="ISO alpha-3 country of the actor.")] = None,
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
) -> list[ActorHit]:
    return store.search_actors(q, kinds=[kind] if kind else None, country=country, limit=limit)


@router.get("/resolve", summary="Resolve a mention (name, role phrase, metonym) to an actor on a date")
def resolve_mention(
    kb: KnowledgeBaseDep,
    mention: Annotated[str, Query(min_length=1, max_length=200, description="e.g. the Pentagon chief")],
    date: Annotated[dt.date | None, Query(description="The date the mention refers to (default today).")] = None,
    country: Annotated[str | None, Query(max_length=60, description="Country hint: ISO code or name.")] = None,
) -> ResolvedActor:
    found = kb.resolve(mention, country_hint=country, date=date)
    if found is None:
        raise NotFound(f"no single actor is known for {mention!r}"
                       f"{f' on {date.isoformat()}' if date else ''}{f' in {country}' if country else ''}")
    return ResolvedActor(actor=found.actor, how=found.how, evidence=found.evidence, score=found.score)


@router.get("/{actor_id}", summary="Actor card: names, aliases, roles with dates, event counts, counterparts")
def actor_card(
    store: StoreDep, kb: KnowledgeBaseDep, actor_id: ActorId,
    as_of: Annotated[dt.date | None, Query(description="Show the roles held on this date (default today).")] = None,
) -> ActorCard:
    summary = store.actor_summary(actor_id)
    known = kb.get(actor_id)  # the knowledge base has the newest roles, learned ones included
    actor = summary.actor.model_copy(update={"roles": known.roles}) if known and known.roles else summary.actor
    day = as_of or dt.date.today()
    return ActorCard(actor=actor, roles_as_of=[r for r in actor.roles if held_on(r, day)], as_of=day,
                     summary=summary.model_copy(update={"actor": actor}))


def held_on(term: RoleTerm, day: dt.date) -> bool:
    """Whether a term (dates at any precision: YYYY, YYYY-MM or YYYY-MM-DD) covers the day."""
    iso = day.isoformat()
    starts = not term.start or term.start[: len(iso)] <= iso[: len(term.start)]
    ends = not term.end or iso[: len(term.end)] <= term.end
    return starts and ends


@router.get("/{actor_id}/timeline", summary="Events involving the actor, newest first by default",
            response_model=Page[TimelineItem])
async def timeline(
    store: StoreDep, actor_id: ActorId, flt: FilterDep, limit: LimitDep,
    cursor: CursorQuery = None, order: OrderQuery = "newest",
) -> Response:
    flt.actor = actor_id  # the store answers NotFound (404) for an unknown actor
    return await model_response(store.events, flt, limit=limit, cursor=cursor, newest_first=order == "newest")


@router.get("/{a}/relations/{b}", summary="Dyad history between two actors: counts by type and year, events")
def relations(
    store: StoreDep, a: ActorId, b: ActorId, flt: FilterDep, limit: LimitDep,
    cursor: CursorQuery = None, order: OrderQuery = "newest",
) -> Relations:
    if a == b:
        raise InvalidInput("a relation needs two different actors")
    dyad = store.dyad(a, b)
    flt.actor, flt.counterpart = a, b
    return Relations(dyad=dyad, events=store.events(flt, limit=limit, cursor=cursor,
                                                    newest_first=order == "newest"))


@router.get("/{actor_id}/network", summary="Ego network: actors linked by shared events, weighted by count",
            response_model=Network | CytoscapeNetwork)
def network(
    store: StoreDep,
    settings: SettingsDep,
    actor_id: ActorId,
    flt: FilterDep,
    depth: Annotated[int, Query(ge=1, description="Hops from the actor (1-3).")] = 1,
    min_weight: Annotated[int, Query(ge=1, le=1_000_000, description="Drop edges with fewer shared events.")] = 1,
    limit: Annotated[int, Query(ge=1, description="Most nodes to return.")] = 100,
    format: Annotated[Literal["json", "cytoscape"], Query(description="json or cytoscape (elements).")] = "json",
    metrics: Annotated[str | None, Query(description="Comma-separated: degree,betweenness,community.")] = None,
) -> Network | CytoscapeNetwork:
    if depth > settings.max_network_depth:
        raise TooLarge(f"depth {depth} is over the maximum {settings.max_network_depth}")
    if limit > settings.max_network_nodes:
        raise TooLarge(f"limit {limit} is over the maximum node limit {settings.max_network_nodes}")
    wanted = [m.strip() for m in metrics.split(",") if m.strip()] if metrics else []
    if unknown := [m for m in wanted if m not in METRICS]:
        raise InvalidInput(f"unknown metric(s) {', '.join(unknown)}; valid: {', '.join(METRICS)}")
    network_filter = EventFilter(types=flt.types, status=flt.status, date_from=flt.date_from, date_to=flt.date_to)
    sub = store.network(actor_id, depth=depth, flt=network_filter, min_weight=min_weight, node_limit=limit)
    result = _network_json(sub, compute_metrics(sub, wanted) if wanted else {})
    return _cytoscape(result) if format == "cytoscape" else result


def _network_json(sub: Subgraph, metrics: dict[str, dict[str, float | int]]) -> Network:
    hops = nx.single_source_shortest_path_length(to_networkx(sub), sub.center) if sub.nodes else {}
    nodes = [
        NetworkNode(id=a.id, name=a.name, kind=a.kind, country=a.country, depth=hops.get(a.id),
                    metrics=metrics.get(a.id, {}))
        for a in sub.nodes
    ]
    edges = [
        NetworkEdge(id=f"{e.source}|{e.target}", source=e.source, target=e.target, weight=e.weight,
                    types=e.types, dominant_type=dominant_type(e.types))
        for e in sub.edges
    ]
    message = (f"network truncated to {sub.node_limit} nodes: raise limit, min_weight or narrow the filters"
               if sub.truncated else None)
    return Network(center=sub.center, nodes=nodes, edges=edges, truncated=sub.truncated,
                   node_limit=sub.node_limit, message=message)


def _cytoscape(net: Network) -> CytoscapeNetwork:
    nodes = [{"data": {**n.model_dump(exclude={"metrics"}), **n.metrics, "label": n.name,
                       "center": n.id == net.center}} for n in net.nodes]
    edges = [{"data": e.model_dump()} for e in net.edges]
    return CytoscapeNetwork(elements=CytoscapeElements(nodes=nodes, edges=edges), truncated=net.truncated,
                            node_limit=net.node_limit, message=net.message)

