"""`geokg ingest`: articles from files, directories, pages and feeds into the store, here or via the queue."""

from __future__ import annotations

import time
from collections.abc import Iterator

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from graph.store import open_store
from ingest.articles import ArticleIn
from ingest.jobs import DONE, FAILED, JobQueue, open_queue
from ingest.runner import default_jobs, ingest
from ingest.sources import SourceItem, SourceProblem, estimate_total, read_sources

ENQUEUE_BATCH = 500
# Each extra process loads the models again (seconds of CPU), which only pays off on larger inputs.
ARTICLES_PER_PROCESS = 100


def _progress(label: str) -> Progress:
    return Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=Console(stderr=True), transient=True)


def ingest_command(
    sources: list[str] = typer.Argument(..., help="Article files (.jsonl .json .txt .md .html), directories "
                                                  "of them, web pages or RSS/Atom feed URLs."),
    jobs: int = typer.Option(0, "--jobs", "-j", min=0, help="Extraction processes; 0: one per core, "
                                                            f"but one per {ARTICLES_PER_PROCESS} articles at most."),
    chunk_size: int = typer.Option(16, min=1, help="Articles extracted together by one process."),
    enqueue: bool = typer.Option(False, "--enqueue", help="Queue the articles for `geokg worker` instead."),
    wait: bool = typer.Option(False, "--wait", help="With --enqueue: show progress until the workers are done."),
) -> None:
    """Extract events from articles and load them into the store (re-ingesting is safe)."""
    total = estimate_total(sources)
    if enqueue:
        _enqueue(read_sources(sources), total=total, wait=wait)
        return
    if jobs == 0:
        jobs = default_jobs() if total is None else max(1, min(default_jobs(), total // ARTICLES_PER_PROCESS))
    store = open_store()
    try:
        with _progress("ingesting") as progress:
            task = progress.add_task("ingest", total=total)
            report = ingest(store, read_sources(sources), jobs=jobs, chunk_size=chunk_size,
                            on_item=lambda: progress.advance(task))
    finally:
        store.close()
    typer.echo(report.summary(), err=True)
    for problem in report.failed:
        typer.secho(f"skipped {problem}", fg=typer.colors.YELLOW, err=True)
    if report.failed and not report.articles:
        raise typer.Exit(1)


def _enqueue(items: Iterator[SourceItem], *, total: int | None, wait: bool) -> None:
    queue = open_queue()
    try:
        job_ids, problems = _enqueue_all(queue, items)
        typer.echo(f"queued {len(job_ids)} articles; run `geokg worker` to process them", err=True)
        for problem in problems:
            typer.secho(f"skipped {problem}", fg=typer.colors.YELLOW, err=True)
        if wait and job_ids:
            _wait_for(queue, job_ids)
    finally:
        queue.close()
    if problems and not job_ids:
        raise typer.Exit(1)


def _enqueue_all(queue: JobQueue, items: Iterator[SourceItem]) -> tuple[list[str], list[SourceProblem]]:
    job_ids: list[str] = []
    problems: list[SourceProblem] = []
    batch: list[ArticleIn] = []
    for item in items:
        if isinstance(item, SourceProblem):
            problems.append(item)
            continue
        batch.append(item)
        if len(batch) >= ENQUEUE_BATCH:
            job_ids += queue.enqueue([a.model_dump() for a in batch])
            batch.clear()
    if batch:
        job_ids += queue.enqueue([a.model_dump() for a in batch])
    return job_ids, problems


def _wait_for(queue: JobQueue, job_ids: list[str]) -> None:
    """Poll the queued jobs until each is done or failed; then list the failures."""
    pending = set(job_ids)
    failed: list[str] = []
    with _progress("waiting for workers") as progress:
        task = progress.add_task("wait", total=len(job_ids))
        while pending:
            for job_id in list(pending):
                job = queue.get(job_id)
                if job.state in (DONE, FAILED):
                    pending.discard(job_id)
                    progress.advance(task)
                    if job.state == FAILED:
                        failed.append(f"{job.article.get('id')} (job {job.id}): {job.error}")
            if pending:
                time.sleep(0.5)
    typer.echo(f"{len(job_ids) - len(failed)} done, {len(failed)} failed", err=True)
    for problem in failed:
        typer.secho(f"failed {problem}", fg=typer.colors.YELLOW, err=True)
