"""Liveness, readiness and store counts."""

from __future__ import annotations

from fastapi import APIRouter

from app.deps import StoreDep
from graph.models import Stats

router = APIRouter(tags=["health"])


@router.get("/healthz", summary="Liveness: the process answers")
async def healthz() -> dict[str, str]:
    # async: answered on the event loop, so it never queues behind reads that hold every worker
    # thread while the store is down (a liveness probe must not restart a healthy process).
    return {"status": "ok"}


@router.get("/readyz", summary="Readiness: the store answers (503 if not)")
def readyz(store: StoreDep) -> dict[str, str]:
    store.ping()
    return {"status": "ready", "backend": store.backend}


@router.get("/v1/stats", summary="Counts of actors, events, articles and reports")
def stats(store: StoreDep) -> Stats:
    return store.stats()
