"""The job queue contract on both backends: the SQLite file and a real redis-server."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from app.cli import cli
from graph.errors import NotFound
from graph.settings import get_settings
from ingest.jobs import DONE, FAILED, QUEUED, RUNNING, JobQueue
from ingest.jobs.redis import RedisQueue
from ingest.jobs.retention import DonePruner
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
    queue.claim("slow", lease_s=1.0, wait_s=0)
    for _ in range(3):  # 1.2 s in all, past the first lease; a CI stall under 0.6 s cannot break it
        time.sleep(0.4)
        queue.extend([job_id], lease_s=1.0)
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
    assert held.wait(30), "the first holder never got the lock"
    with queue.load_lock():
        order.append("second in")
    thread.join()
    assert order == ["first in", "first out", "second in"]


def test_defer_requeues_in_order_without_using_an_attempt(queue: JobQueue) -> None:
    ids = queue.enqueue(_articles(3))
    for _ in range(queue.max_attempts + 2):  # more outages than attempts: nothing fails
        claimed = queue.claim("w", limit=3, wait_s=0)
        assert [j.id for j in claimed] == ids and all(j.attempts == 1 for j in claimed)
        queue.defer(ids[1:], "store unavailable: neo4j down")
        queue.defer(ids[:1], "store unavailable: neo4j down")
    assert queue.counts() == {QUEUED: 3, RUNNING: 0, DONE: 0, FAILED: 0}
    assert queue.get(ids[0]).attempts == 0 and queue.get(ids[0]).error == "store unavailable: neo4j down"
    assert [j.id for j in queue.claim("w", limit=3, wait_s=0)] == ids


def test_prune_deletes_only_old_finished_jobs(queue: JobQueue) -> None:
    old_done, old_failed, new_done, waiting, running = queue.enqueue(_articles(5))
    queue.claim("w", limit=5, wait_s=0)
    queue.complete(old_done, {"status": "new"})
    queue.fail(old_failed, "poison")
    time.sleep(0.7)
    queue.complete(new_done, {"status": "new"})
    queue.release(waiting, "try again")
    assert queue.prune(older_than_s=0.5) == 1  # new_done is safe unless CI stalls half a second here
    with pytest.raises(NotFound):
        queue.get(old_done)
    assert queue.counts() == {QUEUED: 1, RUNNING: 1, DONE: 1, FAILED: 1}
    time.sleep(0.7)
    assert queue.prune(older_than_s=0.5, states=[DONE, FAILED]) == 2
    assert queue.counts() == {QUEUED: 1, RUNNING: 1, DONE: 0, FAILED: 0}
    assert queue.prune(older_than_s=0, states=[QUEUED, RUNNING]) == 0
    assert {j.id for j in queue.jobs()} == {waiting, running}


def _finish(queue: JobQueue, n: int) -> list[str]:
    ids = queue.enqueue(_articles(n))
    for job in queue.claim("w", limit=n, wait_s=0):
        queue.complete(job.id, {"status": "new"})
    return ids


def test_done_pruner_prunes_past_retention_at_most_once_per_interval(queue: JobQueue) -> None:
    now = [0.0]  # the pruner's interval clock, moved by hand; job ages are real (and only grow)
    pruner = DonePruner(queue, retention_s=0.1, every_s=60, clock=lambda: now[0])
    _finish(queue, 2)
    time.sleep(0.2)
    assert pruner.maybe_prune() == 2
    _finish(queue, 1)
    time.sleep(0.2)
    now[0] = 59.0
    assert pruner.maybe_prune() == 0  # not yet time: the new job survives though it is old enough
    assert queue.counts()[DONE] == 1
    now[0] = 60.0
    assert pruner.maybe_prune() == 1
    assert queue.counts()[DONE] == 0




@pytest.fixture
def run_jobs_command(tmp_path: Path) -> Iterator[Callable[..., Result]]:
    """Run `geokg jobs ...` in-process on the SQLite queue under tmp_path."""
    env = {"GEOKG_DATA_DIR": str(tmp_path), "GEOKG_REDIS_URL": ""}

    def run(*args: str) -> Result:
        get_settings.cache_clear()
        return CliRunner().invoke(cli, ["jobs", *args], env=env)

    yield run
    get_settings.cache_clear()


def test_prune_command_deletes_old_done_jobs_and_failed_ones_on_request(
        tmp_path: Path, run_jobs_command: Callable[..., Result]) -> None:
    queue = SqliteQueue(tmp_path / "queue.sqlite")
    done, failed, fresh_done, fresh_failed = queue.enqueue(_articles(4))
    queue.claim("w", limit=4, wait_s=0)
    for job_id in (done, fresh_done):
        queue.complete(job_id, {"status": "new"})
    for job_id in (failed, fresh_failed):
        queue.fail(job_id, "poison")
    with sqlite3.connect(tmp_path / "queue.sqlite") as conn:  # two of them finished two days ago
        conn.execute("UPDATE jobs SET updated_at = updated_at - 2 * 86400 WHERE id IN (?, ?)", (done, failed))
    first = run_jobs_command("prune", "--older-than", "1d")
    assert first.exit_code == 0 and "deleted 1 done jobs older than 1d" in first.output
    second = run_jobs_command("prune", "--older-than", "1d", "--failed")
    assert second.exit_code == 0 and "deleted 1 done and failed jobs" in second.output
    assert {j.id for j in queue.jobs()} == {fresh_done, fresh_failed}
    queue.close()


def test_prune_options_are_refused_without_prune(run_jobs_command: Callable[..., Result]) -> None:
    misuse = run_jobs_command("--failed")
    bad_age = run_jobs_command("prune", "--older-than", "soon")
    assert misuse.exit_code == 2 and "only `geokg jobs prune`" in misuse.output
    assert bad_age.exit_code == 2 and "not an age" in bad_age.output
