"""Liveness, readiness and store counts."""

from __future__ import annotations

from fastapi import APIRouter

from app.deps import StoreDep
from graph.models import Stats

router = APIRouter(tags=["health"])


@router.get("/healthz", summary="Liveness: the process answers")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz", summary="Readiness: the store answers (503 if not)")
def readyz(store: StoreDep) -> dict[str, str]:
    store.ping()
    return {"status": "ready", "backend": store.backend}


@router.get("/v1/stats", summary="Counts of actors, events, articles and reports")
def stats(store: StoreDep) -> Stats:
    return store.stats()
