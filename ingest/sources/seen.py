"""Feed items already taken, per feed, in a small SQLite file under data_dir (for `geokg watch`)."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable
from pathlib import Path


class SeenItems:
    """Remembers feed item keys (guid or link) so that each item is ingested once."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(path, timeout=30, isolation_level=None)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("CREATE TABLE IF NOT EXISTS seen (feed TEXT NOT NULL, key TEXT NOT NULL, "
                           "seen_at REAL NOT NULL, PRIMARY KEY (feed, key))")

    def contains(self, feed: str, key: str) -> bool:
        return self._conn.execute("SELECT 1 FROM seen WHERE feed = ? AND key = ?", (feed, key)).fetchone() is not None

    def add(self, feed: str, keys: Iterable[str]) -> None:
        now = time.time()
        with self._conn:
            self._conn.executemany("INSERT OR IGNORE INTO seen (feed, key, seen_at) VALUES (?, ?, ?)",
                                   [(feed, key, now) for key in keys])

    def close(self) -> None:
        self._conn.close()
