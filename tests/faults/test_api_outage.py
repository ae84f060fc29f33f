"""The API under many reads while Neo4j is cut off: liveness still answers at once, reads answer 503."""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import httpx
import pytest

from app.main import create_app
from graph.settings import Settings
from graph.store import GraphStore
from tests.conftest import NEO4J_URL
from tests.faults.proxy import TcpProxy, tcp_proxy
from tests.live_server import live_server

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]

QUERY_TIMEOUT_S = 8.0  # a read holds its thread 9-12 s (driver retries); liveness must not wait for one
READERS = 60  # more than the server's thread pool (40): every thread is busy waiting for the store


@pytest.fixture
def proxy(neo4j_store: GraphStore) -> Iterator[TcpProxy]:
    """A proxy to the shared test server, which the API reaches through it."""
    neo4j_store.clear()
    target = urlsplit(NEO4J_URL)
    with tcp_proxy(target.hostname or "127.0.0.1", target.port or 7687) as running:
        yield running


def test_answer_liveness_while_every_thread_waits_for_a_cut_off_store(proxy: TcpProxy) -> None:
    url = f"bolt://127.0.0.1:{proxy.port}"
    app = create_app(Settings(store=url, query_timeout_s=QUERY_TIMEOUT_S))
    with live_server(app) as base_url, httpx.Client(base_url=base_url, timeout=60) as client:
        assert client.get("/v1/stats").status_code == 200  # schema made, connections pooled
        proxy.cut()
        with ThreadPoolExecutor(READERS + 1) as pool:
            reads = [pool.submit(client.get, "/v1/stats") for _ in range(READERS)]
            time.sleep(0.5)  # the reads now hold the server's threads
            live = client.get("/healthz")
            pending = sum(not read.done() for read in reads)  # liveness did not wait for them
            statuses = [read.result().status_code for read in reads]
        assert live.status_code == 200 and pending == READERS, f"/healthz answered after {READERS - pending} reads"
        assert statuses == [503] * READERS
        # A streamed export reads its first page before the 200: a cut-off store is a 503, not a cut body.
        export = client.get("/v1/export/events.csv")
        assert export.status_code == 503 and export.json()["error"]["code"]
        proxy.restore()
        deadline = time.monotonic() + 30
        while client.get("/v1/stats").status_code != 200:
            assert time.monotonic() < deadline, "the API did not recover from the cut"
            time.sleep(0.5)
