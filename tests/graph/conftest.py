"""Fixtures of the store contract suite: the fixture world loaded into each backend."""

from __future__ import annotations

import pytest

from graph.store import GraphStore
from tests.graph.fixtures import load_fixture_graph


@pytest.fixture
def world(store: GraphStore) -> GraphStore:
    """A store of each backend holding the fixture world of tests/graph/fixtures.py."""
    load_fixture_graph(store)
    return store
