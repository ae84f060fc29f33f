"""Neo4j killed with SIGKILL while the API serves and a worker bulk-ingests, then started again.

One outage serves both stories, since every Neo4j start costs tens of seconds: the API answers 503
(never 500, never a hang) and recovers by itself; the worker waits instead of failing jobs, and in
the end every article is in the graph once, exactly as an uninterrupted ingest leaves it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.main import create_app
from graph.models import EventFilter
from graph.settings import Settings
from graph.store import GraphStore, open_store
from ingest.articles import ArticleIn
from ingest.jobs import DONE, FAILED, QUEUED, RUNNING
from ingest.jobs.sqlite import SqliteQueue
from ingest.runner import ingest
from tests.faults.conftest import KillableNeo4j
from tests.faults.corpus import EVENTS, SECOND_REPORTS, bulk_articles
from tests.live_server import live_server

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]

GEOKG = str(Path(sys.executable).parent / "geokg")
QUERY_TIMEOUT_S = 8.0  # the API's and the worker's: generous, for a busy CI box
Snapshot = tuple[int, int, int, int, list[tuple[Any, ...]]]


def _snapshot(store: GraphStore) -> Snapshot:
    """Counts and every event by what it is (type, date, actors) and how many articles report it."""
    stats = store.stats()
    events = store.events(EventFilter(), limit=500).items
    return (stats.actors, stats.events, stats.articles, stats.reports,
            sorted((i.event.type, i.event.date, tuple(sorted(p.actor_id for p in i.event.participants)),
                    i.event.source_count) for i in events))


def _reference(tmp_path: Path) -> Snapshot:
    """The graph an uninterrupted in-process ingest of the corpus gives, in a fresh SQLite store."""
    url = f"sqlite:///{tmp_path / 'reference.sqlite'}"
    store = open_store(url, settings=Settings(store=url))
    try:
        report = ingest(store, [ArticleIn.model_validate(a) for a in bulk_articles()])
        assert report.new == len(bulk_articles()) and not report.failed, report.summary()
        return _snapshot(store)
    finally:
        store.close()


def _wait_for(condition: Callable[[], bool], what: str, *, timeout_s: float,
              alive: subprocess.Popen[str] | None = None, log: Path | None = None) -> None:
    """Poll `condition`; a failure shows the worker's log tail, the only witness of what it was doing."""
    def tail() -> str:
        return log.read_text()[-3000:] if log is not None and log.exists() else ""

    deadline = time.monotonic() + timeout_s
    while not condition():
        assert alive is None or alive.poll() is None, f"the worker exited while waiting for {what}\n{tail()}"
        assert time.monotonic() < deadline, f"no {what} after {timeout_s:.0f} s\n{tail()}"
        time.sleep(0.05)


def _assert_unavailable(response: httpx.Response) -> None:
    """503, Retry-After and the one error shape."""
    path = response.request.url.path
    assert response.status_code == 503, f"{path}: {response.status_code} {response.text}"
    assert int(response.headers["Retry-After"]) > 0
    error = response.json()["error"]
    assert response.json() == {"error": {"code": "store_unavailable", "message": error["message"]}}
    assert "neo4j" in error["message"]


@pytest.fixture
def worker_env(tmp_path: Path, killable_neo4j: KillableNeo4j) -> dict[str, str]:
    return {**os.environ, "GEOKG_DATA_DIR": str(tmp_path), "GEOKG_STORE": killable_neo4j.url,
            "GEOKG_REDIS_URL": "", "GEOKG_QUERY_TIMEOUT_S": str(QUERY_TIMEOUT_S)}


@pytest.fixture
def start_worker(worker_env: dict[str, str], tmp_path: Path) -> Iterator[Callable[[], subprocess.Popen[str]]]:
    """Starts a real `geokg worker --burst` logging to worker.log; killed if the test leaves it running."""
    workers: list[subprocess.Popen[str]] = []

    def start() -> subprocess.Popen[str]:
        with (tmp_path / "worker.log").open("w") as log:
            workers.append(subprocess.Popen([GEOKG, "worker", "--burst", "--batch", "4", "--retry-max", "1"],
                                            env=worker_env, stdout=subprocess.DEVNULL, stderr=log, text=True))
        return workers[-1]

    yield start
    for worker in workers:
        if worker.poll() is None:
            worker.kill()
        worker.wait()


