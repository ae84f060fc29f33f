"""The fixture world in each backend, served by the real app under uvicorn, with an API key for the write side."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from app.auth import key_digest, new_key
from app.main import create_app
from graph.settings import Settings
from graph.store import open_store
from tests.conftest import NEO4J_URL
from tests.graph.fixtures import ARD, load_fixture_graph
from tests.live_server import live_server

KEY = new_key()


@dataclass(frozen=True)
class GraphSnapshot:
    """What the graph holds, as a client sees it: the counts and digests of every event and one network."""

    stats: dict[str, int]
    events_digest: str
    network_digest: str


def snapshot(client: httpx.Client) -> GraphSnapshot:
    """Read the whole graph over the API (the export streams every event with its actors and sources)."""
    export = client.get("/v1/export/events.jsonl")
    network = client.get(f"/v1/actors/{ARD}/network", params={"depth": 3})
    assert export.status_code == 200 and network.status_code == 200
    return GraphSnapshot(stats=client.get("/v1/stats").json(),
                         events_digest=hashlib.sha256(export.content).hexdigest(),
                         network_digest=hashlib.sha256(network.content).hexdigest())


@pytest.fixture(scope="module", params=["sqlite", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def served(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    """A client (sending a valid API key) of the app over a store holding the fixture world."""
    tmp: Path = tmp_path_factory.mktemp(f"security-{request.param}")
    url = f"sqlite:///{tmp / 'security.sqlite'}" if request.param == "sqlite" else NEO4J_URL
    settings = Settings(store=url, data_dir=tmp, api_keys=[key_digest(KEY)])
    store = open_store(settings=settings)
    store.clear()
    load_fixture_graph(store)
    store.close()
    with (live_server(create_app(settings)) as base,
          httpx.Client(base_url=base, timeout=60, headers={"Authorization": f"Bearer {KEY}"}) as client):
        yield client
