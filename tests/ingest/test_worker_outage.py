"""A store that is down defers jobs without using attempts; one that answers but fails a load uses them;
a queue that is down is waited for."""

from __future__ import annotations

import socket
import sqlite3
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from graph.settings import Settings
from graph.store import open_store
from ingest.jobs import DONE, FAILED, QUEUED, RUNNING
from ingest.jobs.redis import RedisQueue
from ingest.jobs.sqlite import SqliteQueue
from ingest.worker import Worker
from tests.faults.proxy import tcp_proxy
from tests.redis_server import redis_server

ARTICLES = [{"id": f"outage-{n}", "published_at": "2024-05-02",
             "text": f"Emmanuel Macron met Olaf Scholz in Paris on {n + 1} May 2024."} for n in range(3)]


def _closed_port() -> int:
    """A loopback port nothing listens on: connecting to it is refused, as to a killed server."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_defer_jobs_without_using_attempts_while_neo4j_is_down(tmp_path: Path) -> None:
    url = f"bolt://127.0.0.1:{_closed_port()}"
    store = open_store(url, settings=Settings(store=url, query_timeout_s=1), lazy_schema=True)
    queue = SqliteQueue(tmp_path / "queue.sqlite")
    queue.enqueue(ARTICLES)
    worker = Worker(queue, store, batch=2, retry_max_s=0.2)
    stop = threading.Event()
    thread = threading.Thread(target=worker.run, kwargs={"stop": stop})
    thread.start()
    try:
        deadline = time.monotonic() + 60
        while worker.stats.outages == 0:
            assert thread.is_alive() and time.monotonic() < deadline, "the worker never noticed the outage"
            time.sleep(0.05)
        time.sleep(2)  # about ten more pings, all refused: the worker keeps waiting
        assert thread.is_alive()
    finally:
        stop.set()
        thread.join(30)
        store.close()
    assert queue.counts() == {QUEUED: 3, RUNNING: 0, DONE: 0, FAILED: 0}
    first, second, third = sorted(queue.jobs(), key=lambda job: job.article["id"])
    assert [job.attempts for job in (first, second, third)] == [0, 0, 0]
    assert (first.error or "").startswith("store unavailable: neo4j at bolt://127.0.0.1")
    assert (second.error or "").startswith("store unavailable") and third.error is None  # never claimed
    assert (worker.stats.deferred, worker.stats.released, worker.stats.failed, worker.stats.done) == (2, 0, 0, 0)
    queue.close()


def test_release_jobs_when_the_store_answers_but_their_load_fails(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'graph.sqlite'}"
    store = open_store(url, settings=Settings(store=url, query_timeout_s=0.5))
    queue = SqliteQueue(tmp_path / "queue.sqlite", max_attempts=2)
    (job_id,) = queue.enqueue(ARTICLES[:1])
    worker = Worker(queue, store, batch=1)
    stop = threading.Event()
    blocker = sqlite3.connect(tmp_path / "graph.sqlite", isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # another writer holds the file: reads and pings work, writes time out
    give_up = threading.Timer(60, stop.set)  # were the failures taken for an outage, it would wait for ever
    give_up.start()
    try:
        stats = worker.run(burst=True, stop=stop)
    finally:
        give_up.cancel()
        blocker.execute("ROLLBACK")
        blocker.close()
    job = queue.get(job_id)
    assert job.state == FAILED and job.attempts == 2 and "database is locked" in (job.error or "")
    assert (stats.released, stats.deferred, stats.outages) == (2, 0, 0)

    assert queue.retry_failed() == 1
    assert worker.run(burst=True).done == 1
    assert store.stats().articles == 1 and store.stats().events == 1
    store.close()
    queue.close()


@pytest.mark.redis
def test_wait_for_the_redis_queue_to_come_back(tmp_path: Path) -> None:
    store_url = f"sqlite:///{tmp_path / 'graph.sqlite'}"
    store = open_store(store_url, settings=Settings(store=store_url))
    with redis_server(tmp_path) as redis_url, tcp_proxy("127.0.0.1", urlsplit(redis_url).port or 6379) as proxy:
        queue = RedisQueue(f"redis://127.0.0.1:{proxy.port}/0", reap_every_s=0)
        queue.enqueue(ARTICLES)
        worker = Worker(queue, store, batch=1, retry_max_s=0.2)
        proxy.cut()  # Redis unreachable before the worker's first claim
        stop = threading.Event()
        thread = threading.Thread(target=worker.run, kwargs={"burst": True, "stop": stop})
        thread.start()
        try:
            deadline = time.monotonic() + 30
            while worker.stats.outages == 0:
                assert thread.is_alive() and time.monotonic() < deadline, "the worker never noticed the outage"
                time.sleep(0.05)
            time.sleep(1)
            assert thread.is_alive(), "the worker gave up on the queue"
            proxy.restore()
            thread.join(60)
        finally:
            stop.set()
            thread.join(10)
        assert (worker.stats.done, worker.stats.failed, worker.stats.outages) == (3, 0, 1)
        assert queue.counts() == {QUEUED: 0, RUNNING: 0, DONE: 3, FAILED: 0}
        queue.close()
    assert store.stats().articles == 3
    store.close()
