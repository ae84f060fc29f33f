"""The scaled-out queue on Redis: BLMOVE to a processing list, leases in a sorted set, and a reaper."""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import redis

from graph.errors import GeokgError, NotFound, StoreUnavailable, map_exceptions
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

# Requeue a job whose lease expired, unless a worker finished it meanwhile (then it is no longer in processing).
REAP = """
local id = ARGV[1]
redis.call('ZREM', KEYS[2], id)
if redis.call('LREM', KEYS[1], 1, id) == 0 then return 0 end
local job = KEYS[4] .. id
local attempts = tonumber(redis.call('HGET', job, 'attempts') or '0')
local now = ARGV[2]
redis.call('ZREM', KEYS[5] .. 'running', id)
if attempts >= tonumber(ARGV[3]) then
  redis.call('HSET', job, 'state', 'failed', 'error', ARGV[4] .. attempts .. ARGV[5], 'updated_at', now)
  redis.call('ZADD', KEYS[5] .. 'failed', redis.call('HGET', job, 'created_at'), id)
else
  redis.call('HSET', job, 'state', 'queued', 'updated_at', now)
  redis.call('ZADD', KEYS[5] .. 'queued', redis.call('HGET', job, 'created_at'), id)
  redis.call('RPUSH', KEYS[3], id)
end
return 1
"""
# Give a running job back without using up an attempt, unless it is no longer in processing (reaped).
DEFER = """
local id = ARGV[1]
if redis.call('LREM', KEYS[1], 1, id) == 0 then return 0 end
local job = KEYS[4] .. id
redis.call('ZREM', KEYS[2], id)
redis.call('ZREM', KEYS[5] .. 'running', id)
redis.call('ZADD', KEYS[5] .. 'queued', ARGV[2], id)
if tonumber(redis.call('HGET', job, 'attempts') or '0') > 0 then redis.call('HINCRBY', job, 'attempts', -1) end
redis.call('HSET', job, 'state', 'queued', 'error', ARGV[3], 'updated_at', ARGV[2])
redis.call('RPUSH', KEYS[3], id)
return 1
"""
# Delete a finished job if it is still in that state and was last updated before the cutoff.
PRUNE = """
local id = ARGV[1]
local job = KEYS[1] .. id
if redis.call('HGET', job, 'state') ~= ARGV[2] then return 0 end
if tonumber(redis.call('HGET', job, 'updated_at') or '0') >= tonumber(ARGV[3]) then return 0 end
redis.call('DEL', job)
redis.call('ZREM', KEYS[2], id)
return 1
"""
logger = logging.getLogger(__name__)
LOAD_LOCK_TIMEOUT_S = 30  # a dead worker's lock frees itself after this long; one load takes ~1 s

REDIS_ERRORS: dict[type[BaseException], type[GeokgError]] = {redis.RedisError: StoreUnavailable}


