"""API keys guard every operation that needs one: writes always, every GET /v1 read once reads are closed.

The operations come from the OpenAPI document, so a new endpoint is covered without touching this file.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.auth import key_digest
from app.main import create_app
from graph.settings import Settings
from tests.live_server import live_server
from tests.security.conftest import KEY
from tests.security.test_injection import REQUIRED_VALUES

WRONG_KEYS = [None, "Bearer", "Bearer gk_not-a-real-key", f"Basic {KEY}", f"Bearer {KEY}x", KEY]


@pytest.fixture(scope="module")
def closed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    """The app with reads closed, over an empty SQLite store (the guard does not depend on the backend)."""
    tmp: Path = tmp_path_factory.mktemp("closed")
    settings = Settings(store=f"sqlite:///{tmp / 'closed.sqlite'}", data_dir=tmp, api_keys=[key_digest(KEY)],
                        open_reads=False)
    with live_server(create_app(settings)) as base, httpx.Client(base_url=base, timeout=60) as client:
        yield client


def _operations(client: httpx.Client) -> list[tuple[str, str]]:
    """(method, URL with valid path values) of every /v1 operation in the OpenAPI document."""
    schema: dict[str, Any] = client.get("/openapi.json").json()
    found = []
    for path, operations in schema["paths"].items():
        for method in operations:
            if path.startswith("/v1/"):
                found.append((method.upper(), path.format(**REQUIRED_VALUES)))
    return found


def _query(url: str) -> dict[str, str]:
    return {"q": "Ard", "mention": "Ardenia"} | ({"from": "country:ARD", "to": "country:BRV"}
                                                 if url.endswith("/paths") else {})


def test_every_v1_operation_refuses_missing_or_wrong_keys(closed: httpx.Client) -> None:
    operations = _operations(closed)
    assert len(operations) >= 15
    for method, url in operations:
        for auth in WRONG_KEYS:
            headers = {"Authorization": auth} if auth is not None else {}
            response = closed.request(method, url, params=_query(url), headers=headers, json={})
            assert response.status_code == 401, (method, url, auth, response.text)
            assert response.json()["error"]["code"] == "unauthorized"
            assert response.headers["www-authenticate"] == "Bearer"


def test_every_v1_read_answers_with_the_key(closed: httpx.Client) -> None:
    for method, url in _operations(closed):
        if method == "GET":
            response = closed.get(url, params=_query(url), headers={"Authorization": f"Bearer {KEY}"})
            assert response.status_code not in (401, 403) and response.status_code < 500, (url, response.text)
