"""HTTP benchmark plumbing: a `geokg serve` child process on loopback, and two bounded load drivers.

Latency comes from httpx, one request at a time (what a user waits). Throughput comes from `wrk`
(Debian's `wrk`, a C load generator) when it is installed, because a Python client on the same two
cores spends more CPU than the server it measures; without it, an asyncio httpx pass stands in and
the figure is a lower bound. Every request goes to 127.0.0.1 and every loop is bounded.
"""

from __future__ import annotations

import asyncio
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import httpx

from bench.common import Timing
from graph.synthetic import synthetic_actors

# wrk picks the next path of the list for every request (a Lua script, as wrk's docs suggest).
WRK_SCRIPT = """
local paths = {}
for line in io.lines(os.getenv("GEOKG_WRK_PATHS")) do paths[#paths + 1] = line end
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_server(store_url: str, workers: int) -> Iterator[str]:
    """`geokg serve` over this store on a free loopback port; yields its base URL, stops it after."""
    port = free_port()
    env = {**os.environ, "GEOKG_STORE": store_url, "GEOKG_LOG_LEVEL": "WARNING"}
    geokg = Path(sys.executable).with_name("geokg")
    proc = subprocess.Popen([str(geokg), "serve", "--host", "127.0.0.1", "--port", str(port),
                             "--workers", str(workers)], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(proc, base)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=60)


def _wait_ready(proc: subprocess.Popen[bytes], base: str, timeout_s: float = 180) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if proc.poll() is not None:
            break
        time.sleep(0.3)
    proc.kill()
    raise RuntimeError("the server did not become ready")


def request_paths(n_events: int, requests: int, seed: int = 3) -> dict[str, list[str]]:
    """Request paths per endpoint, on actors drawn like users would: 30% hubs, the rest from all actors."""
    rng = random.Random(seed)
    actors = synthetic_actors(max(10, n_events // 20), seed=7)
    ids = [a.id for a in actors]
    top = ids[: max(1, len(ids) // 50)]  # the synthetic activity ranking puts countries first

    def pick() -> str:
        return rng.choice(top) if rng.random() < 0.3 else rng.choice(ids)

    return {
        "timeline": [f"/v1/actors/{pick()}/timeline?limit=50" for _ in range(requests)],
        "network depth 2": [f"/v1/actors/{pick()}/network?depth=2&limit=100" for _ in range(requests)],
        "paths": [f"/v1/paths?from={a}&to={b}&max_depth=4" for a, b in
                  ((pick(), pick()) for _ in range(requests)) if a != b],
        "search": [f"/v1/actors?q={quote(rng.choice(actors).name[:rng.randint(3, 6)])}" for _ in range(requests)],
    }


async def _drive(base: str, paths: list[str], concurrency: int) -> tuple[Timing, float, int]:
    samples: list[float] = []
    errors = 0
    queue = list(reversed(paths))
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:
        async def worker() -> None:
            nonlocal errors
            while queue:
                path = queue.pop()
                started = time.perf_counter()
                response = await client.get(path)
                samples.append(time.perf_counter() - started)
                errors += response.status_code >= 400
        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    return Timing("", samples), len(paths) / elapsed, errors


def latency(base: str, paths: list[str]) -> tuple[Timing, int]:
    """Each request once, one at a time: latencies and the count of 4xx/5xx answers."""
    timing, _, errors = asyncio.run(_drive(base, paths, 1))
    return timing, errors


def warm_up(base: str, paths: list[str], workers: int) -> None:
    """Send each path once, `workers` at a time so every server process gets some: a server that has
    run a while has its query plans compiled (Neo4j's JIT) and its connection pools filled."""
    asyncio.run(_drive(base, paths, max(1, workers)))


@dataclass
class Throughput:
    requests_per_s: float
    errors: int
    tool: str  # "wrk" or "httpx" (a Python client: a lower bound)


def throughput(base: str, paths: list[str], *, concurrency: int, seconds: float) -> Throughput:
    """Requests/s with `concurrency` in flight: wrk for `seconds` if installed, else one httpx pass."""
    wrk = shutil.which("wrk")
    if wrk is None:
        _, per_s, failed = asyncio.run(_drive(base, paths, concurrency))
        return Throughput(per_s, failed, "httpx")
    with tempfile.TemporaryDirectory(prefix="geokg-wrk-") as tmp:
        (Path(tmp) / "paths.txt").write_text("\n".join(paths) + "\n")
        (Path(tmp) / "rotate.lua").write_text(WRK_SCRIPT)
        # --timeout: wrk's default of 2 s would count a slow answer as a socket error.
        out = subprocess.run([wrk, "-t1", f"-c{concurrency}", f"-d{max(1, round(seconds))}s", "--timeout", "60s", "-s",
                              str(Path(tmp) / "rotate.lua"), base], capture_output=True, text=True, check=True,
                             env={**os.environ, "GEOKG_WRK_PATHS": str(Path(tmp) / "paths.txt")},
                             timeout=seconds + 60).stdout
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    socket_errors = sum(int(n) for n in errors.groups()) if errors else 0
    return Throughput(float(rps.group(1)) if rps else 0.0, (int(bad.group(1)) if bad else 0) + socket_errors, "wrk")


@dataclass
class EndpointResult:
    name: str
    timing: Timing
    load: Throughput
    errors: int  # 4xx/5xx answers and socket errors over both passes

    def row(self) -> str:
        return (f"{self.name:<16} p50 {self.timing.pct(0.5):7.1f} ms   p95 {self.timing.pct(0.95):7.1f} ms   "
                f"p99 {self.timing.pct(0.99):7.1f} ms   {self.load.requests_per_s:8.1f} req/s "
                f"({self.load.tool})   errors {self.errors}")


def measure_endpoints(base: str, n_events: int, *, requests: int, latency_requests: int, concurrency: int,
                      seconds: float, workers: int = 2, warm_up_requests: int = 300) -> list[EndpointResult]:
    """Latency (sequential) and throughput (`concurrency` in flight) of each endpoint the issues target,
    after `warm_up_requests` per endpoint on other actors."""
    for paths in request_paths(n_events, warm_up_requests, seed=101).values():
        warm_up(base, paths, workers)
    results = []
    for name, paths in request_paths(n_events, requests).items():
        timing, errors = latency(base, paths[:latency_requests])
        load = throughput(base, paths, concurrency=concurrency, seconds=seconds)
        results.append(EndpointResult(name, timing, load, errors + load.errors))
    return results
