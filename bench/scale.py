"""Scale benchmark: a 1M-event synthetic corpus loaded into each backend and served, side by side.

    .venv/bin/python bench/scale.py                                   # 1,000,000 events, both backends
    .venv/bin/python bench/scale.py --events 200000 --backends sqlite --json /tmp/scale.json

The corpus is graph/synthetic.py's: about n/20 actors with Zipf (power-law) activity, 20 years of
dates, every event type, 1-4 participants, 1-3 events per article. For each backend it loads the
corpus through the GraphStore interface in batches of 5,000 (the same path `geokg ingest` takes),
measures the load time and the store's size on disk, then starts `geokg serve` with --workers API
processes on loopback and measures latency (sequential httpx) and throughput (wrk, --concurrency in
flight, --seconds per endpoint) for timeline, network depth 2, paths and search. Neo4j runs in a
throwaway server (4 GB heap, 4 GB page cache). Prints one table with both backends and the issue's
targets.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.api import add_load_options
from bench.common import bench_store, load_synthetic, machine, store_bytes, throwaway_neo4j
from bench.serving import EndpointResult, measure_endpoints, running_server

# (endpoint, percentile or "rps", bound, "max" or "min") from issues #6 and #8, on this 2-core machine.
TARGETS = (("timeline", "p95", 20.0, "max"), ("network depth 2", "p95", 150.0, "max"),
           ("search", "p95", 20.0, "max"), ("timeline", "rps", 500.0, "min"))
LOAD_TARGET_S = 300.0


def run_backend(backend: str, args: argparse.Namespace, neo4j_url: str | None) -> dict[str, Any]:
    with bench_store(backend, neo4j_url=neo4j_url) as (store, url):
        started = time.perf_counter()
        seconds = load_synthetic(store, args.events, report=lambda done: print(
            f"  {backend}: {done:,} events loaded ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
            if done % 100_000 < 5000 else None)
        stats = store.stats()
        size = store_bytes(url)
        print(f"  {backend}: loaded in {seconds:.0f} s; serving", file=sys.stderr)
        with running_server(url, args.workers) as base:
            endpoints = measure_endpoints(base, args.events, requests=args.requests,
                                          latency_requests=args.latency_requests,
                                          concurrency=args.concurrency, seconds=args.seconds, workers=args.workers,
                                          warm_up_requests=args.warm_up)
    return {"backend": backend, "events": stats.events, "actors": stats.actors, "load_s": seconds,
            "bytes": size, "endpoints": endpoints}


def _value(result: dict[str, Any], endpoint: str, measure: str) -> float:
    found: EndpointResult = next(e for e in result["endpoints"] if e.name == endpoint)
    return found.load.requests_per_s if measure == "rps" else found.timing.pct(float(measure[1:]) / 100)


def table(results: list[dict[str, Any]]) -> list[str]:
    """A Markdown table: one column per backend, one row per figure, with the target where there is one."""
    names = [r["backend"] for r in results]
    lines = ["| | " + " | ".join(names) + " | target |", "|---" * (len(names) + 2) + "|"]

    def row(label: str, cells: list[str], target: str = "") -> None:
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {target} |")

    row("events / actors", [f"{r['events']:,} / {r['actors']:,}" for r in results])
    row("load time", [f"{r['load_s']:.0f} s ({r['events'] / r['load_s']:,.0f} events/s)" for r in results],
        f"≤ {LOAD_TARGET_S:.0f} s")
    row("size on disk", [f"{r['bytes'] / 2**20:,.0f} MiB" if r["bytes"] else "?" for r in results])
    targets = {(endpoint, measure): (bound, kind) for endpoint, measure, bound, kind in TARGETS}
    for endpoint in [e.name for e in results[0]["endpoints"]]:
        for measure in ("p50", "p95", "p99", "rps"):
            unit = "req/s" if measure == "rps" else "ms"
            bound, kind = targets.get((endpoint, measure), (None, ""))
            goal = f"{'≤' if kind == 'max' else '≥'} {bound:g} {unit}" if bound is not None else ""
            row(f"{endpoint} {measure if measure != 'rps' else 'throughput'}",
                [f"{_value(r, endpoint, measure):,.1f} {unit}" for r in results], goal)
    errors = [sum(e.errors for e in r["endpoints"]) for r in results]
    row("error responses", [str(n) for n in errors], "0")
    return lines


def as_json(result: dict[str, Any]) -> dict[str, Any]:
    return {**result, "endpoints": {
        e.name: {"p50_ms": e.timing.pct(0.5), "p95_ms": e.timing.pct(0.95), "p99_ms": e.timing.pct(0.99),
                 "requests_per_s": e.load.requests_per_s, "throughput_tool": e.load.tool, "errors": e.errors}
        for e in result["endpoints"]}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--backends", default="sqlite,neo4j")
    add_load_options(parser)
    parser.add_argument("--neo4j-port", type=int, default=17787, help="Port of the throwaway Neo4j server.")
    parser.add_argument("--json", type=Path, default=None, help="Also write the results here.")
    args = parser.parse_args()
    backends = [b.strip() for b in args.backends.split(",")]
    results = []
    for backend in backends:
        if backend == "neo4j":
            with throwaway_neo4j(port=args.neo4j_port) as url:
                results.append(run_backend(backend, args, url))
        else:
            results.append(run_backend(backend, args, None))
    print(f"\ngeokg scale benchmark: {args.events:,} synthetic events, {args.workers} API workers, "
          f"{args.concurrency} requests in flight, {machine()}\n")
    print("\n".join(table(results)))
    if args.json:
        args.json.write_text(json.dumps([as_json(r) for r in results], indent=2))


if __name__ == "__main__":
    main()
