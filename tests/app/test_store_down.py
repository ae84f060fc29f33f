"""A Neo4j that is down at start: the API still starts, answers 503, and recovers by itself once it is up."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import httpx
import pytest

from app.main import create_app
from graph.backends.neo4j import server
from graph.settings import Settings
from tests.live_server import live_server

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _assert_store_unavailable(response: httpx.Response) -> None:
    assert response.status_code == 503, response.text
    assert response.headers["Retry-After"]
    error = response.json()["error"]
    assert error["code"] == "store_unavailable"
    assert error["message"]


def _wait_until_ready(client: httpx.Client, timeout_s: float = 90.0) -> httpx.Response:
    deadline = time.monotonic() + timeout_s
    while True:
        response = client.get("/readyz")
        if response.status_code == 200 or time.monotonic() > deadline:
            return response
        time.sleep(1.0)


def test_recover_api_when_neo4j_starts_after_it(tmp_path: Path) -> None:
    port = _free_port()
    settings = Settings(store=f"bolt://127.0.0.1:{port}", data_dir=tmp_path)
    config = server.ServerConfig(home=tmp_path / "neo4j-home",
                                 build_dir=(Settings().data_dir / "neo4j-launcher").resolve(),
                                 port=port, heap="512m", pagecache_mb=64)
    with live_server(create_app(settings)) as base_url, httpx.Client(base_url=base_url, timeout=30) as client:
        assert client.get("/healthz").status_code == 200
        _assert_store_unavailable(client.get("/readyz"))
        _assert_store_unavailable(client.get("/v1/stats"))
        try:
            server.start(config, timeout_s=300)
            ready = _wait_until_ready(client)
            assert ready.status_code == 200, ready.text
            assert ready.json()["backend"] == "neo4j"
            stats = client.get("/v1/stats")
            assert stats.status_code == 200, stats.text
            assert stats.json()["events"] == 0
        finally:
            server.stop(config)
