"""The real Neo4j launcher: start a throwaway server on a free port, query it, stop it."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

import neo4j
import pytest

from graph.backends.neo4j import server
from graph.errors import ConfigError
from graph.settings import Settings


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _config(tmp_path: Path, port: int) -> server.ServerConfig:
    # The launcher build is a cache shared with `geokg neo4j start`, so tests do not rebuild it.
    build_dir = server.config_from_settings(Settings()).build_dir
    return server.ServerConfig(home=tmp_path / "neo4j", build_dir=build_dir, port=port, heap="512m",
                               pagecache_mb=64)


@pytest.mark.slow
@pytest.mark.neo4j
def test_start_query_and_stop_server(tmp_path: Path) -> None:
    config = _config(tmp_path, _free_port())
    info = server.start(config, timeout_s=180)
    try:
        assert info.url == f"bolt://127.0.0.1:{config.port}"
        with neo4j.GraphDatabase.driver(info.url, auth=None) as driver:
            driver.execute_query("CREATE (:Probe {name: $name})", name="kazakhstan")
            records, _, _ = driver.execute_query("MATCH (p:Probe) RETURN p.name AS name")
        assert [r["name"] for r in records] == ["kazakhstan"]
        report = server.status(config)
        assert report["running"] and report["answers"] and report["pid"] == info.pid
        assert server.start(config).pid == info.pid  # idempotent: the same server, not a second one
    finally:
        assert server.stop(config, timeout_s=60)
    assert server.status(config)["running"] is False
    assert not config.pid_file.exists()
    assert server.answer_error(info.url, timeout_s=2) is not None


@pytest.mark.slow
@pytest.mark.neo4j
def test_start_fails_when_port_taken(tmp_path: Path) -> None:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        config = _config(tmp_path, holder.getsockname()[1])
        with pytest.raises(ConfigError, match="already in use"):
            server.start(config, timeout_s=30)
    assert not config.pid_file.exists()


def test_stop_reports_nothing_running(tmp_path: Path) -> None:
    assert server.stop(_config(tmp_path, _free_port())) is False


def test_running_server_forgets_stale_pid_file(tmp_path: Path) -> None:
    config = _config(tmp_path, _free_port())
    config.home.mkdir(parents=True)
    # Our own pid is alive but is not the launcher, like a pid reused after a crash.
    stale = {"pid": os.getpid(), "url": "bolt://127.0.0.1:1", "home": str(config.home), "started_at": 0.0}
    config.pid_file.write_text(json.dumps(stale))
    assert server.running_server(config) is None
    assert not config.pid_file.exists()


def test_java_command_rejects_bad_heap(tmp_path: Path) -> None:
    config = server.ServerConfig(home=tmp_path, build_dir=tmp_path, heap="1 gigabyte")
    with pytest.raises(ConfigError, match="heap"):
        server.java_command(config, server.LauncherBuild(tmp_path))


def test_cli_status_json_reports_a_stopped_server(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from app.commands.neo4j import cli

    result = CliRunner().invoke(cli, ["status", "--json", "--home", str(tmp_path / "neo4j")])
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {"running": False, "home": str((tmp_path / "neo4j").resolve()),
                                         "pid": None, "url": None, "answers": False, "error": None}
    stopped = CliRunner().invoke(cli, ["stop", "--home", str(tmp_path / "neo4j")])
    assert (stopped.exit_code, "not running" in stopped.output) == (0, True)
