"""The embedded queue: a jobs table in a SQLite file with leases; no server needed."""

from __future__ import annotations

import fcntl
import json
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from graph.errors import NotFound
from ingest.jobs.base import (
    DEFAULT_LEASE_S,
    DEFAULT_MAX_ATTEMPTS,
    DONE,
    FAILED,
    QUEUED,
    RUNNING,
    STATES,
    Job,
    died_message,
)

SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    state TEXT NOT NULL,
    article TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    error TEXT,
    result TEXT,
    worker TEXT,
    lease_until REAL,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS jobs_by_state ON jobs (state, seq);
"""
POLL_S = 0.2


class SqliteQueue:
    """Jobs in one SQLite file (WAL); a claim takes the write lock, so two workers never get the same job."""

    def __init__(self, path: Path, *, max_attempts: int = DEFAULT_MAX_ATTEMPTS) -> None:
        self.path = path
        self.max_attempts = max_attempts
        self._local = threading.local()
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._conn() as conn:
            conn.executescript(SCHEMA)

    def _conn(self) -> sqlite3.Connection:
        """This thread's connection (sqlite3 connections must not be shared between threads)."""
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            self._local.conn = conn
        return conn

    def enqueue(self, articles: Sequence[dict[str, Any]]) -> list[str]:
        now = time.time()
        ids = [uuid.uuid4().hex for _ in articles]
        conn = self._conn()
        with conn:
            conn.execute("BEGIN IMMEDIATE")
            conn.executemany(
                "INSERT INTO jobs (id, state, article, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                [(job_id, QUEUED, json.dumps(article), now, now)
                 for job_id, article in zip(ids, articles, strict=True)],
            )
        return ids

    def claim(self, worker: str, *, limit: int = 1, lease_s: float = DEFAULT_LEASE_S,
              wait_s: float = 1.0) -> list[Job]:
        deadline = time.monotonic() + wait_s
        while True:
            jobs = self._claim_now(worker, limit, lease_s)
            if jobs or time.monotonic() >= deadline:
                return jobs
            time.sleep(POLL_S)

    def _claim_now(self, worker: str, limit: int, lease_s: float) -> list[Job]:
        now = time.time()
        conn = self._conn()
        with conn:
            conn.execute("BEGIN IMMEDIATE")
            self._reap(conn, now)
            rows = conn.execute("SELECT id FROM jobs WHERE state = ? ORDER BY seq LIMIT ?", (QUEUED, limit)).fetchall()
            ids = [r["id"] for r in rows]
            conn.executemany(
                "UPDATE jobs SET state = ?, worker = ?, lease_until = ?, attempts = attempts + 1, updated_at = ? "
                "WHERE id = ?", [(RUNNING, worker, now + lease_s, now, job_id) for job_id in ids])
            return [self._job(conn, job_id) for job_id in ids]

    def _reap(self, conn: sqlite3.Connection, now: float) -> None:
        """Jobs whose lease ran out (their worker died): back to the queue, or failed after max_attempts."""
        expired = conn.execute("SELECT id, attempts FROM jobs WHERE state = ? AND lease_until < ?",
                               (RUNNING, now)).fetchall()
        for row in expired:
            if row["attempts"] >= self.max_attempts:
                conn.execute("UPDATE jobs SET state = ?, error = ?, lease_until = NULL, updated_at = ? WHERE id = ?",
                             (FAILED, died_message(row["attempts"]), now, row["id"]))
            else:
                conn.execute("UPDATE jobs SET state = ?, lease_until = NULL, updated_at = ? WHERE id = ?",
                             (QUEUED, now, row["id"]))

    def extend(self, job_ids: Sequence[str], *, lease_s: float = DEFAULT_LEASE_S) -> None:
        now = time.time()
        conn = self._conn()
        with conn:
            conn.executemany("UPDATE jobs SET lease_until = ? WHERE id = ? AND state = ?",
                             [(now + lease_s, job_id, RUNNING) for job_id in job_ids])

    def complete(self, job_id: str, result: dict[str, Any]) -> None:
        self._finish(job_id, DONE, result=json.dumps(result), error=None)

    def fail(self, job_id: str, error: str) -> None:
        self._finish(job_id, FAILED, result=None, error=error)

    def _finish(self, job_id: str, state: str, *, result: str | None, error: str | None) -> None:
        conn = self._conn()
        with conn:
            conn.execute("UPDATE jobs SET state = ?, result = ?, error = ?, lease_until = NULL, updated_at = ? "
                         "WHERE id = ?", (state, result, error, time.time(), job_id))

    def release(self, job_id: str, error: str) -> None:
        conn = self._conn()
        with conn:
            conn.execute("BEGIN IMMEDIATE")
            job = self._job(conn, job_id)
            state = FAILED if job.attempts >= self.max_attempts else QUEUED
            conn.execute("UPDATE jobs SET state = ?, error = ?, lease_until = NULL, updated_at = ? WHERE id = ?",
                         (state, error, time.time(), job_id))

    def defer(self, job_ids: Sequence[str], reason: str) -> None:
        conn = self._conn()
        with conn:  # back at their old place in the queue, since claims go by seq
            conn.executemany("UPDATE jobs SET state = ?, attempts = max(attempts - 1, 0), error = ?, "
                             "lease_until = NULL, updated_at = ? WHERE id = ? AND state = ?",
                             [(QUEUED, reason, time.time(), job_id, RUNNING) for job_id in job_ids])

    def get(self, job_id: str) -> Job:
        return self._job(self._conn(), job_id)

    def _job(self, conn: sqlite3.Connection, job_id: str) -> Job:
        row = conn.execute("SELECT * FROM jobs WHERE id = ?", (job_id,)).fetchone()
        if row is None:
            raise NotFound(f"no job with id {job_id!r}")
        return _row_job(row)

    def jobs(self, *, state: str | None = None, limit: int = 50) -> list[Job]:
        where, args = ("WHERE state = ?", [state]) if state else ("", [])
        rows = self._conn().execute(f"SELECT * FROM jobs {where} ORDER BY seq DESC LIMIT ?", [*args, limit])
        return [_row_job(r) for r in rows]

    def counts(self) -> dict[str, int]:
        rows = self._conn().execute("SELECT state, count(*) AS n FROM jobs GROUP BY state").fetchall()
        return {state: 0 for state in STATES} | {r["state"]: r["n"] for r in rows}

    def retry_failed(self) -> int:
        conn = self._conn()
        with conn:
            cursor = conn.execute("UPDATE jobs SET state = ?, attempts = 0, updated_at = ? WHERE state = ?",
                                  (QUEUED, time.time(), FAILED))
        return cursor.rowcount

    def prune(self, *, older_than_s: float, states: Sequence[str] = (DONE,)) -> int:
        finished = [state for state in states if state in (DONE, FAILED)]  # live jobs are never pruned
        if not finished:
            return 0
        conn = self._conn()
        with conn:
            cursor = conn.execute(
                f"DELETE FROM jobs WHERE state IN ({', '.join('?' * len(finished))}) AND updated_at < ?",
                [*finished, time.time() - older_than_s])
        return cursor.rowcount

    @contextmanager
    def load_lock(self) -> Iterator[None]:
        """An exclusive flock on queue.lock next to the queue file (the SQLite queue is one machine's)."""
        with self.path.with_suffix(".lock").open("a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def purge(self) -> None:
        conn = self._conn()
        with conn:
            conn.execute("DELETE FROM jobs")

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None


def _row_job(row: sqlite3.Row) -> Job:
    return Job(id=row["id"], state=row["state"], article=json.loads(row["article"]), attempts=row["attempts"],
               error=row["error"], result=json.loads(row["result"]) if row["result"] else None,
               created_at=row["created_at"], updated_at=row["updated_at"])