def test_survive_neo4j_kill_during_reads_and_bulk_ingest(
        tmp_path: Path, killable_neo4j: KillableNeo4j, start_worker: Callable[[], subprocess.Popen[str]]) -> None:
    articles = bulk_articles()
    queue = SqliteQueue(tmp_path / "queue.sqlite")
    queue.enqueue(articles)
    log = tmp_path / "worker.log"
    # The JVM, the worker's models and the API start together; the worker waits for the store.
    started = killable_neo4j.start_in_background()
    worker = start_worker()
    settings = Settings(store=killable_neo4j.url, data_dir=tmp_path, query_timeout_s=QUERY_TIMEOUT_S)
    with live_server(create_app(settings)) as base_url, httpx.Client(base_url=base_url, timeout=60) as client:
        started()
        _wait_for(lambda: queue.counts()[DONE] >= 2, "article loaded", timeout_s=240, alive=worker, log=log)
        stats = client.get("/v1/stats")
        assert stats.status_code == 200, stats.text
        loaded_before = stats.json()["articles"]
        assert loaded_before >= 2
        timeline = client.get("/v1/actors/macron-emmanuel/timeline")
        assert timeline.status_code == 200, timeline.text

        # Taken before the kill: a commit cut off by it fails at once (not retried), so the worker may
        # give its batch back within the milliseconds kill() takes to see the process gone.
        killed_at = time.time()
        killable_neo4j.kill()
        left = queue.counts()
        assert left[QUEUED] + left[RUNNING] > 0, "the worker finished before the kill: nothing was tested"
        assert client.get("/healthz").status_code == 200
        paths = ["/readyz", "/v1/stats", "/v1/events?type=meeting", "/v1/actors/macron-emmanuel/timeline"]
        # At once, as clients would. The driver retries a refused connection for up to the query
        # timeout; a read that hung past that would end in the client's ReadTimeout, failing the test.
        with ThreadPoolExecutor(len(paths)) as pool:
            for response in pool.map(lambda path: client.get(path, timeout=4 * QUERY_TIMEOUT_S), paths):
                _assert_unavailable(response)

        # The worker notices, gives its batch back without using up attempts, and waits.
        _wait_for(lambda: any((j.error or "").startswith("store unavailable") and j.updated_at >= killed_at
                              for j in queue.jobs(state=QUEUED)), "job given back", timeout_s=60, alive=worker, log=log)
        restarted = killable_neo4j.start_in_background()
        reference = _reference(tmp_path)  # meanwhile, as the JVM starts: the graph an uninterrupted ingest gives
        assert worker.poll() is None, "the worker exited while the store was down"
        assert queue.counts()[FAILED] == 0
        # Given back without using up the attempt (a job timed out once by a slow server may show 1).
        assert max(job.attempts for job in queue.jobs(state=QUEUED, limit=len(articles))) <= 1
        restarted()

        # Ready at once; the first reads may still time out while the cold server plans its queries.
        _wait_for(lambda: client.get("/readyz").status_code == 200, "readiness after the restart", timeout_s=60)
        _wait_for(lambda: client.get("/v1/stats").status_code == 200, "stats after the restart", timeout_s=90)
        stats = client.get("/v1/stats")
        assert stats.status_code == 200 and stats.json()["articles"] >= loaded_before, stats.text

        assert worker.wait(timeout=300) == 0, log.read_text()[-3000:]
        outcome = re.fullmatch(r"worker stopped: (\d+) done, (\d+) failed, \d+ given back, "
                               r"(\d+) deferred over (\d+) outages", log.read_text().splitlines()[-1])
        assert outcome is not None, log.read_text()[-3000:]
        done, failed, deferred, outages = map(int, outcome.groups())
        assert (done, failed) == (len(articles), 0) and deferred >= 1 and outages >= 1, outcome[0]
        counts = queue.counts()
        assert counts[DONE] == len(articles) and counts[FAILED] == 0, counts
        stats = client.get("/v1/stats")
        assert stats.status_code == 200 and stats.json()["articles"] == len(articles), stats.text
    queue.close()

    store = open_store(killable_neo4j.url, settings=Settings(store=killable_neo4j.url))
    try:
        graph = _snapshot(store)
    finally:
        store.close()
    assert graph[:4] == (8, EVENTS, len(articles), len(articles))
    assert sum(count for *_, count in graph[4]) == EVENTS + SECOND_REPORTS
    assert graph == reference
