"""End-to-end ingestion throughput (extract + write), articles/s, with 1 and 2 workers, SQLite vs Neo4j.

    .venv/bin/python bench/ingest.py [--articles N] [--neo4j-url bolt://...] [--skip-neo4j]

Four ways of running, each on a fresh embedded SQLite store and a fresh (throwaway, or the given and
cleared) Neo4j server:
  pool 1 / pool 2      `geokg ingest --jobs N` in-process: N extraction processes, the parent writes;
  workers 1 / workers 2  N `geokg worker --burst` processes on the SQLite job queue, each extracting and writing.
Times are wall clock from start to the last article stored, including process start-up and model
loading (a few seconds per process), so short runs understate steady-state throughput.
The corpus is samples/articles.jsonl repeated with new ids, URLs, dates and a varying closing line, so
every copy is a new article and copies of one story merge into the same events (as real wire copies do).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import bench_store, machine, throwaway_neo4j
from graph.settings import Settings
from graph.store import GraphStore
from ingest.articles import ArticleIn
from ingest.jobs.sqlite import SqliteQueue
from ingest.runner import ingest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "articles.jsonl"
GEOKG = str(Path(sys.executable).parent / "geokg")


def corpus(n: int) -> list[ArticleIn]:
    """n articles: the samples again and again, each copy with its own id, URL, date and last line."""
    base = [json.loads(line) for line in SAMPLES.read_text(encoding="utf-8").splitlines() if line.strip()]
    out = []
    for i in range(n):
        src = base[i % len(base)]
        copy = i // len(base)
        day = date.fromisoformat(src["published_at"][:10]) + timedelta(days=copy % 3)
        out.append(ArticleIn.model_validate({
            **src, "id": f"{src['id']}-copy{copy}", "url": f"{src['url']}?copy={copy}",
            "published_at": day.isoformat(), "text": f"{src['text']}\n\nFiled by desk {copy}.",
        }))
    return out


def run_pool(store: GraphStore, articles: list[ArticleIn], jobs: int) -> float:
    started = time.perf_counter()
    report = ingest(store, articles, jobs=jobs, chunk_size=8)
    assert not report.failed, report.failed[:3]
    return time.perf_counter() - started


def run_workers(store_url: str, articles: list[ArticleIn], workers: int) -> float:
    with tempfile.TemporaryDirectory(prefix="geokg-bench-queue-") as tmp:
        queue = SqliteQueue(Path(tmp) / "queue.sqlite")
        env = {**os.environ, "GEOKG_DATA_DIR": tmp, "GEOKG_STORE": store_url, "GEOKG_REDIS_URL": ""}
        started = time.perf_counter()
        queue.enqueue([a.model_dump() for a in articles])
        procs = [subprocess.Popen([GEOKG, "worker", "--burst", "--batch", "8"], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for _ in range(workers)]
        for proc in procs:
            proc.wait()
        spent = time.perf_counter() - started
        counts = queue.counts()
        queue.close()
        assert counts["done"] == len(articles), counts
        return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=160)
    parser.add_argument("--neo4j-url", help="use (and clear) this Neo4j instead of starting a throwaway one")
    parser.add_argument("--neo4j-port", type=int, default=17797, help="Bolt port of the throwaway Neo4j")
    parser.add_argument("--skip-neo4j", action="store_true")
    parser.add_argument("--only", nargs="*", default=[], help="run only these, e.g. 'workers 2' 'pool 1'")
    args = parser.parse_args()
    articles = corpus(args.articles)
    print(f"{machine()}; {len(articles)} articles, {sum(len(a.text.split()) for a in articles)} words")
    backends = ["sqlite"] if args.skip_neo4j else ["sqlite", "neo4j"]
    rows: dict[str, dict[str, float]] = {}
    for backend in backends:
        with ExitStack() as server:
            neo4j_url = args.neo4j_url
            if backend == "neo4j" and neo4j_url is None:  # one throwaway server for all four runs
                neo4j_url = server.enter_context(throwaway_neo4j(port=args.neo4j_port))
            run_backend(backend, articles, neo4j_url, args.only, rows)
    print(f"\n{'articles/s':<12}" + "".join(f"{b:>10}" for b in backends))
    for name, by_backend in rows.items():
        print(f"{name:<12}" + "".join(f"{by_backend.get(b, float('nan')):10.2f}" for b in backends))


def run_backend(backend: str, articles: list[ArticleIn], neo4j_url: str | None, only: list[str],
                rows: dict[str, dict[str, float]]) -> None:
    """Every mode on a fresh store of one backend; adds articles/s to `rows`."""
    for mode, n in [("pool", 1), ("pool", 2), ("workers", 1), ("workers", 2)]:
        if only and f"{mode} {n}" not in only:
            continue
        with ExitStack() as stack:
            store, url = stack.enter_context(bench_store(backend, neo4j_url=neo4j_url))
            spent = run_pool(store, articles, n) if mode == "pool" else run_workers(url, articles, n)
            stats = store.stats()
            rows.setdefault(f"{mode} {n}", {})[backend] = len(articles) / spent
            print(f"  {backend:<7} {mode} {n}: {spent:7.1f} s  {len(articles) / spent:6.2f} articles/s  "
                  f"({stats.articles} articles, {stats.events} events, {stats.reports} reports)", flush=True)


if __name__ == "__main__":
    Settings()  # fail early on a bad .env
    main()