class RedisQueue:
    """Jobs as hashes; ids move queued list -> processing list atomically, so a crash never loses one."""

    def __init__(self, url: str, *, prefix: str = "geokg:", max_attempts: int = DEFAULT_MAX_ATTEMPTS,
                 reap_every_s: float = 2.0) -> None:
        self.max_attempts = max_attempts
        # Any: redis-py's stubs type every reply as bytes | str even with decode_responses=True.
        self._redis: Any = redis.Redis.from_url(url, decode_responses=True, socket_timeout=30)
        self._p = prefix
        self._queued, self._processing, self._leases = prefix + "queued", prefix + "processing", prefix + "leases"
        self._reap_script = self._redis.register_script(REAP)
        self._prune_script = self._redis.register_script(PRUNE)
        self._defer_script = self._redis.register_script(DEFER)
        self._reap_every_s = reap_every_s
        self._last_reap = 0.0

    def _job_key(self, job_id: str) -> str:
        return f"{self._p}job:{job_id}"

    def _state_key(self, state: str) -> str:
        return f"{self._p}state:{state}"

    def enqueue(self, articles: Sequence[dict[str, Any]]) -> list[str]:
        now = time.time()
        ids = [uuid.uuid4().hex for _ in articles]
        with map_exceptions(REDIS_ERRORS, "redis: "):
            pipe = self._redis.pipeline(transaction=True)
            for job_id, article in zip(ids, articles, strict=True):
                pipe.hset(self._job_key(job_id), mapping={
                    "state": QUEUED, "article": json.dumps(article), "attempts": 0,
                    "created_at": now, "updated_at": now})
                pipe.zadd(self._state_key(QUEUED), {job_id: now})
                pipe.lpush(self._queued, job_id)
            pipe.execute()
        return ids

    def claim(self, worker: str, *, limit: int = 1, lease_s: float = DEFAULT_LEASE_S,
              wait_s: float = 1.0) -> list[Job]:
        with map_exceptions(REDIS_ERRORS, "redis: "):
            self._maybe_reap(lease_s)
            first = self._redis.blmove(self._queued, self._processing, max(wait_s, 0.01), "RIGHT", "LEFT")
            if first is None:
                return []
            ids = [first]
            while len(ids) < limit:
                more = self._redis.lmove(self._queued, self._processing, "RIGHT", "LEFT")
                if more is None:
                    break
                ids.append(more)
            now = time.time()
            pipe = self._redis.pipeline(transaction=True)
            pipe.zadd(self._leases, {job_id: now + lease_s for job_id in ids})
            for job_id in ids:
                pipe.hincrby(self._job_key(job_id), "attempts", 1)
                pipe.hset(self._job_key(job_id), mapping={"state": RUNNING, "worker": worker, "updated_at": now})
                pipe.zrem(self._state_key(QUEUED), job_id)
                pipe.zadd(self._state_key(RUNNING), {job_id: now})
            pipe.execute()
            return [self.get(job_id) for job_id in ids]

    def _maybe_reap(self, lease_s: float) -> None:
        if time.monotonic() - self._last_reap >= self._reap_every_s:
            self._last_reap = time.monotonic()
            self.reap(lease_s)

    def reap(self, lease_s: float = DEFAULT_LEASE_S) -> int:
        """Requeue jobs whose lease expired; returns how many. Any worker (or `geokg jobs`) may run it."""
        now = time.time()
        with map_exceptions(REDIS_ERRORS, "redis: "):
            # A worker killed between BLMOVE and its ZADD left an id with no lease: give it one, so it expires.
            in_flight = self._redis.lrange(self._processing, 0, -1)
            if in_flight:
                self._redis.zadd(self._leases, {job_id: now + lease_s for job_id in in_flight}, nx=True)
            expired = self._redis.zrangebyscore(self._leases, "-inf", now)
            prefix, suffix = died_message(0).split("0", 1)
            return sum(int(self._reap_script(
                keys=[self._processing, self._leases, self._queued, f"{self._p}job:", f"{self._p}state:"],
                args=[job_id, now, self.max_attempts, prefix, suffix])) for job_id in expired)

    def extend(self, job_ids: Sequence[str], *, lease_s: float = DEFAULT_LEASE_S) -> None:
        if job_ids:
            with map_exceptions(REDIS_ERRORS, "redis: "):
                self._redis.zadd(self._leases, {job_id: time.time() + lease_s for job_id in job_ids}, xx=True)

    def complete(self, job_id: str, result: dict[str, Any]) -> None:
        self._finish(job_id, DONE, {"result": json.dumps(result), "error": ""})

    def fail(self, job_id: str, error: str) -> None:
        self._finish(job_id, FAILED, {"error": error})

    def _finish(self, job_id: str, state: str, fields: dict[str, str]) -> None:
        now = time.time()
        with map_exceptions(REDIS_ERRORS, "redis: "):
            pipe = self._redis.pipeline(transaction=True)
            pipe.lrem(self._processing, 1, job_id)
            pipe.lrem(self._queued, 0, job_id)  # the reaper may have requeued it while we were finishing
            pipe.zrem(self._leases, job_id)
            for other in STATES:
                pipe.zrem(self._state_key(other), job_id)
            pipe.zadd(self._state_key(state), {job_id: now})
            pipe.hset(self._job_key(job_id), mapping={"state": state, "updated_at": now, **fields})
            pipe.execute()

    def release(self, job_id: str, error: str) -> None:
        job = self.get(job_id)
        if job.attempts >= self.max_attempts:
            self.fail(job_id, error)
            return
        now = time.time()
        with map_exceptions(REDIS_ERRORS, "redis: "):
            pipe = self._redis.pipeline(transaction=True)
            pipe.lrem(self._processing, 1, job_id)
            pipe.zrem(self._leases, job_id)
            pipe.zrem(self._state_key(RUNNING), job_id)
            pipe.zadd(self._state_key(QUEUED), {job_id: now})
            pipe.hset(self._job_key(job_id), mapping={"state": QUEUED, "error": error, "updated_at": now})
            pipe.rpush(self._queued, job_id)
            pipe.execute()

    def defer(self, job_ids: Sequence[str], reason: str) -> None:
        now = time.time()
        keys = [self._processing, self._leases, self._queued, f"{self._p}job:", f"{self._p}state:"]
        with map_exceptions(REDIS_ERRORS, "redis: "):
            for job_id in reversed(job_ids):  # claims pop from the right: the first job is pushed last
                self._defer_script(keys=keys, args=[job_id, now, reason])

    def get(self, job_id: str) -> Job:
        with map_exceptions(REDIS_ERRORS, "redis: "):
            raw = self._redis.hgetall(self._job_key(job_id))
        if not raw:
            raise NotFound(f"no job with id {job_id!r}")
        return Job(id=job_id, state=raw["state"], article=json.loads(raw["article"]),
                   attempts=int(raw.get("attempts", 0)), error=raw.get("error") or None,
                   result=json.loads(raw["result"]) if raw.get("result") else None,
                   created_at=float(raw["created_at"]), updated_at=float(raw["updated_at"]))

    def jobs(self, *, state: str | None = None, limit: int = 50) -> list[Job]:
        with map_exceptions(REDIS_ERRORS, "redis: "):
            if state:
                ids = self._redis.zrevrange(self._state_key(state), 0, limit - 1)
            else:
                scored = [(score, job_id) for s in STATES
                          for job_id, score in self._redis.zrevrange(self._state_key(s), 0, limit - 1,
                                                                     withscores=True)]
                ids = [job_id for _, job_id in sorted(scored, reverse=True)[:limit]]
        return [self.get(job_id) for job_id in ids]

    def counts(self) -> dict[str, int]:
        with map_exceptions(REDIS_ERRORS, "redis: "):
            self.reap()
            return {state: int(self._redis.zcard(self._state_key(state))) for state in STATES}

    def retry_failed(self) -> int:
        with map_exceptions(REDIS_ERRORS, "redis: "):
            ids = self._redis.zrange(self._state_key(FAILED), 0, -1)
            now = time.time()
            pipe = self._redis.pipeline(transaction=True)
            for job_id in ids:
                pipe.zrem(self._state_key(FAILED), job_id)
                pipe.zadd(self._state_key(QUEUED), {job_id: now})
                pipe.hset(self._job_key(job_id), mapping={"state": QUEUED, "attempts": 0, "updated_at": now})
                pipe.lpush(self._queued, job_id)
            pipe.execute()
        return len(ids)

    def prune(self, *, older_than_s: float, states: Sequence[str] = (DONE,)) -> int:
        cutoff = time.time() - older_than_s
        pruned = 0
        with map_exceptions(REDIS_ERRORS, "redis: "):
            for state in (s for s in states if s in (DONE, FAILED)):  # live jobs are never pruned
                # A set's score is when the job got there, or its creation for reaped ones: never later
                # than updated_at, so every prunable job is in this range; the script checks updated_at.
                for job_id in self._redis.zrangebyscore(self._state_key(state), "-inf", cutoff):
                    pruned += int(self._prune_script(keys=[f"{self._p}job:", self._state_key(state)],
                                                     args=[job_id, state, cutoff]))
        return pruned

    @contextmanager
    def load_lock(self) -> Iterator[None]:
        """A Redis lock shared by every worker; it expires by itself if its holder dies."""
        with map_exceptions(REDIS_ERRORS, "redis: "):
            lock = self._redis.lock(self._p + "load-lock", timeout=LOAD_LOCK_TIMEOUT_S)
            lock.acquire()
        try:
            yield
        finally:
            try:
                lock.release()
            except redis.exceptions.LockError:  # held past its timeout: another worker may have loaded meanwhile
                logger.warning("the load lock expired before it was released")

    def purge(self) -> None:
        with map_exceptions(REDIS_ERRORS, "redis: "):
            keys = list(self._redis.scan_iter(match=self._p + "*", count=1000))
            if keys:
                self._redis.delete(*keys)

    def close(self) -> None:
        self._redis.close()
