"""API benchmark: a running `geokg serve` (uvicorn, loopback) over a synthetic graph, driven by httpx.

    .venv/bin/python bench/api.py --events 1000000 --workers 2          # both backends, side by side
    .venv/bin/python bench/api.py --events 100000 --backends sqlite --requests 500

For each backend: load the synthetic graph (or --sqlite-file an existing one), start the server as a
child process on 127.0.0.1, then send a bounded number of requests per endpoint with a fixed
concurrency and report requests/s and p50/p95/p99 latency for timeline, network depth 2, paths and
search: latency from a sequential httpx pass, throughput from `wrk` (or httpx without it) with
--concurrency requests in flight. Only loopback traffic; every loop is bounded.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import bench_store, load_synthetic, machine
from bench.serving import measure_endpoints, running_server


def bench_backend(backend: str, args: argparse.Namespace) -> list[str]:
    lines = [f"[{backend}] {args.events:,} events, {args.workers} API workers, concurrency {args.concurrency}"]
    with bench_store(backend, neo4j_url=args.neo4j_url) as (store, url):
        if backend == "sqlite" and args.sqlite_file:
            url = f"sqlite:///{args.sqlite_file}"
        else:
            seconds = load_synthetic(store, args.events, report=lambda d: print(
                f"  {backend}: {d:,} events loaded", file=sys.stderr) if d % 100_000 < 5000 else None)
            lines.append(f"  loaded in {seconds:.0f} s ({args.events / seconds:,.0f} events/s)")
        with running_server(url, args.workers) as base:
            lines += ["  " + result.row() for result in measure_endpoints(
                base, args.events, requests=args.requests, latency_requests=args.latency_requests,
                concurrency=args.concurrency, seconds=args.seconds, workers=args.workers,
                warm_up_requests=args.warm_up)]
    return lines


def add_load_options(parser: argparse.ArgumentParser) -> None:
    """The request-load options bench/api.py and bench/scale.py share."""
    parser.add_argument("--requests", type=int, default=1000, help="Distinct request paths per endpoint.")
    parser.add_argument("--latency-requests", type=int, default=300, help="Sequential requests for latency.")
    parser.add_argument("--concurrency", type=int, default=8, help="In-flight requests for the req/s pass.")
    parser.add_argument("--seconds", type=float, default=10, help="Length of each wrk throughput pass.")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes.")
    parser.add_argument("--warm-up", type=int, default=300,
                        help="Requests per endpoint, on other actors, before measuring (Neo4j's JIT "
                             "needs a few hundred to reach steady state).")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--backends", default="sqlite,neo4j")
    add_load_options(parser)
    parser.add_argument("--neo4j-url", default=None, help="Use this server (CLEARED) instead of a throwaway one.")
    parser.add_argument("--sqlite-file", type=Path, default=None, help="Serve this already-loaded SQLite file.")
    args = parser.parse_args()
    report = [f"geokg API benchmark, {machine()}"]
    for backend in args.backends.split(","):
        report += bench_backend(backend.strip(), args)
    print("\n".join(report))


if __name__ == "__main__":
    main()
