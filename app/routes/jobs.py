"""GET /v1/jobs and /v1/jobs/{id}: queue counts, failed articles with their errors, one job's result."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query

from app.auth import ApiKeyDep
from app.routes.articles import QueueDep
from graph.errors import InvalidInput
from ingest.jobs import STATES

router = APIRouter(prefix="/v1/jobs", tags=["ingestion"])


@router.get("", summary="Job counts by state and the newest jobs (API key required)")
def list_jobs(_key: ApiKeyDep, queue: QueueDep, state: str | None = Query(None, description=", ".join(STATES)),
              limit: int = Query(50, ge=1, le=500)) -> dict[str, Any]:
    if state is not None and state not in STATES:
        raise InvalidInput(f"state must be one of {', '.join(STATES)}")
    return {"counts": queue.counts(), "items": [job.public() for job in queue.jobs(state=state, limit=limit)]}


@router.get("/{job_id}", summary="One job: its state, attempts, error or result (API key required)")
def get_job(job_id: str, _key: ApiKeyDep, queue: QueueDep) -> dict[str, Any]:
    return queue.get(job_id).public()
