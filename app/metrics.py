"""Prometheus metrics: request latency by route template, requests in flight, errors by code, ingestion gauges.

Every metric is defined here, once per process, on prometheus_client's default registry. With
PROMETHEUS_MULTIPROC_DIR set (before the process starts), values go to files in that directory
and GET /metrics adds up every process that writes there: `geokg serve --workers N` and the
`geokg worker` processes alike. See docs/operations.md.
"""

from __future__ import annotations

import functools
import time
from pathlib import Path
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from prometheus_client.multiprocess import MultiProcessCollector
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# One label for every path no route knows (so scanners cannot add series) and for requests the guards
# in app/limits.py refuse before routing (413 body, 401 closed reads).
UNMATCHED_ROUTE = "<unmatched>"
KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})

REQUEST_DURATION = Histogram(
    "geokg_http_request_duration_seconds",
    "Time to answer an HTTP request, by method, route template and status class (2xx, 4xx, ...).",
    ["method", "route", "status"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
REQUESTS_IN_FLIGHT = Gauge(
    "geokg_http_requests_in_flight", "HTTP requests being answered right now.", multiprocess_mode="livesum",
)
ERRORS = Counter(
    "geokg_errors_total",
    "geokg errors turned into API responses, by error code (store_unavailable: the store failed or timed out).",
    ["code"],
)
QUEUE_DEPTH = Gauge(
    "geokg_queue_depth", "Ingestion jobs waiting to be extracted (set by whoever reads the queue).",
    multiprocess_mode="mostrecent",
)
ARTICLES_EXTRACTED = Counter("geokg_articles_extracted_total", "Articles run through the extraction pipeline.")
EVENTS_EXTRACTED = Counter("geokg_events_extracted_total", "Events the extraction pipeline produced.")
EXTRACTION_FAILURES = Counter("geokg_extraction_failures_total", "Articles whose extraction failed.")


def count_error(code: str) -> None:
    """Count one geokg error answered to a client."""
    ERRORS.labels(code=code).inc()


def record_extraction(*, articles: int = 1, events: int = 0, failed: int = 0) -> None:
    """Count articles extracted, the events they gave and the failures (for the ingestion workers)."""
    ARTICLES_EXTRACTED.inc(articles)
    EVENTS_EXTRACTED.inc(events)
    EXTRACTION_FAILURES.inc(failed)


def set_queue_depth(jobs: int) -> None:
    """Publish how many jobs wait in the ingestion queue."""
    QUEUE_DEPTH.set(jobs)


def exposition(multiproc_dir: Path | None) -> tuple[bytes, str]:
    """The metrics in Prometheus text format, summed over every process when a multiprocess dir is set."""
    if multiproc_dir is None:
        return generate_latest(REGISTRY), CONTENT_TYPE_LATEST
    registry = CollectorRegistry()
    MultiProcessCollector(registry, path=str(multiproc_dir))
    return generate_latest(registry), CONTENT_TYPE_LATEST


def _route_template(scope: Scope) -> str:
    """The template of the route that answered; UNMATCHED for unknown paths and requests refused before routing."""
    return getattr(scope.get("route"), "path", None) or UNMATCHED_ROUTE


@functools.cache
def _duration_child(method: str, route: str, status_class: int) -> Any:
    """The histogram series of one (method, route, status class); cached, as labels() costs more than observe()."""
    return REQUEST_DURATION.labels(method=method, route=route, status=f"{status_class}xx")


class MetricsMiddleware:
    """Times every HTTP request and labels it by route template (never the raw path: bounded cardinality)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500  # what the client gets if the app raises before answering

        async def send_and_note_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        REQUESTS_IN_FLIGHT.inc()
        try:
            await self.app(scope, receive, send_and_note_status)
        finally:
            REQUESTS_IN_FLIGHT.dec()
            method = scope["method"] if scope["method"] in KNOWN_METHODS else "other"  # bounded before the cache
            _duration_child(method, _route_template(scope), status // 100).observe(time.perf_counter() - started)
