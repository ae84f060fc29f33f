"""The durable job queue's interface: one job per article, leased to a worker, retried if the worker dies."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Protocol

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
STATES = (QUEUED, RUNNING, DONE, FAILED)

DEFAULT_LEASE_S = 60.0
DEFAULT_MAX_ATTEMPTS = 3
# How long workers keep done jobs before pruning them; `geokg jobs prune` takes any age.
DEFAULT_DONE_RETENTION_S = 7 * 24 * 3600.0


@dataclass
class Job:
    """One article to extract and load, and what became of it."""

    id: str
    state: str
    article: dict[str, Any]
    attempts: int = 0
    error: str | None = None
    result: dict[str, Any] | None = None
    created_at: float = 0.0
    updated_at: float = 0.0

    def public(self, *, with_text: bool = False) -> dict[str, Any]:
        """The job as the API and CLI show it (the article's text only on request)."""
        article = self.article if with_text else {k: v for k, v in self.article.items() if k != "text"}
        return {"id": self.id, "state": self.state, "attempts": self.attempts, "error": self.error,
                "result": self.result, "article": article, "created_at": self.created_at,
                "updated_at": self.updated_at}


def died_message(attempts: int) -> str:
    return f"the worker stopped during this job {attempts} times (killed or out of memory?); giving up"


class JobQueue(Protocol):
    """At-least-once delivery with leases: a job whose worker stops sending heartbeats is handed out again.

    Loading is idempotent per article, so a job run twice changes the graph once."""

    max_attempts: int

    def enqueue(self, articles: Sequence[dict[str, Any]]) -> list[str]:
        """Queue one job per article; returns their ids in order."""

    def claim(self, worker: str, *, limit: int = 1, lease_s: float = DEFAULT_LEASE_S,
              wait_s: float = 1.0) -> list[Job]:
        """Up to `limit` queued jobs, leased to `worker`; waits up to `wait_s` for the first one."""

    def extend(self, job_ids: Sequence[str], *, lease_s: float = DEFAULT_LEASE_S) -> None:
        """Renew the lease of running jobs (the worker's heartbeat)."""

    def complete(self, job_id: str, result: dict[str, Any]) -> None:
        """Mark a job done with its result."""

    def fail(self, job_id: str, error: str) -> None:
        """Mark a job failed for good (a poison article): it is not retried."""

    def release(self, job_id: str, error: str) -> None:
        """Give a job back after a transient failure; it fails for good after max_attempts."""

    def defer(self, job_ids: Sequence[str], reason: str) -> None:
        """Give running jobs back in this order without using up an attempt (the store was down, not the article)."""

    def get(self, job_id: str) -> Job:
        """The job with this id; NotFound if none."""

    def jobs(self, *, state: str | None = None, limit: int = 50) -> list[Job]:
        """Jobs in a state (or any), newest first."""

    def counts(self) -> dict[str, int]:
        """How many jobs are in each state."""

    def retry_failed(self) -> int:
        """Queue every failed job again; returns how many."""

    def prune(self, *, older_than_s: float, states: Sequence[str] = (DONE,)) -> int:
        """Delete jobs in `states` (done, failed) last updated over `older_than_s` ago; returns how many."""

    def load_lock(self) -> AbstractContextManager[None]:
        """Held by a worker while it writes one article, so that merging sees what other workers wrote."""

    def purge(self) -> None:
        """Delete every job (tests and admin)."""

    def close(self) -> None:
        """Release connections."""
