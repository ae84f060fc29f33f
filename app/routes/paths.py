"""Paths: how two actors are connected through shared events."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from app.deps import SettingsDep, StoreDep
from graph.errors import InvalidInput, TooLarge
from graph.models import ActorPath

router = APIRouter(prefix="/v1", tags=["paths"])


@router.get("/paths", summary="Shortest connecting paths between two actors, through events")
def paths(
    store: StoreDep,
    settings: SettingsDep,
    source: Annotated[str, Query(alias="from", min_length=1, max_length=200, description="Actor id.")],
    target: Annotated[str, Query(alias="to", min_length=1, max_length=200, description="Actor id.")],
    max_depth: Annotated[int, Query(ge=1, description="Most actor-to-actor hops.")] = 4,
    limit: Annotated[int, Query(ge=1, le=20, description="Most paths.")] = 5,
) -> list[ActorPath]:
    if source == target:
        raise InvalidInput("'from' and 'to' are the same actor")
    if max_depth > settings.max_path_depth:
        raise TooLarge(f"max_depth {max_depth} is over the maximum {settings.max_path_depth}")
    store.get_actor(source)
    store.get_actor(target)
    return store.paths(source, target, max_depth=max_depth, limit=limit)
