"""The write API over HTTP: API keys, size limits, queueing articles, and jobs run by a real worker."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.auth import key_digest, new_key
from app.main import create_app
from graph.settings import Settings
from graph.store import GraphStore, open_store
from ingest.jobs import open_queue
from ingest.worker import Worker
from tests.conftest import NEO4J_URL
from tests.live_server import live_server

KEY = new_key()
ARTICLE = {"id": "api-1", "url": "https://news.example/api-1", "title": "Leaders meet", "published_at": "2025-06-03",
           "text": "French President Emmanuel Macron met German Chancellor Friedrich Merz in Berlin on Tuesday."}


def _settings(tmp: Path, backend: str = "sqlite", **limits: Any) -> Settings:
    url = f"sqlite:///{tmp / 'api.sqlite'}" if backend == "sqlite" else NEO4J_URL
    return Settings(store=url, data_dir=tmp, api_keys=[key_digest(KEY)], **limits)


@pytest.fixture
def api(tmp_path: Path) -> Iterator[httpx.Client]:
    settings = _settings(tmp_path, max_batch_articles=2, max_article_chars=1000, max_body_bytes=4000)
    with live_server(create_app(settings)) as base, httpx.Client(base_url=base, timeout=30,
                                                                  headers={"Authorization": f"Bearer {KEY}"}) as c:
        yield c


def _error(response: httpx.Response, status: int, code: str) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and body["error"]["code"] == code
    return str(body["error"]["message"])


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {KEY}"}])
def test_write_without_valid_key_is_unauthorized(api: httpx.Client, headers: dict[str, str]) -> None:
    for method, path in [("POST", "/v1/articles"), ("GET", "/v1/jobs"), ("GET", "/v1/jobs/x")]:
        response = httpx.request(method, str(api.base_url) + path, json=ARTICLE, headers=headers, timeout=30)
        _error(response, 401, "unauthorized")
        assert response.headers["www-authenticate"] == "Bearer"


def test_write_with_no_keys_configured_is_unauthorized(tmp_path: Path) -> None:
    settings = Settings(store=f"sqlite:///{tmp_path / 'x.sqlite'}", data_dir=tmp_path)
    with live_server(create_app(settings)) as base:
        response = httpx.post(base + "/v1/articles", json=ARTICLE, headers={"Authorization": f"Bearer {KEY}"},
                              timeout=30)
    assert "no API keys are configured" in _error(response, 401, "unauthorized")


def test_post_article_queues_one_job_per_article(api: httpx.Client) -> None:
    single = api.post("/v1/articles", json=ARTICLE)
    assert single.status_code == 202
    (job,) = single.json()["jobs"]
    assert job["article_id"] == "api-1"
    batch = api.post("/v1/articles", json={"articles": [{**ARTICLE, "id": "api-2"}, {"text": "No id given."}]})
    assert batch.json()["jobs"][0]["article_id"] == "api-2"
    assert batch.json()["jobs"][1]["article_id"].startswith("art:")
    shown = api.get(f"/v1/jobs/{job['job_id']}").json()
    assert shown["state"] == "queued" and shown["article"]["title"] == "Leaders meet" and "text" not in shown["article"]
    listing = api.get("/v1/jobs").json()
    assert listing["counts"]["queued"] == 3 and len(listing["items"]) == 3


def test_post_over_limits_is_too_large(api: httpx.Client) -> None:
    three = {"articles": [{**ARTICLE, "id": f"x{i}"} for i in range(3)]}
    assert "limit is 2" in _error(api.post("/v1/articles", json=three), 413, "too_large")
    long_text = {**ARTICLE, "text": "word " * 300}
    assert "limit is 1000" in _error(api.post("/v1/articles", json=long_text), 413, "too_large")
    huge = {"articles": [{**ARTICLE, "text": "x" * 900, "id": f"y{i}"} for i in range(2)], "pad": "p" * 3000}
    assert "over the limit of 4000" in _error(api.post("/v1/articles", json=huge), 413, "too_large")
    assert api.get("/v1/jobs").json()["counts"]["queued"] == 0


def test_post_invalid_article_names_the_problem(api: httpx.Client) -> None:
    message = _error(api.post("/v1/articles", json={"articles": [ARTICLE, {"id": "z"}]}), 422, "invalid_input")
    assert "articles.1.text: Field required" in message
    assert "not valid JSON" in _error(api.post("/v1/articles", content=b"{oops"), 422, "invalid_input")
    assert "state must be one of" in _error(api.get("/v1/jobs", params={"state": "lost"}), 422, "invalid_input")
    _error(api.get("/v1/jobs/nope"), 404, "not_found")


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["sqlite", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def test_posted_articles_reach_the_graph_through_a_worker(tmp_path: Path, backend: str) -> None:
    settings = _settings(tmp_path, backend)
    store: GraphStore = open_store(settings=settings)
    store.clear()
    queue = open_queue(settings)
    try:
        with live_server(create_app(settings)) as base, httpx.Client(
                base_url=base, headers={"Authorization": f"Bearer {KEY}"}, timeout=60) as api:
            (posted,) = api.post("/v1/articles", json={"articles": [ARTICLE]}).json()["jobs"]
            (poison,) = queue.enqueue([{"id": "poison", "txet": "a payload no worker can read"}])
            stats = Worker(queue, store, batch=4).run(burst=True)
            assert (stats.done, stats.failed) == (1, 1)
            done = api.get(f"/v1/jobs/{posted['job_id']}").json()
            assert done["state"] == "done" and done["result"]["article_id"] == "api-1"
            assert done["result"]["status"] == "new" and done["result"]["events_new"] >= 1
            failed = api.get("/v1/jobs", params={"state": "failed"}).json()["items"]
            assert [j["id"] for j in failed] == [poison] and failed[0]["error"] == "invalid article: Field required"
        assert store.get_article("api-1").title == "Leaders meet"
        assert store.stats().articles == 1
    finally:
        queue.close()
        store.clear()
        store.close()
