"""The durable job queue: SQLite under data_dir by default, Redis when GEOKG_REDIS_URL is set."""

from __future__ import annotations

from graph.settings import Settings, get_settings
from ingest.jobs.base import DONE, FAILED, QUEUED, RUNNING, STATES, Job, JobQueue

__all__ = ["DONE", "FAILED", "QUEUED", "RUNNING", "STATES", "Job", "JobQueue", "open_queue"]


def open_queue(settings: Settings | None = None) -> JobQueue:
    """The queue the settings name: Redis at redis_url, else the SQLite file data_dir/queue.sqlite."""
    settings = settings or get_settings()
    if settings.redis_url:
        from ingest.jobs.redis import RedisQueue

        return RedisQueue(settings.redis_url)
    from ingest.jobs.sqlite import SqliteQueue

    return SqliteQueue(settings.data_dir / "queue.sqlite")
