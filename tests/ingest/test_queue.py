"""The job queue contract on both backends: the SQLite file and a real redis-server."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.errors import NotFound
from ingest.jobs import DONE, FAILED, QUEUED, RUNNING, JobQueue
from ingest.jobs.redis import RedisQueue
from ingest.jobs.sqlite import SqliteQueue
from tests.redis_server import redis_server


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with redis_server(tmp_path_factory.mktemp("redis")) as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("redis", marks=pytest.mark.redis)])
def queue(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[JobQueue]:
    q: JobQueue
    if request.param == "sqlite":
        q = SqliteQueue(tmp_path / "queue.sqlite", max_attempts=2)
    else:
        q = RedisQueue(request.getfixturevalue("redis_url"), max_attempts=2, reap_every_s=0)
        q.purge()
    yield q
    q.close()


def _articles(n: int) -> list[dict[str, str]]:
    return [{"id": f"q{i}", "text": f"Article number {i}."} for i in range(n)]


def test_claim_hands_out_jobs_in_order_once(queue: JobQueue) -> None:
    ids = queue.enqueue(_articles(3))
    first = queue.claim("w1", limit=2, wait_s=0)
    second = queue.claim("w2", limit=2, wait_s=0)
    assert [j.id for j in first] == ids[:2]
    assert [j.id for j in second] == ids[2:]
    assert [j.article["id"] for j in first + second] == ["q0", "q1", "q2"]
    assert all(j.state == RUNNING and j.attempts == 1 for j in first + second)
    assert queue.claim("w3", wait_s=0) == []


def test_complete_and_fail_record_result_and_error(queue: JobQueue) -> None:
    ok, bad = queue.enqueue(_articles(2))
    queue.claim("w", limit=2, wait_s=0)
    queue.complete(ok, {"article_id": "q0", "status": "new"})
    queue.fail(bad, "extraction failed: boom")
    assert queue.get(ok).state == DONE and queue.get(ok).result == {"article_id": "q0", "status": "new"}
    assert queue.get(bad).state == FAILED and queue.get(bad).error == "extraction failed: boom"
    assert queue.counts() == {QUEUED: 0, RUNNING: 0, DONE: 1, FAILED: 1}
    assert [j.id for j in queue.jobs(state=FAILED)] == [bad]


def test_expired_lease_is_claimed_again_then_fails_after_max_attempts(queue: JobQueue) -> None:
    (job_id,) = queue.enqueue(_articles(1))
    assert queue.claim("dies", lease_s=0.2, wait_s=0)
    time.sleep(0.3)
    again = queue.claim("survivor", lease_s=0.2, wait_s=0.5)
    assert [j.id for j in again] == [job_id] and again[0].attempts == 2
    time.sleep(0.3)
    assert queue.claim("third", lease_s=0.2, wait_s=0.3) == []
    failed = queue.get(job_id)
    assert failed.state == FAILED and "stopped during this job 2 times" in (failed.error or "")


def test_extend_keeps_a_lease_alive(queue: JobQueue) -> None:
    (job_id,) = queue.enqueue(_articles(1))
    queue.claim("slow", lease_s=0.4, wait_s=0)
    for _ in range(3):
        time.sleep(0.2)
        queue.extend([job_id], lease_s=0.4)
    assert queue.claim("other", wait_s=0) == []
    assert queue.get(job_id).state == RUNNING


def test_release_requeues_until_max_attempts(queue: JobQueue) -> None:
    (job_id,) = queue.enqueue(_articles(1))
    queue.claim("w", wait_s=0)
    queue.release(job_id, "store unavailable")
    assert queue.get(job_id).state == QUEUED
    queue.claim("w", wait_s=0)
    queue.release(job_id, "store unavailable")
    assert queue.get(job_id).state == FAILED


def test_retry_failed_queues_them_again(queue: JobQueue) -> None:
    (job_id,) = queue.enqueue(_articles(1))
    queue.claim("w", wait_s=0)
    queue.fail(job_id, "poison")
    assert queue.retry_failed() == 1
    (job,) = queue.claim("w", wait_s=0)
    assert job.id == job_id and job.attempts == 1


def test_get_unknown_job_is_not_found(queue: JobQueue) -> None:
    with pytest.raises(NotFound):
        queue.get("nope")


def test_claim_waits_for_a_job(queue: JobQueue) -> None:
    started = time.monotonic()
    assert queue.claim("w", wait_s=0.5) == []
    assert time.monotonic() - started >= 0.4


def test_load_lock_lets_one_holder_in_at_a_time(queue: JobQueue) -> None:
    order: list[str] = []
    held = threading.Event()

    def first() -> None:
        with queue.load_lock():
            order.append("first in")
            held.set()
            time.sleep(0.3)
            order.append("first out")

    thread = threading.Thread(target=first)
    thread.start()
    held.wait(5)
    with queue.load_lock():
        order.append("second in")
    thread.join()
    assert order == ["first in", "first out", "second in"]
