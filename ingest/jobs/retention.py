"""Finished jobs are kept for a while, for `geokg jobs` to show, then pruned by the workers."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from ingest.jobs.base import DEFAULT_DONE_RETENTION_S, DONE, JobQueue

logger = logging.getLogger(__name__)

PRUNE_EVERY_S = 3600.0  # pruning is a scan of the done jobs: once an hour per worker is plenty


class DonePruner:
    """Deletes done jobs older than the retention, at most once per `every_s` (the first call always runs)."""

    def __init__(self, queue: JobQueue, *, retention_s: float | None = DEFAULT_DONE_RETENTION_S,
                 every_s: float = PRUNE_EVERY_S, clock: Callable[[], float] = time.monotonic) -> None:
        self.queue = queue
        self.retention_s = retention_s  # None: keep done jobs forever
        self.every_s = every_s
        self._clock = clock
        self._next: float | None = None

    def maybe_prune(self) -> int:
        """Prune if it is time to; returns how many jobs were deleted."""
        if self.retention_s is None or (self._next is not None and self._clock() < self._next):
            return 0
        self._next = self._clock() + self.every_s
        pruned = self.queue.prune(older_than_s=self.retention_s, states=(DONE,))
        if pruned:
            logger.info("pruned %d done jobs older than %.0f s", pruned, self.retention_s)
        return pruned
