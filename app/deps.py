"""FastAPI dependencies: the store built once in the lifespan, and the settings.

The cheap ones are `async def` so that FastAPI runs them on the event loop: it sends every plain
`def` dependency to the thread pool, a thread hop per dependency per request."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from graph.settings import Settings
from graph.store import GraphStore
from ingest.kb import KnowledgeBase, default_kb


async def get_store(request: Request) -> GraphStore:
    store: GraphStore = request.app.state.store
    return store


async def get_app_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_kb(request: Request) -> KnowledgeBase:
    """The actor knowledge base, loaded on first use (about a second) and kept on the app."""
    kb: KnowledgeBase | None = getattr(request.app.state, "kb", None)
    if kb is None:
        kb = request.app.state.kb = default_kb()
    return kb


StoreDep = Annotated[GraphStore, Depends(get_store)]
KnowledgeBaseDep = Annotated[KnowledgeBase, Depends(get_kb)]
SettingsDep = Annotated[Settings, Depends(get_app_settings)]
