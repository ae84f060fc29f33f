"""Store benchmark: load N synthetic events into each backend, then time the main queries.

    .venv/bin/python bench/store.py --events 100000            # both backends, side by side
    .venv/bin/python bench/store.py --events 20000 --backends sqlite

Neo4j runs in a throwaway server started for the run (or pass --neo4j-url; it is CLEARED).
Reports write throughput and p50/p95/p99 of timeline, ego network (depth 1 and 2 at 200 nodes, depth 2
at 100 nodes as the API bench asks), paths and search.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import Timing, bench_store, load_synthetic, machine, throwaway_neo4j, time_calls
from graph.models import EventFilter
from graph.store import GraphStore
from graph.synthetic import synthetic_actors


def query_timings(store: GraphStore, n_events: int, *, queries: int, seed: int) -> list[Timing]:
    """Time the queries the API serves, on actors drawn by activity (hubs and the long tail alike)."""
    rng = random.Random(seed)
    actors = synthetic_actors(max(10, n_events // 20), seed=7)
    ids = [a.id for a in actors]
    hubs = [item.actor.id for item in store.actor_summary(ids[0], top=50).top_counterparts] or ids[:50]
    picks = [rng.choice(hubs) if rng.random() < 0.3 else rng.choice(ids) for _ in range(queries)]
    pairs = [(rng.choice(ids), rng.choice(ids)) for _ in range(queries)]
    prefixes = [a.name[: rng.randint(3, 6)] for a in rng.sample(actors, min(queries, len(actors)))]
    # partial, not lambdas with default arguments: each call binds its own actor and type-checks
    return [
        time_calls("timeline (50)", [partial(store.events, EventFilter(actor=a), limit=50) for a in picks]),
        time_calls("timeline typed+dated", [
            partial(store.events, EventFilter(actor=a, types=["call", "meeting"]), limit=50) for a in picks]),
        time_calls("network depth 1", [partial(store.network, a, depth=1, node_limit=200) for a in picks]),
        time_calls("network depth 2", [partial(store.network, a, depth=2, node_limit=200) for a in picks]),
        time_calls("network depth 2 (100)", [partial(store.network, a, depth=2, node_limit=100) for a in picks]),
        time_calls("paths (max 4)", [partial(store.paths, a, b, max_depth=4, limit=3) for a, b in pairs]),
        time_calls("search prefix", [partial(store.search_actors, q, limit=10) for q in prefixes]),
    ]


def run(backend: str, n_events: int, queries: int, neo4j_url: str | None) -> dict[str, object]:
    with bench_store(backend, neo4j_url=neo4j_url) as (store, _url):
        started = time.perf_counter()
        seconds = load_synthetic(store, n_events, report=lambda done: print(
            f"  {backend}: {done:,} events loaded ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
            if done % 50_000 < 5000 else None)
        timings = query_timings(store, n_events, queries=queries, seed=1)
        stats = store.stats()
    return {
        "backend": backend, "events": stats.events, "actors": stats.actors, "load_s": round(seconds, 1),
        "events_per_s": round(n_events / seconds),
        "queries": {t.name: {"p50_ms": round(t.pct(0.5), 2), "p95_ms": round(t.pct(0.95), 2),
                             "p99_ms": round(t.pct(0.99), 2)} for t in timings},
        "_timings": timings,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--backends", default="sqlite,neo4j")
    parser.add_argument("--queries", type=int, default=200, help="Timed calls per query kind.")
    parser.add_argument("--neo4j-url", default=None, help="Use this server instead of a throwaway one.")
    parser.add_argument("--neo4j-port", type=int, default=17787, help="Port of the throwaway Neo4j server.")
    parser.add_argument("--json", type=Path, default=None, help="Also write the results here.")
    args = parser.parse_args()
    backends = [b.strip() for b in args.backends.split(",")]
    if "neo4j" in backends and args.neo4j_url is None:
        with throwaway_neo4j(port=args.neo4j_port) as url:
            results = [run(b, args.events, args.queries, url if b == "neo4j" else None) for b in backends]
    else:
        results = [run(b, args.events, args.queries, args.neo4j_url) for b in backends]
    print(f"\ngeokg store benchmark: {args.events:,} synthetic events, {args.queries} calls per query, {machine()}")
    for result in results:
        print(f"\n[{result['backend']}] {result['events']:,} events, {result['actors']:,} actors; "
              f"load {result['load_s']} s = {result['events_per_s']:,} events/s")
        for timing in result.pop("_timings"):  # type: ignore[attr-defined]
            print("  " + timing.row())
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
