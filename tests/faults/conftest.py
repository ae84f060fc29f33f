"""A Neo4j of the fault tests' own, on its own port and home, that a test may kill -9 and start again.

It is never the shared test server (GEOKG_TEST_NEO4J_URL): killing that one would break other tests.
The port is GEOKG_TEST_FAULTS_NEO4J_PORT if set, else one the OS finds free.
"""

from __future__ import annotations

import os
import signal
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from graph.backends.neo4j import server
from graph.settings import Settings

START_TIMEOUT_S = 300.0  # a cold JVM on a busy 2-core CI box


def _port() -> int:
    if os.environ.get("GEOKG_TEST_FAULTS_NEO4J_PORT"):
        return int(os.environ["GEOKG_TEST_FAULTS_NEO4J_PORT"])
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class KillableNeo4j:
    """One Neo4j server process and the home its data lives in."""

    config: server.ServerConfig

    @property
    def url(self) -> str:
        return f"bolt://{self.config.host}:{self.config.port}"

    def start(self) -> None:
        """Start it (again) on the same home and port; returns once it answers."""
        server.start(self.config, timeout_s=START_TIMEOUT_S)

    def start_in_background(self) -> Callable[[], None]:
        """Start it in a thread, since a JVM takes long to start; returns the function that waits for it."""
        errors: list[BaseException] = []

        def start() -> None:
            try:
                self.start()
            except BaseException as exc:  # handed to the waiting test
                errors.append(exc)

        thread = threading.Thread(target=start, name="neo4j-start", daemon=True)
        thread.start()

        def wait() -> None:
            thread.join(START_TIMEOUT_S + 30)
            if errors:
                raise errors[0]
            assert not thread.is_alive(), "Neo4j did not start"

        return wait

    def kill(self) -> None:
        """SIGKILL the JVM, as the OOM killer or a power cut would, and wait until it is gone."""
        info = server.running_server(self.config)
        assert info is not None, "the Neo4j to kill is not running"
        os.kill(info.pid, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while server.running_server(self.config) is not None:
            assert time.monotonic() < deadline, f"Neo4j pid {info.pid} survived SIGKILL"
            time.sleep(0.05)


@pytest.fixture
def killable_neo4j(tmp_path: Path) -> Iterator[KillableNeo4j]:
    """A fresh home and port for one Neo4j, not started yet; killed afterwards (its data is thrown away)."""
    config = server.ServerConfig(home=tmp_path / "neo4j-home",
                                 build_dir=(Settings().data_dir / "neo4j-launcher").resolve(),
                                 port=_port(), heap="512m", pagecache_mb=64)
    neo4j = KillableNeo4j(config)
    try:
        yield neo4j
    finally:
        if server.running_server(config) is not None:
            neo4j.kill()  # a clean shutdown takes seconds and saves nothing worth keeping
