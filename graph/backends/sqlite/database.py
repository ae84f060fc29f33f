"""SQLite connections: one writer behind a lock, one read connection per thread (datasette's pattern)."""

from __future__ import annotations

import sqlite3
import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from graph.errors import Conflict, GeokgError, StoreUnavailable, map_exceptions

# Every sqlite3 error leaves the backend as one of ours; a constraint violation is a conflicting write.
SQLITE_ERRORS: dict[type[BaseException], type[GeokgError]] = {
    sqlite3.IntegrityError: Conflict,
    sqlite3.Error: StoreUnavailable,
    OSError: StoreUnavailable,
}
PROGRESS_STEPS = 5_000  # virtual-machine steps between checks of the read deadline


@contextmanager
def sqlite_errors_mapped() -> Iterator[None]:
    """Translate sqlite3 (and file system) errors into geokg errors."""
    with map_exceptions(SQLITE_ERRORS, prefix="sqlite: "):
        yield


class _Connection(sqlite3.Connection):
    """A connection that can be weakly referenced, so a dead thread's reader is freed with it."""


class Database:
    """A SQLite file opened for a multi-threaded server; reads never wait for the writer."""

    def __init__(self, path: Path, *, timeout_s: float) -> None:
        self.path = path
        self.timeout_s = timeout_s
        self._local = threading.local()
        self._write_lock = threading.Lock()
        self._registry_lock = threading.Lock()
        self._connections: weakref.WeakSet[sqlite3.Connection] = weakref.WeakSet()
        self._closed = False
        with sqlite_errors_mapped():
            path.parent.mkdir(parents=True, exist_ok=True)
            self._writer = self._connect(cache_mb=256)  # bulk loads touch index pages all over the file
            self._writer.execute("PRAGMA journal_mode=WAL")
            # checkpoint every ~64 MB rather than 4 MB: bulk loads rewrite hot index pages far less often
            self._writer.execute("PRAGMA wal_autocheckpoint=16384")

    def _connect(self, *, cache_mb: int = 16) -> sqlite3.Connection:
        # check_same_thread=False only so that close() may run on any thread; each
        # connection is otherwise used by one thread (readers) or under the lock (writer).
        conn = sqlite3.connect(self.path, timeout=self.timeout_s, isolation_level=None, check_same_thread=False,
                               factory=_Connection)
        conn.row_factory = sqlite3.Row
        for pragma in ("synchronous=NORMAL", "foreign_keys=ON", f"cache_size=-{cache_mb * 1024}",
                       "temp_store=MEMORY", "mmap_size=4294967296"):
            conn.execute(f"PRAGMA {pragma}")
        with self._registry_lock:
            self._connections.add(conn)
        return conn

    def _reader(self) -> sqlite3.Connection:
        if self._closed:
            raise StoreUnavailable("sqlite: the store is closed")
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._connect()
            conn.execute("PRAGMA query_only=ON")
            self._local.conn = conn
        return conn

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """A read transaction (one consistent snapshot) that is interrupted after timeout_s."""
        with sqlite_errors_mapped():
            conn = self._reader()
            deadline = time.monotonic() + self.timeout_s
            conn.set_progress_handler(lambda: time.monotonic() > deadline, PROGRESS_STEPS)
            conn.execute("BEGIN")
            try:
                yield conn
            except sqlite3.OperationalError as exc:
                if "interrupted" in str(exc):
                    raise StoreUnavailable(f"sqlite: query took longer than {self.timeout_s}s") from exc
                raise
            finally:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                conn.set_progress_handler(None, 0)

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction on the single writer: all of it commits or none of it."""
        with self._write_lock, sqlite_errors_mapped():
            if self._closed:
                raise StoreUnavailable("sqlite: the store is closed")
            conn = self._writer
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def close(self) -> None:
        """Close every connection this database opened, on any thread."""
        with self._write_lock, self._registry_lock:
            self._closed = True
            for conn in list(self._connections):
                conn.close()
            self._connections.clear()
