"""In-process ingestion: extraction in a pool of processes, loading into the store in the parent."""

from __future__ import annotations

import logging
import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from graph.errors import StoreUnavailable
from graph.store import GraphStore
from ingest.articles import ArticleIn
from ingest.loader import GraphLoader, LoadResult
from ingest.sources import SourceItem, SourceProblem

logger = logging.getLogger(__name__)

Extracted = list[dict[str, Any]] | str  # the events of an article as dicts, or why extraction failed
STORE_WAIT_S = 300.0  # how long a run waits for a store that went down before it gives up
RETRY_FIRST_S, RETRY_MAX_S = 0.5, 10.0  # pauses between pings of a store that is down


class StoreGone(StoreUnavailable):
    """The store stayed down for longer than the run would wait for it."""


def backoff(first_s: float, max_s: float) -> Iterator[float]:
    """Waits that double from `first_s` up to `max_s`."""
    delay = first_s
    while True:
        yield delay
        delay = min(delay * 2, max_s)


def store_answers(store: GraphStore) -> bool:
    """Whether the store answers a ping now."""
    try:
        store.ping()
    except StoreUnavailable:
        return False
    return True


@dataclass
class IngestReport:
    """What one ingest run did, for the CLI and the API to show."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    events_new: int = 0
    events_merged: int = 0
    failed: list[str] = field(default_factory=list)

    @property
    def articles(self) -> int:
        return self.new + self.updated + self.unchanged

    def add(self, result: LoadResult) -> None:
        setattr(self, result.status, getattr(self, result.status) + 1)
        self.events_new += result.events_new
        self.events_merged += result.events_merged

    def summary(self) -> str:
        return (f"articles: {self.new} new, {self.updated} updated, {self.unchanged} unchanged, "
                f"{len(self.failed)} failed; events: {self.events_new} new, "
                f"{self.events_merged} merged into existing ones")


def default_jobs() -> int:
    """Extraction processes by default: one per core this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


_extractor: Any = None  # one Extractor per pool process, built by _init_process


def _init_process() -> None:
    global _extractor
    from ingest.pipeline import Extractor

    _extractor = Extractor()


def extract_chunk(articles: Sequence[ArticleIn]) -> list[Extracted]:
    """Events of each article; if the chunk fails, articles are retried alone so one poison article fails alone."""
    if _extractor is None:
        _init_process()
    try:
        return [[e.model_dump(mode="json") for e in events]
                for events in _extractor.extract_many(articles, batch_size=len(articles))]
    except Exception:
        if len(articles) == 1:
            logger.exception("extraction failed for article %s", articles[0].id)
            return [f"extraction failed: {_reason()}"]
        return [extract_chunk([article])[0] for article in articles]


def _reason() -> str:
    import sys

    exc = sys.exc_info()[1]
    return f"{type(exc).__name__}: {exc}"


def _chunks(articles: Iterable[ArticleIn], size: int) -> Iterator[list[ArticleIn]]:
    chunk: list[ArticleIn] = []
    for article in articles:
        chunk.append(article)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def extract_all(articles: Iterable[ArticleIn], *, jobs: int = 1,
                chunk_size: int = 16) -> Iterator[tuple[ArticleIn, Extracted]]:
    """(article, events or error) in input order; `jobs` > 1 extracts chunks in that many processes."""
    if jobs <= 1:
        for chunk in _chunks(articles, chunk_size):
            yield from zip(chunk, extract_chunk(chunk), strict=True)
        return
    # spawn, not fork: the parent may hold store connections and threads that must not be copied.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_init_process) as pool:
        pending: deque[tuple[list[ArticleIn], Future[list[Extracted]]]] = deque()
        for chunk in _chunks(articles, chunk_size):
            pending.append((chunk, pool.submit(extract_chunk, chunk)))
            if len(pending) >= 2 * jobs:  # bounded look-ahead keeps memory flat on huge inputs
                done, future = pending.popleft()
                yield from zip(done, future.result(), strict=True)
        while pending:
            done, future = pending.popleft()
            yield from zip(done, future.result(), strict=True)


def ingest(store: GraphStore, items: Iterable[SourceItem], *, jobs: int = 1, chunk_size: int = 16,
           on_item: Callable[[], None] | None = None, store_wait_s: float = STORE_WAIT_S) -> IngestReport:
    """Extract and load every article; a bad input or article is reported and skipped, never fatal.

    A store that goes down is waited for (up to `store_wait_s`, then StoreGone), not blamed on the articles."""
    from ingest.kb import default_kb

    loader = GraphLoader.with_knowledge_base(store, default_kb())
    report = IngestReport()

    def articles_only() -> Iterator[ArticleIn]:
        for item in items:
            if isinstance(item, SourceProblem):
                report.failed.append(str(item))
                if on_item:
                    on_item()
            else:
                yield item

    for article, outcome in extract_all(articles_only(), jobs=jobs, chunk_size=chunk_size):
        if isinstance(outcome, str):
            report.failed.append(f"{article.id}: {outcome}")
        else:
            try:
                report.add(_load_waiting(loader, article, outcome, store_wait_s=store_wait_s, report=report))
            except StoreGone:
                raise
            except Exception as exc:  # one poison article must not stop the run
                logger.exception("could not load article %s", article.id)
                report.failed.append(f"{article.id}: could not load: {exc}")
        if on_item:
            on_item()
    return report


def _load_waiting(loader: GraphLoader, article: ArticleIn, events: list[dict[str, Any]], *, store_wait_s: float,
                  report: IngestReport) -> LoadResult:
    """Load one article; while the store does not answer, wait and load it again (loads are idempotent)."""
    deadline = time.monotonic() + store_wait_s
    pauses = backoff(RETRY_FIRST_S, RETRY_MAX_S)
    while True:
        try:
            return loader.load(article.model_dump(), events)
        except StoreUnavailable as exc:
            if store_answers(loader.store):  # the store is up: this load failed, the article is reported
                raise
            logger.warning("store down while loading article %s (%s); waiting for it", article.id, exc.message)
            while not store_answers(loader.store):
                if time.monotonic() >= deadline:
                    raise StoreGone(f"the store has not answered for {store_wait_s:.0f} s; gave up after "
                                    f"{report.articles} articles ({report.summary()}); run again to load the "
                                    "rest (articles already loaded are unchanged)") from exc
                time.sleep(min(next(pauses), max(deadline - time.monotonic(), 0.0)))
