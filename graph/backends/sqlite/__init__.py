"""The embedded SQLite store: one file, WAL, one writer, indexes for every query."""

from graph.backends.sqlite.store import SqliteStore

__all__ = ["SqliteStore"]
