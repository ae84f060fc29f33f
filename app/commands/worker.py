"""`geokg worker`: run a queue worker (as many as you like, on one machine or many)."""

from __future__ import annotations

import logging
import signal
import threading

import typer

from app.commands.jobs import DEFAULT_AGE, parse_age
from graph.store import open_store
from ingest.jobs import Job, open_queue
from ingest.jobs.base import DEFAULT_LEASE_S
from ingest.runner import RETRY_MAX_S
from ingest.worker import Worker


def worker_command(
    batch: int = typer.Option(8, min=1, help="Jobs claimed and extracted together."),
    lease: float = typer.Option(DEFAULT_LEASE_S, min=1, help="Seconds a job stays leased without a heartbeat; "
                                                             "after that another worker retries it."),
    burst: bool = typer.Option(False, "--burst", help="Exit once no job is queued or running."),
    keep_done: str = typer.Option(DEFAULT_AGE, "--keep-done", help="Prune done jobs older than this (e.g. 12h, "
                                                                  "7d; checked hourly); `forever` keeps them."),
    retry_max: float = typer.Option(RETRY_MAX_S, "--retry-max", min=0.1,
                                    help="Longest pause between checks while the store or queue is down."),
) -> None:
    """Take articles from the queue (SQLite under data_dir, or Redis at GEOKG_REDIS_URL) and load them."""
    keep_done_s = None if keep_done == "forever" else parse_age(keep_done)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())  # finish the current batch, then exit
    queue = open_queue()
    store = open_store(lazy_schema=True)  # a store that is down makes the worker wait, not exit
    try:
        worker = Worker(queue, store, batch=batch, lease_s=lease, keep_done_s=keep_done_s, retry_max_s=retry_max)
        typer.echo(f"worker {worker.name} ready", err=True)

        def show(job: Job, outcome: str) -> None:
            if outcome == "failed":
                typer.secho(f"job {job.id} ({job.article.get('id')}) failed", fg=typer.colors.YELLOW, err=True)

        stats = worker.run(burst=burst, stop=stop, on_job=show)
    finally:
        store.close()
        queue.close()
    typer.echo(f"worker stopped: {stats.done} done, {stats.failed} failed, {stats.released} given back, "
               f"{stats.deferred} deferred over {stats.outages} outages", err=True)
