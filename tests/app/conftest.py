"""API fixtures: the fixture world loaded into each backend, served by the real app under uvicorn over HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from app.main import create_app
from graph.settings import Settings
from graph.store import open_store
from tests.conftest import NEO4J_URL
from tests.graph.fixtures import load_fixture_graph
from tests.live_server import live_server


def _settings(backend: str, tmp: Path) -> Settings:
    url = f"sqlite:///{tmp / 'api.sqlite'}" if backend == "sqlite" else NEO4J_URL
    return Settings(store=url, data_dir=tmp)


@pytest.fixture(scope="module", params=["sqlite", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def api(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    """A client of the app over a store holding the fixture world (read-only tests share it)."""
    settings = _settings(request.param, tmp_path_factory.mktemp("api"))
    store = open_store(settings=settings)
    store.clear()
    load_fixture_graph(store)
    store.close()
    with live_server(create_app(settings)) as base_url, httpx.Client(base_url=base_url, timeout=30) as client:
        yield client
