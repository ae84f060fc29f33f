"""One driver per store: managed read/write transactions with a timeout, and driver errors mapped once."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Concatenate, ParamSpec, TypeVar

import neo4j
from neo4j import exceptions as neo4j_errors

from graph.errors import Conflict, GeokgError, StoreUnavailable, map_exceptions

R = TypeVar("R")
P = ParamSpec("P")
Work = Callable[Concatenate[neo4j.ManagedTransaction, P], R]

# Checked in order: the first matching class decides (a constraint violation is a conflicting write).
DRIVER_ERRORS: dict[type[BaseException], type[GeokgError]] = {
    neo4j_errors.ConstraintError: Conflict,
    neo4j_errors.AuthError: StoreUnavailable,
    neo4j_errors.ServiceUnavailable: StoreUnavailable,
    neo4j_errors.SessionExpired: StoreUnavailable,
    neo4j_errors.Neo4jError: StoreUnavailable,
    neo4j_errors.DriverError: StoreUnavailable,
    OSError: StoreUnavailable,
}


class Client:
    """The store's connection to one Neo4j database over one driver."""

    def __init__(self, url: str, *, user: str, password: str, database: str, timeout_s: float) -> None:
        self.url = url
        self.database = database
        self.timeout_s = timeout_s
        auth = (user, password) if password else None  # `geokg neo4j start` runs without auth
        with self.errors_mapped():
            self.driver = neo4j.GraphDatabase.driver(
                url, auth=auth, connection_timeout=min(timeout_s, 5.0), max_transaction_retry_time=timeout_s,
                notifications_min_severity="OFF")

    @contextmanager
    def errors_mapped(self) -> Iterator[None]:
        """Translate driver errors into geokg errors that name the server."""
        with map_exceptions(DRIVER_ERRORS, prefix=f"neo4j at {self.url}: "):
            yield

    def _session(self) -> neo4j.Session:
        return self.driver.session(database=self.database)

    def read(self, work: Work[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
        """Run `work(tx, ...)` in a managed read transaction (retried on transient errors)."""
        timed = neo4j.unit_of_work(timeout=self.timeout_s)(work)
        with self.errors_mapped(), self._session() as session:
            return session.execute_read(timed, *args, **kwargs)

    def write(self, work: Work[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
        """Run `work(tx, ...)` in a managed write transaction: all of it commits or none of it."""
        timed = neo4j.unit_of_work(timeout=self.timeout_s)(work)
        with self.errors_mapped(), self._session() as session:
            return session.execute_write(timed, *args, **kwargs)

    def fetch(self, query: str, **params: Any) -> list[neo4j.Record]:
        """Every record of one read query."""
        return self.read(lambda tx: list(tx.run(query, params)))

    def execute(self, query: str, **params: Any) -> None:
        """Run one write query in its own managed transaction."""
        self.write(lambda tx: tx.run(query, params).consume())

    def autocommit(self, query: str, *, timeout_s: float | None = None, **params: Any) -> None:
        """Run one auto-commit query (needed for CALL { } IN TRANSACTIONS and schema changes)."""
        with self.errors_mapped(), self._session() as session:
            session.run(neo4j.Query(query, timeout=timeout_s or self.timeout_s), params).consume()

    def close(self) -> None:
        with self.errors_mapped():
            self.driver.close()
