"""Shared fixtures: one `store` fixture parametrized over both real backends.

Neo4j is the real server started by `geokg neo4j start` (the test command and .ci/run start it);
its Bolt URL comes from GEOKG_TEST_NEO4J_URL (default bolt://127.0.0.1:17687, a port of its own so the
tests never clear a development database on 7687). A missing server
fails the neo4j-marked tests: deselect them with `-m "not neo4j"` to run without one.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.settings import Settings
from graph.store import GraphStore, open_store

NEO4J_URL = os.environ.get("GEOKG_TEST_NEO4J_URL", "bolt://127.0.0.1:17687")


@pytest.fixture(scope="session")
def neo4j_store() -> Iterator[GraphStore]:
    """One connection to the real Neo4j server for the whole session."""
    store = open_store(NEO4J_URL, settings=Settings(store=NEO4J_URL))
    yield store
    store.clear()
    store.close()


def _make_store(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> GraphStore:
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'test.sqlite'}"
        return open_store(url, settings=Settings(store=url))
    store: GraphStore = request.getfixturevalue("neo4j_store")
    store.clear()
    return store


@pytest.fixture(params=["sqlite", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    """An empty store of each backend; the same test runs against both."""
    store = _make_store(request.param, tmp_path, request)
    yield store
    if request.param == "sqlite":
        store.close()
