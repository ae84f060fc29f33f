"""Shared benchmark plumbing: percentiles, a throwaway Neo4j server, loading the synthetic graph."""

from __future__ import annotations

import platform
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from graph.settings import Settings
from graph.store import GraphStore, open_store
from graph.synthetic import synthetic_batches


@dataclass
class Timing:
    name: str
    samples: list[float]

    def pct(self, q: float) -> float:
        ordered = sorted(self.samples)
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] * 1000

    def row(self) -> str:
        return (f"{self.name:<22} p50 {self.pct(0.5):8.2f} ms   p95 {self.pct(0.95):8.2f} ms   "
                f"p99 {self.pct(0.99):8.2f} ms   mean {statistics.fmean(self.samples) * 1000:8.2f} ms")


def time_calls(name: str, calls: list[Callable[[], object]], warmup: int = 5) -> Timing:
    """Run each call once (after a few warm-up calls) and keep its wall time."""
    for call in calls[:warmup]:
        call()
    samples = []
    for call in calls:
        started = time.perf_counter()
        call()
        samples.append(time.perf_counter() - started)
    return Timing(name, samples)


def machine() -> str:
    import os

    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


_NEO4J_HOMES: dict[str, Path] = {}  # bolt URL -> home of the throwaway servers, for store_bytes


@contextmanager
def throwaway_neo4j(heap: str = "4g", pagecache_mb: int = 4096, port: int = 17787) -> Iterator[str]:
    """A fresh Neo4j server (own home, own port) for one benchmark run; stopped afterwards."""
    from graph.backends.neo4j import server

    with tempfile.TemporaryDirectory(prefix="geokg-bench-neo4j-") as home:
        settings = Settings()
        config = server.ServerConfig(home=Path(home), build_dir=(settings.data_dir / "neo4j-launcher").resolve(),
                                     port=port, heap=heap, pagecache_mb=pagecache_mb)
        info = server.start(config, timeout_s=300)
        try:
            _NEO4J_HOMES[info.url] = Path(home)
            yield info.url
        finally:
            server.stop(config)


@contextmanager
def bench_store(backend: str, *, neo4j_url: str | None = None) -> Iterator[tuple[GraphStore, str]]:
    """An empty store of the backend and its URL: a new SQLite file, or the given/throwaway Neo4j (cleared)."""
    if backend == "sqlite":
        with tempfile.TemporaryDirectory(prefix="geokg-bench-") as tmp:
            url = f"sqlite:///{tmp}/bench.sqlite"
            store = open_store(url, settings=Settings(store=url))
            try:
                yield store, url
            finally:
                store.close()
        return
    with (throwaway_neo4j() if neo4j_url is None else _given(neo4j_url)) as url:
        store = open_store(url, settings=Settings(store=url, query_timeout_s=120))
        store.clear()
        try:
            yield store, url
        finally:
            store.close()


@contextmanager
def _given(url: str) -> Iterator[str]:
    yield url


def load_synthetic(store: GraphStore, n_events: int, *, seed: int = 7, batch_size: int = 5000,
                   report: Callable[[int], None] | None = None) -> float:
    """Write the synthetic graph; returns the seconds it took (generation excluded)."""
    spent = 0.0
    done = 0
    for batch in synthetic_batches(n_events, seed=seed, batch_size=batch_size):
        started = time.perf_counter()
        batch.write_to(store)
        spent += time.perf_counter() - started
        done += len(batch.events)
        if report:
            report(done)
    return spent


def store_bytes(url: str) -> int | None:
    """Bytes on disk of a benchmark store: the SQLite file with its WAL, or a throwaway Neo4j's store
    files without its transaction logs (pruned at checkpoints, so their size depends on when the last
    one ran); None for a server this process did not start."""
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        files = [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]
    elif url in _NEO4J_HOMES:
        files = [f for f in (_NEO4J_HOMES[url] / "data" / "databases").rglob("*") if f.is_file()]
    else:
        return None
    return sum(f.stat().st_size for f in files if f.exists())
