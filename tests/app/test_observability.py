"""Request ids, structured logs and Prometheus metrics, observed over HTTP on a real server."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from prometheus_client import REGISTRY
from prometheus_client.parser import text_string_to_metric_families

from app.main import create_app
from app.metrics import UNMATCHED_ROUTE, exposition, record_extraction, set_queue_depth
from app.observability import configure_logging
from graph.errors import ConfigError
from graph.settings import Settings
from graph.store import open_store
from tests.graph.fixtures import ARD, load_fixture_graph
from tests.live_server import live_server

REPO = Path(__file__).resolve().parents[2]


def _settings(tmp: Path, **extra: object) -> Settings:
    return Settings(store=f"sqlite:///{tmp / 'obs.sqlite'}", data_dir=tmp, **extra)  # type: ignore[arg-type]


def _serve(app: FastAPI) -> Iterator[httpx.Client]:
    with live_server(app) as base, httpx.Client(base_url=base, timeout=30) as client:
        yield client


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    settings = _settings(tmp_path_factory.mktemp("obs"))
    store = open_store(settings=settings)
    load_fixture_graph(store)
    store.close()
    app = create_app(settings)

    @app.get("/test-only/boom", include_in_schema=False)
    def boom() -> None:
        raise RuntimeError("a bug the error handler must log with the request id")

    yield from _serve(app)


def _samples(client: httpx.Client, name: str) -> dict[tuple[tuple[str, str], ...], float]:
    """Every sample of one metric family, keyed by its sorted labels."""
    text = client.get("/metrics").text
    return {tuple(sorted(s.labels.items())): s.value
            for family in text_string_to_metric_families(text) for s in family.samples if s.name == name}


def _field(record: logging.LogRecord, name: str) -> Any:
    """A request field the middleware and the record factory add to log records."""
    return getattr(record, name, None)


def test_request_id_is_echoed_when_given(api: httpx.Client) -> None:
    response = api.get("/v1/stats", headers={"X-Request-ID": "trace-42.a:b"})
    assert response.status_code == 200 and response.headers["x-request-id"] == "trace-42.a:b"


def test_request_id_is_made_when_missing_or_unsafe(api: httpx.Client) -> None:
    made = api.get("/healthz").headers["x-request-id"]
    unsafe = api.get("/healthz", headers={"X-Request-ID": "forged {\"level\": \"ERROR\"}"}).headers["x-request-id"]
    too_long = api.get("/healthz", headers={"X-Request-ID": "a" * 129}).headers["x-request-id"]
    assert len({made, unsafe, too_long}) == 3
    assert all(len(rid) == 32 and rid.isalnum() for rid in (made, unsafe, too_long))


def test_access_line_carries_request_fields(api: httpx.Client, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="geokg.access"):
        api.get("/v1/events/no-such-event", headers={"X-Request-ID": "access-1"})
        api.get("/healthz")  # a second request: the first one's line is surely written by now
    record = next(r for r in caplog.records if r.name == "geokg.access" and _field(r, "request_id") == "access-1")
    assert [_field(record, f) for f in ("method", "path", "status")] == ["GET", "/v1/events/no-such-event", 404]
    assert _field(record, "duration_ms") > 0 and "GET /v1/events/no-such-event 404" in record.getMessage()


def test_access_line_cannot_be_forged_with_control_characters(
    api: httpx.Client, caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.INFO, logger="geokg.access"):
        api.get("/v1/events/x%0D%0A2026-01-01 INFO geokg.access [admin] GET /v1/stats 200%E2%80%AE",
                headers={"X-Request-ID": "forge-1"})
        api.get("/healthz")
    record = next(r for r in caplog.records if _field(r, "request_id") == "forge-1")
    assert "\n" not in record.getMessage() and "\u202e" not in record.getMessage()
    assert record.getMessage().startswith("GET /v1/events/x\\r\\n2026-01-01")


def test_unhandled_error_is_logged_with_its_request_id(api: httpx.Client, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO):
        response = api.get("/test-only/boom", headers={"X-Request-ID": "boom-1"})
        httpx.get(api.base_url.join("/healthz"), timeout=30)  # a new connection: the server closes one that failed
    assert response.status_code == 500 and response.json()["error"]["code"] == "internal_error"
    tagged = [r for r in caplog.records if _field(r, "request_id") == "boom-1"]
    assert any(r.levelno == logging.ERROR and r.exc_info for r in tagged)
    assert any(r.name == "geokg.access" and _field(r, "status") == 500 for r in tagged)


def test_json_logs_are_one_object_per_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings = _settings(tmp_path, log_json=True)
    try:
        for client in _serve(create_app(settings)):
            client.get("/v1/stats", headers={"X-Request-ID": "json-1"})
            client.get("/healthz")
        lines = [json.loads(line) for line in capsys.readouterr().err.splitlines() if line.startswith("{")]
    finally:
        configure_logging(_settings(tmp_path))  # back to plain text for the tests that follow
    access = next(line for line in lines if line.get("request_id") == "json-1" and line["logger"] == "geokg.access")
    fields = {"time", "level", "logger", "message", "request_id", "method", "path", "status", "duration_ms"}
    assert fields <= access.keys()
    assert (access["level"], access["path"], access["status"]) == ("INFO", "/v1/stats", 200)


def test_latency_is_labelled_by_route_template(api: httpx.Client) -> None:
    before = _samples(api, "geokg_http_request_duration_seconds_count")
    for _ in range(2):
        assert api.get(f"/v1/actors/{ARD}/timeline").status_code == 200
    api.get("/no/such/page-1")
    api.get("/no/such/page-2")
    after = _samples(api, "geokg_http_request_duration_seconds_count")
    timeline = (("method", "GET"), ("route", "/v1/actors/{actor_id}/timeline"), ("status", "2xx"))
    unmatched = (("method", "GET"), ("route", UNMATCHED_ROUTE), ("status", "4xx"))
    assert after[timeline] - before.get(timeline, 0) == 2
    assert after[unmatched] - before.get(unmatched, 0) == 2
    assert not any("page-" in value or ARD in value for labels in after for _, value in labels)


def test_errors_are_counted_by_code(api: httpx.Client) -> None:
    before = _samples(api, "geokg_errors_total")
    api.get("/v1/events/no-such-event")
    api.get("/v1/events", params={"limit": 100_000})
    after = _samples(api, "geokg_errors_total")
    for code in ("not_found", "too_large"):
        assert after[(("code", code),)] - before.get((("code", code),), 0) == 1


def test_ingestion_metrics_are_exposed(api: httpx.Client) -> None:
    before = _samples(api, "geokg_events_extracted_total").get((), 0)
    record_extraction(articles=2, events=5)
    set_queue_depth(7)
    assert _samples(api, "geokg_events_extracted_total")[()] - before == 5
    assert _samples(api, "geokg_queue_depth")[()] == 7
    assert _samples(api, "geokg_http_requests_in_flight")[()] >= 1  # the scrape itself


def test_multiprocess_metrics_are_summed_over_processes(tmp_path: Path) -> None:
    count_one = "from app.metrics import record_extraction; record_extraction(articles=1, events=3)"
    env = {"PROMETHEUS_MULTIPROC_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    for _ in range(2):
        subprocess.run([sys.executable, "-c", count_one], cwd=REPO, env=env, check=True, timeout=120)
    body, _ = exposition(tmp_path)
    samples = {s.name: s.value for f in text_string_to_metric_families(body.decode()) for s in f.samples}
    assert samples["geokg_articles_extracted_total"] == 2 and samples["geokg_events_extracted_total"] == 6


def test_configure_logging_keeps_one_handler(tmp_path: Path) -> None:
    for _ in range(3):
        configure_logging(_settings(tmp_path))
    assert [h.get_name() for h in logging.getLogger().handlers].count("geokg") == 1
    assert logging.getLogger("uvicorn.access").disabled


def test_unknown_log_level_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="'chatty'"):
        configure_logging(_settings(tmp_path, log_level="chatty"))


def test_every_metric_is_documented() -> None:
    docs = (REPO / "docs" / "operations.md").read_text()
    names = {metric.name for metric in REGISTRY.collect() if metric.name.startswith("geokg_")}
    assert len(names) >= 7 and not [n for n in names if f"`{n}" not in docs]
