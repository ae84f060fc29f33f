"""Run the embedded Neo4j launcher as a detached JVM: start, stop and status, one server per home."""

from __future__ import annotations

import json
import logging
import os
import re
import signal
import socket
import subprocess
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from graph.backends.neo4j.build import LauncherBuild, Progress, ensure_launcher, require_tool, tail
from graph.errors import ConfigError, StoreUnavailable
from graph.settings import Settings

logger = logging.getLogger(__name__)

READY_MARKER = "GEOKG-NEO4J-READY"
MAIN_CLASS = "geokg.neo4j.Launcher"
JVM_OPTIONS = [
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
]
TX_TIMEOUT_S = 600  # server-side cap; per-query timeouts come from the store's settings


@dataclass(frozen=True)
class ServerConfig:
    """Where and how to run one server."""

    home: Path
    build_dir: Path
    port: int = 7687
    host: str = "127.0.0.1"
    heap: str = "1g"
    pagecache_mb: int = 512

    @property
    def pid_file(self) -> Path:
        return self.home / "geokg-neo4j.pid"

    @property
    def log_file(self) -> Path:
        return self.home / "geokg-neo4j.log"


@dataclass(frozen=True)
class ServerInfo:
    """A running server as recorded in its pid file."""

    pid: int
    url: str
    home: str
    started_at: float


def java_command(config: ServerConfig, build: LauncherBuild) -> list[str]:
    """The java command line that runs the launcher for this config."""
    if not re.fullmatch(r"\d+[kKmMgG]?", config.heap):
        raise ConfigError(f"bad heap size {config.heap!r}: use e.g. 512m or 2g")
    java = require_tool("java", "install a Java 17 JDK (Debian: apt-get install openjdk-17-jdk-headless)")
    return [
        java, f"-Xmx{config.heap}", *JVM_OPTIONS, "-cp", build.classpath(), MAIN_CLASS,
        str(config.home.resolve()), str(config.port), config.host,
        str(config.pagecache_mb), str(TX_TIMEOUT_S),
    ]


def running_server(config: ServerConfig) -> ServerInfo | None:
    """The server recorded in this home's pid file if that process is still our launcher."""
    try:
        info = ServerInfo(**json.loads(config.pid_file.read_text()))
    except (OSError, ValueError, TypeError):
        return None
    if _is_launcher(info.pid):
        return info
    config.pid_file.unlink(missing_ok=True)  # stale: the process died without cleaning up
    return None


def _is_launcher(pid: int) -> bool:
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False
    return MAIN_CLASS.encode() in cmdline


def _check_port_free(host: str, port: int) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise ConfigError(f"port {port} on {host} is already in use (another Neo4j?); "
                              "stop it or pass --port") from exc


# The shell backgrounds the JVM and exits, so the server is not our child: nothing has to reap
# it and no Popen object outlives the command that started it.
DETACH_SCRIPT = '"$@" </dev/null >>"$GEOKG_NEO4J_LOG" 2>&1 &\necho $!'


def _prepare(config: ServerConfig, progress: Progress) -> list[str]:
    """Build if needed and check the port; the java command line to run."""
    build = ensure_launcher(config.build_dir, progress=progress)
    command = java_command(config, build)
    _check_port_free(config.host, config.port)
    config.home.mkdir(parents=True, exist_ok=True)
    return command


def _record(config: ServerConfig, pid: int) -> ServerInfo:
    info = ServerInfo(pid=pid, url=f"bolt://{config.host}:{config.port}", home=str(config.home),
                      started_at=time.time())
    config.pid_file.write_text(json.dumps(asdict(info)) + "\n")
    return info


def start(config: ServerConfig, *, timeout_s: float = 180.0, progress: Progress = logger.info) -> ServerInfo:
    """Start a detached server on this home and wait until it answers; idempotent."""
    existing = running_server(config)
    if existing is not None:
        progress(f"Neo4j is already running on this home (pid {existing.pid}, {existing.url})")
        return existing
    command = _prepare(config, progress)
    offset = config.log_file.stat().st_size if config.log_file.exists() else 0
    shell = subprocess.run(["/bin/sh", "-c", DETACH_SCRIPT, "sh", *command], capture_output=True, check=True,
                           start_new_session=True, cwd=config.home, timeout=30,
                           env={**os.environ, "GEOKG_NEO4J_LOG": str(config.log_file)})
    info = _record(config, int(shell.stdout.decode().strip()))
    progress(f"Starting Neo4j (pid {info.pid}, log {config.log_file})...")
    _wait_ready(config, info.pid, offset, timeout_s)
    progress(f"Neo4j is ready at {info.url}")
    return info


