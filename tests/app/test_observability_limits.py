"""The guards in front of every route, over HTTP: body size limit, closed reads, CORS."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from app.auth import key_digest, new_key
from app.main import create_app
from graph.settings import Settings
from tests.live_server import live_server

KEY = new_key()
ORIGIN = "https://newsroom.example"


def _client(tmp: Path, **extra: object) -> Iterator[httpx.Client]:
    settings = Settings(store=f"sqlite:///{tmp / 'limits.sqlite'}", data_dir=tmp, api_keys=[key_digest(KEY)],
                        **extra)  # type: ignore[arg-type]
    with live_server(create_app(settings)) as base, httpx.Client(base_url=base, timeout=30) as client:
        yield client


@pytest.fixture
def small_bodies(tmp_path: Path) -> Iterator[httpx.Client]:
    yield from _client(tmp_path, max_body_bytes=2000)


def _error(response: httpx.Response, status: int, code: str) -> str:
    assert response.status_code == status, response.text
    assert response.json()["error"]["code"] == code
    return str(response.json()["error"]["message"])


def test_declared_body_over_limit_is_refused_before_auth(small_bodies: httpx.Client) -> None:
    message = _error(small_bodies.post("/v1/articles", content=b"{" + b" " * 5000 + b"}"), 413, "too_large")
    assert message == "request body of 5002 bytes is over the limit of 2000"


def test_streamed_body_over_limit_is_refused(small_bodies: httpx.Client) -> None:
    def chunks() -> Iterator[bytes]:  # no Content-Length: the middleware has to count
        yield b'{"text": "'
        for _ in range(100):
            yield b"x" * 100

    response = small_bodies.post("/v1/articles", content=chunks(), headers={"Authorization": f"Bearer {KEY}"})
    assert _error(response, 413, "too_large").endswith("bytes, over the limit of 2000")


def test_body_under_limit_reaches_the_route(small_bodies: httpx.Client) -> None:
    response = small_bodies.post("/v1/articles", content=b"not json", headers={"Authorization": f"Bearer {KEY}"})
    assert "not valid JSON" in _error(response, 422, "invalid_input")


def test_closed_reads_need_the_api_key(tmp_path: Path) -> None:
    for client in _client(tmp_path, open_reads=False):
        assert "API key" in _error(client.get("/v1/stats"), 401, "unauthorized")
        assert _error(client.get("/v1/stats", headers={"Authorization": "Bearer wrong"}), 401, "unauthorized")
        assert client.get("/metrics").status_code == 401
        assert client.get("/v1/no-such-route").status_code == 401  # nothing is revealed without a key
        assert client.get("/v1/stats", headers={"Authorization": f"Bearer {KEY}"}).json()["events"] == 0
        assert client.get("/healthz").status_code == 200 and client.get("/").status_code == 200


def test_reads_are_open_by_default(tmp_path: Path) -> None:
    for client in _client(tmp_path):
        assert client.get("/v1/stats").status_code == 200 and client.get("/metrics").status_code == 200


def test_cors_is_off_by_default(tmp_path: Path) -> None:
    for client in _client(tmp_path):
        response = client.get("/v1/stats", headers={"Origin": ORIGIN})
        assert response.status_code == 200 and "access-control-allow-origin" not in response.headers


def test_cors_allows_only_configured_origins(tmp_path: Path) -> None:
    for client in _client(tmp_path, cors_origins=[ORIGIN]):
        preflight = client.options("/v1/articles", headers={
            "Origin": ORIGIN, "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization,content-type"})
        assert preflight.status_code == 200 and preflight.headers["access-control-allow-origin"] == ORIGIN
        read = client.get("/v1/stats", headers={"Origin": ORIGIN})
        assert read.headers["access-control-allow-origin"] == ORIGIN
        assert "x-request-id" in read.headers["access-control-expose-headers"].lower()
        other = client.get("/v1/stats", headers={"Origin": "https://elsewhere.example"})
        assert "access-control-allow-origin" not in other.headers


def test_openapi_documents_the_error_shape_on_every_operation(tmp_path: Path) -> None:
    for client in _client(tmp_path):
        schema = client.get("/openapi.json").json()
        error_ref = {"$ref": "#/components/schemas/ErrorBody"}
        for path, operations in schema["paths"].items():
            for operation in operations.values():
                statuses = {"401", "404", "413", "422", "503"} if path.startswith("/v1/") else {"404", "413", "422"}
                for status in statuses:
                    assert operation["responses"][status]["content"]["application/json"]["schema"] == error_ref
        assert schema["components"]["schemas"]["ErrorBody"]["required"] == ["error"]
        assert "HTTPValidationError" not in schema["components"]["schemas"]  # a shape this API never sends
