"""The queue worker: claims jobs in small batches, extracts, loads, and keeps its leases alive while it works."""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass

from pydantic import ValidationError

from graph.errors import StoreUnavailable
from graph.store import GraphStore
from ingest.articles import ArticleIn
from ingest.jobs import QUEUED, RUNNING, Job, JobQueue
from ingest.jobs.base import DEFAULT_LEASE_S
from ingest.loader import GraphLoader
from ingest.runner import extract_chunk

logger = logging.getLogger(__name__)


@dataclass
class WorkerStats:
    done: int = 0
    failed: int = 0
    released: int = 0


class Worker:
    """Runs jobs until stopped; a job is completed only after its article is in the store."""

    def __init__(self, queue: JobQueue, store: GraphStore, *, batch: int = 8, lease_s: float = DEFAULT_LEASE_S,
                 name: str | None = None) -> None:
        from ingest.kb import default_kb

        self.queue = queue
        self.batch = batch
        self.lease_s = lease_s
        self.name = name or f"{socket.gethostname()}:{os.getpid()}"
        self.loader = GraphLoader.with_knowledge_base(store, default_kb())
        self.stats = WorkerStats()
        extract_chunk([ArticleIn(id="warm-up", text="Warming up.")])  # load the models before taking jobs

    def run(self, *, burst: bool = False, stop: threading.Event | None = None,
            on_job: Callable[[Job, str], None] | None = None) -> WorkerStats:
        """Work until `stop` is set; with `burst`, until no job is queued or running any more."""
        stop = stop or threading.Event()
        while not stop.is_set():
            jobs = self.queue.claim(self.name, limit=self.batch, lease_s=self.lease_s, wait_s=1.0)
            if jobs:
                self.process(jobs, on_job=on_job)
            elif burst:
                counts = self.queue.counts()
                if counts[QUEUED] == 0 and counts[RUNNING] == 0:
                    break
        return self.stats

    def process(self, jobs: list[Job], *, on_job: Callable[[Job, str], None] | None = None) -> None:
        """Extract and load a batch of claimed jobs, renewing their leases meanwhile."""
        done = threading.Event()
        beat = threading.Thread(target=self._heartbeat, args=([j.id for j in jobs], done), daemon=True)
        beat.start()
        try:
            self._process(jobs, on_job)
        finally:
            done.set()
            beat.join()

    def _heartbeat(self, job_ids: list[str], done: threading.Event) -> None:
        while not done.wait(self.lease_s / 3):
            try:
                self.queue.extend(job_ids, lease_s=self.lease_s)
            except Exception:  # a missed beat only risks a harmless second run of the job
                logger.warning("could not renew leases", exc_info=True)

    def _process(self, jobs: list[Job], on_job: Callable[[Job, str], None] | None) -> None:
        valid: list[tuple[Job, ArticleIn]] = []
        for job in jobs:
            try:
                valid.append((job, ArticleIn.model_validate(job.article)))
            except ValidationError as exc:
                self._fail(job, f"invalid article: {exc.errors()[0]['msg']}", on_job)
        outcomes = extract_chunk([article for _, article in valid]) if valid else []
        for (job, article), outcome in zip(valid, outcomes, strict=True):
            if isinstance(outcome, str):
                self._fail(job, outcome, on_job)
                continue
            try:
                # Loads are serialised across workers: merging looks for twins written by others first.
                with self.queue.load_lock():
                    result = self.loader.load(article.model_dump(), outcome)
            except StoreUnavailable as exc:  # transient: let another attempt try later
                logger.warning("store unavailable for job %s: %s", job.id, exc)
                self.queue.release(job.id, f"store unavailable: {exc.message}")
                self.stats.released += 1
                continue
            except Exception as exc:
                logger.exception("could not load job %s (article %s)", job.id, article.id)
                self._fail(job, f"could not load: {type(exc).__name__}: {exc}", on_job)
                continue
            self.queue.complete(job.id, {"article_id": result.article_id, "status": result.status,
                                         "events_new": result.events_new, "events_merged": result.events_merged,
                                         "event_ids": result.event_ids})
            self.stats.done += 1
            if on_job:
                on_job(job, "done")

    def _fail(self, job: Job, error: str, on_job: Callable[[Job, str], None] | None) -> None:
        self.queue.fail(job.id, error)
        self.stats.failed += 1
        if on_job:
            on_job(job, "failed")