def _wait_ready(config: ServerConfig, pid: int, offset: int, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        with config.log_file.open("rb") as log:
            log.seek(offset)
            if READY_MARKER.encode() in log.read():
                return
        if not _alive(pid):
            config.pid_file.unlink(missing_ok=True)
            raise StoreUnavailable(f"Neo4j exited before it was ready; "
                                   f"last lines of {config.log_file}:\n{tail(config.log_file)}")
        time.sleep(0.2)
    _terminate(pid, timeout_s=30)
    config.pid_file.unlink(missing_ok=True)
    raise StoreUnavailable(f"Neo4j was not ready after {timeout_s:.0f} s and was stopped; "
                           f"last lines of {config.log_file}:\n{tail(config.log_file)}")


def run_foreground(config: ServerConfig, *, progress: Progress = logger.info) -> int:
    """Run the server attached to this terminal until Ctrl-C or SIGTERM; returns its exit status."""
    existing = running_server(config)
    if existing is not None:
        raise ConfigError(f"Neo4j is already running on this home (pid {existing.pid}); stop it first")
    command = _prepare(config, progress)
    with config.log_file.open("ab") as log:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                   cwd=config.home)
    _record(config, process.pid)
    progress(f"Neo4j running in the foreground (pid {process.pid}, log {config.log_file}); Ctrl-C stops it")
    previous = signal.signal(signal.SIGTERM, lambda *_: process.send_signal(signal.SIGTERM))
    try:
        return process.wait()
    except KeyboardInterrupt:  # a terminal's Ctrl-C reaches the JVM too; a lone SIGINT to us may not
        process.send_signal(signal.SIGTERM)
        return process.wait()
    finally:
        signal.signal(signal.SIGTERM, previous)
        config.pid_file.unlink(missing_ok=True)


def stop(config: ServerConfig, *, timeout_s: float = 60.0, progress: Progress = logger.info) -> bool:
    """Stop this home's server (SIGTERM, then SIGKILL after the timeout); False if none was running."""
    info = running_server(config)
    if info is None:
        progress("Neo4j is not running on this home")
        return False
    progress(f"Stopping Neo4j (pid {info.pid})...")
    graceful = _terminate(info.pid, timeout_s=timeout_s)
    config.pid_file.unlink(missing_ok=True)
    progress("Neo4j stopped" if graceful else f"Neo4j did not stop within {timeout_s:.0f} s and was killed")
    return True


def _terminate(pid: int, *, timeout_s: float) -> bool:
    """SIGTERM the process, wait, SIGKILL if it lingers; True if it exited on SIGTERM."""
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return True
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if not _alive(pid):
            return True
        time.sleep(0.1)
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        return True
    while _alive(pid):
        time.sleep(0.05)
    return False


def _alive(pid: int) -> bool:
    """Whether the pid exists and is not a zombie (reaping children we spawned ourselves)."""
    try:
        waited, _ = os.waitpid(pid, os.WNOHANG)
        if waited == pid:
            return False
    except ChildProcessError:
        pass
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def status(config: ServerConfig) -> dict[str, object]:
    """Whether this home's server runs, its pid and URL, and whether it answers a query."""
    info = running_server(config)
    if info is None:
        return {"running": False, "home": str(config.home.resolve()), "pid": None, "url": None,
                "answers": False, "error": None}
    error = answer_error(info.url)
    return {"running": True, "home": info.home, "pid": info.pid, "url": info.url,
            "uptime_s": round(time.time() - info.started_at, 1), "answers": error is None, "error": error}


def answer_error(url: str, *, timeout_s: float = 5.0) -> str | None:
    """None if the server at `url` answers `RETURN 1`, else the reason it did not."""
    import neo4j

    try:  # a plain session, not execute_query, which would retry a refused connection for 30 s
        with (neo4j.GraphDatabase.driver(url, auth=None, connection_timeout=timeout_s) as driver,
              driver.session() as session):
            session.run(neo4j.Query("RETURN 1", timeout=timeout_s)).consume()
    except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError, OSError) as exc:
        return f"{type(exc).__name__}: {exc}"
    return None


def config_from_settings(
    settings: Settings, *, port: int | None = None, home: Path | None = None, heap: str | None = None,
    pagecache_mb: int | None = None,
) -> ServerConfig:
    """The server config from settings, with command-line overrides."""
    return ServerConfig(
        home=(home or settings.neo4j_dir).resolve(),
        build_dir=(settings.data_dir / "neo4j-launcher").resolve(),
        port=port or settings.neo4j_port,
        heap=heap or settings.neo4j_heap,
        pagecache_mb=pagecache_mb or settings.neo4j_pagecache_mb,
    )
