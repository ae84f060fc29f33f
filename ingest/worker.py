"""The queue worker: claims jobs in small batches, extracts, loads, and keeps its leases alive while it works.

A store that does not answer is an outage, not the article's fault: the batch goes back to the queue
without using up attempts and the worker waits, with backoff, until the store answers again."""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from pydantic import ValidationError

from graph.errors import StoreUnavailable
from graph.store import GraphStore
from ingest.articles import ArticleIn
from ingest.jobs import QUEUED, RUNNING, Job, JobQueue
from ingest.jobs.base import DEFAULT_DONE_RETENTION_S, DEFAULT_LEASE_S
from ingest.jobs.retention import DonePruner
from ingest.loader import GraphLoader
from ingest.runner import RETRY_FIRST_S, RETRY_MAX_S, backoff, extract_chunk, store_answers

logger = logging.getLogger(__name__)

LOG_EVERY_S = 60.0


@dataclass
class WorkerStats:
    """What a worker did with the jobs it claimed."""

    done: int = 0
    failed: int = 0
    released: int = 0  # given back after a failed load; uses up an attempt
    deferred: int = 0  # given back because the store was down; uses up none
    outages: int = 0  # times the worker waited for the store or queue to come back


class Worker:
    """Runs jobs until stopped; a job is completed only after its article is in the store."""

    def __init__(self, queue: JobQueue, store: GraphStore, *, batch: int = 8, lease_s: float = DEFAULT_LEASE_S,
                 name: str | None = None, keep_done_s: float | None = DEFAULT_DONE_RETENTION_S,
                 retry_max_s: float = RETRY_MAX_S) -> None:
        from ingest.kb import default_kb

        self.queue = queue
        self.store = store
        self.batch = batch
        self.lease_s = lease_s
        self.retry_max_s = retry_max_s
        self.name = name or f"{socket.gethostname()}:{os.getpid()}"
        self.loader = GraphLoader.with_knowledge_base(store, default_kb())
        self.pruner = DonePruner(queue, retention_s=keep_done_s)
        self.stats = WorkerStats()
        extract_chunk([ArticleIn(id="warm-up", text="Warming up.")])  # load the models before taking jobs

    def run(self, *, burst: bool = False, stop: threading.Event | None = None,
            on_job: Callable[[Job, str], None] | None = None) -> WorkerStats:
        """Work until `stop` is set; with `burst`, until no job is queued or running any more."""
        stop = stop or threading.Event()
        while not stop.is_set():
            try:
                self.pruner.maybe_prune()
                jobs = self.queue.claim(self.name, limit=self.batch, lease_s=self.lease_s, wait_s=1.0)
                if jobs:
                    if not self.process(jobs, on_job=on_job):
                        self._wait_until(self.store.ping, "the store", stop)
                elif burst:
                    counts = self.queue.counts()
                    if counts[QUEUED] == 0 and counts[RUNNING] == 0:
                        break
            except StoreUnavailable as exc:  # the queue itself (Redis) is down; our leases will expire
                logger.warning("queue unavailable (%s); waiting for it", exc.message)
                self._wait_until(self.queue.counts, "the queue", stop)
        return self.stats

    def _wait_until(self, probe: Callable[[], object], what: str, stop: threading.Event) -> None:
        """Call `probe` with growing pauses until it stops raising StoreUnavailable or `stop` is set."""
        self.stats.outages += 1
        started = time.monotonic()
        logged = 0.0
        for delay in backoff(RETRY_FIRST_S, self.retry_max_s):
            if stop.wait(delay):
                return
            try:
                probe()
            except StoreUnavailable as exc:
                waited = time.monotonic() - started
                if waited - logged >= LOG_EVERY_S:  # one line a minute, not one per probe
                    logger.warning("still waiting for %s after %.0f s: %s", what, waited, exc.message)
                    logged = waited
                continue
            logger.warning("%s answers again after %.0f s; resuming", what, time.monotonic() - started)
            return

    def process(self, jobs: list[Job], *, on_job: Callable[[Job, str], None] | None = None) -> bool:
        """Extract and load a batch of claimed jobs, renewing their leases meanwhile.

        False if the store went down: the jobs not loaded yet were given back to the queue."""
        done = threading.Event()
        beat = threading.Thread(target=self._heartbeat, args=([j.id for j in jobs], done), daemon=True)
        beat.start()
        try:
            return self._process(jobs, on_job)
        finally:
            done.set()
            beat.join()

    def _heartbeat(self, job_ids: list[str], done: threading.Event) -> None:
        while not done.wait(self.lease_s / 3):
            try:
                self.queue.extend(job_ids, lease_s=self.lease_s)
            except Exception:  # a missed beat only risks a harmless second run of the job
                logger.warning("could not renew leases", exc_info=True)

    def _process(self, jobs: list[Job], on_job: Callable[[Job, str], None] | None) -> bool:
        valid: list[tuple[Job, ArticleIn]] = []
        for job in jobs:
            try:
                valid.append((job, ArticleIn.model_validate(job.article)))
            except ValidationError as exc:
                self._fail(job, f"invalid article: {exc.errors()[0]['msg']}", on_job)
        outcomes = extract_chunk([article for _, article in valid]) if valid else []
        for index, ((job, article), outcome) in enumerate(zip(valid, outcomes, strict=True)):
            if isinstance(outcome, str):
                self._fail(job, outcome, on_job)
                continue
            try:
                # Loads are serialised across workers: merging looks for twins written by others first.
                with self.queue.load_lock():
                    result = self.loader.load(article.model_dump(), outcome)
            except StoreUnavailable as exc:
                if store_answers(self.store):  # a failure of this load (e.g. a timeout): an attempt used
                    logger.warning("store failed job %s: %s", job.id, exc.message)
                    self.queue.release(job.id, f"store unavailable: {exc.message}")
                    self.stats.released += 1
                    continue
                rest = [j.id for j, _ in valid[index:]]
                logger.warning("store down (%s); giving %d jobs back and waiting for it", exc.message, len(rest))
                self.queue.defer(rest, f"store unavailable: {exc.message}")
                self.stats.deferred += len(rest)
                return False
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
        return True

    def _fail(self, job: Job, error: str, on_job: Callable[[Job, str], None] | None) -> None:
        self.queue.fail(job.id, error)
        self.stats.failed += 1
        if on_job:
            on_job(job, "failed")
