"""Actors: search, cards, timelines, dyad relations and ego networks."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Response

from app.deps import KnowledgeBaseDep, SettingsDep, StoreDep
from app.network_view import cytoscape, network_json
from app.params import CursorQuery, FilterDep, LimitDep, OrderQuery
from app.responses import json_response, model_response
from app.schemas import (
    ActorCard,
    CytoscapeNetwork,
    Network,
    Relations,
    ResolvedActor,
)
from graph.analytics import METRICS, compute_metrics
from graph.errors import InvalidInput, NotFound, TooLarge
from graph.models import ActorHit, ActorKind, EventFilter, Page, RoleTerm, TimelineItem

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
async def network(
    store: StoreDep,
    settings: SettingsDep,
    actor_id: ActorId,
    flt: FilterDep,
    depth: Annotated[int, Query(ge=1, description="Hops from the actor (1-3).")] = 1,
    min_weight: Annotated[int, Query(ge=1, le=1_000_000, description="Drop edges with fewer shared events.")] = 1,
    limit: Annotated[int, Query(ge=1, description="Most nodes to return.")] = 100,
    format: Annotated[Literal["json", "cytoscape"], Query(description="json or cytoscape (elements).")] = "json",
    metrics: Annotated[str | None, Query(description="Comma-separated: degree,betweenness,community.")] = None,
) -> Response:
    if depth > settings.max_network_depth:
        raise TooLarge(f"depth {depth} is over the maximum {settings.max_network_depth}")
    if limit > settings.max_network_nodes:
        raise TooLarge(f"limit {limit} is over the maximum node limit {settings.max_network_nodes}")
    wanted = [m.strip() for m in metrics.split(",") if m.strip()] if metrics else []
    if unknown := [m for m in wanted if m not in METRICS]:
        raise InvalidInput(f"unknown metric(s) {', '.join(unknown)}; valid: {', '.join(METRICS)}")
    network_filter = EventFilter(types=flt.types, status=flt.status, date_from=flt.date_from, date_to=flt.date_to)

    def answer() -> dict[str, Any]:
        sub = store.network(actor_id, depth=depth, flt=network_filter, min_weight=min_weight, node_limit=limit)
        result = network_json(sub, compute_metrics(sub, wanted) if wanted else {})
        return cytoscape(result) if format == "cytoscape" else result

    return await json_response(answer)
