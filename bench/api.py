"""API benchmark: a running `geokg serve` (uvicorn, loopback) over a synthetic graph, driven by httpx.

    .venv/bin/python bench/api.py --events 1000000 --workers 2          # both backends, side by side
    .venv/bin/python bench/api.py --events 100000 --backends sqlite --requests 500

For each backend: load the synthetic graph (or --sqlite-file an existing one), start the server as a
child process on 127.0.0.1, then send a bounded number of requests per endpoint with a fixed
concurrency and report requests/s and p50/p95/p99 latency for timeline, network depth 2, paths and
search (latency from a sequential pass, throughput from a concurrent one). Only loopback traffic;
every loop is bounded.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import Timing, bench_store, load_synthetic, machine
from graph.synthetic import synthetic_actors


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(store_url: str, workers: int) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {**os.environ, "GEOKG_STORE": store_url, "GEOKG_LOG_LEVEL": "WARNING"}
    geokg = Path(sys.executable).with_name("geokg")
    proc = subprocess.Popen([str(geokg), "serve", "--host", "127.0.0.1", "--port", str(port),
                             "--workers", str(workers)], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            pass
        if proc.poll() is not None:
            break
        time.sleep(0.3)
    proc.kill()
    raise RuntimeError("the server did not become ready")


async def drive(base: str, paths: list[str], concurrency: int) -> tuple[Timing, float, int]:
    """Send every request once with at most `concurrency` in flight; latencies, requests/s, errors."""
    samples: list[float] = []
    errors = 0
    queue = list(paths)
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


def request_paths(n_events: int, requests: int, seed: int = 3) -> dict[str, list[str]]:
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
        "search": [f"/v1/actors?q={rng.choice(actors).name[:rng.randint(3, 6)]}" for _ in range(requests)],
    }


def bench_backend(backend: str, args: argparse.Namespace) -> list[str]:
    lines = [f"[{backend}] {args.events:,} events, {args.workers} API workers, concurrency {args.concurrency}"]
    with bench_store(backend, neo4j_url=args.neo4j_url) as (store, url):
        if backend == "sqlite" and args.sqlite_file:
            url = f"sqlite:///{args.sqlite_file}"
        else:
            seconds = load_synthetic(store, args.events, report=lambda d: print(
                f"  {backend}: {d:,} events loaded", file=sys.stderr) if d % 100_000 < 5000 else None)
            lines.append(f"  loaded in {seconds:.0f} s ({args.events / seconds:,.0f} events/s)")
        proc, base = start_server(url, args.workers)
        try:
            for name, paths in request_paths(args.events, args.requests).items():
                # Latency one request at a time (what a user waits), throughput with concurrency.
                timing, _, errors = asyncio.run(drive(base, paths[: args.latency_requests], 1))
                _, rps, more_errors = asyncio.run(drive(base, paths, args.concurrency))
                lines.append(f"  {name:<16} p50 {timing.pct(0.5):7.1f} ms   p95 {timing.pct(0.95):7.1f} ms   "
                             f"p99 {timing.pct(0.99):7.1f} ms   {rps:8.1f} req/s   errors {errors + more_errors}")
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--backends", default="sqlite,neo4j")
    parser.add_argument("--requests", type=int, default=1000, help="Requests per endpoint.")
    parser.add_argument("--concurrency", type=int, default=8, help="In-flight requests for the req/s pass.")
    parser.add_argument("--latency-requests", type=int, default=300, help="Sequential requests for latency.")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes.")
    parser.add_argument("--neo4j-url", default=None, help="Use this server (CLEARED) instead of a throwaway one.")
    parser.add_argument("--sqlite-file", type=Path, default=None, help="Serve this already-loaded SQLite file.")
    args = parser.parse_args()
    report = [f"geokg API benchmark, {machine()}"]
    for backend in args.backends.split(","):
        report += bench_backend(backend.strip(), args)
    print("\n".join(report))


if __name__ == "__main__":
    main()
