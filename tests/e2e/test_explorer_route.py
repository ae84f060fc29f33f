"""The explorer's files are served by the app itself, offline, with nothing outside the static folder."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from app.routes.explorer import STATIC_DIR


@pytest.fixture(scope="module")
def client(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, timeout=10) as client:
        yield client


def test_serve_page_at_root(client: httpx.Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert '<script type="module" src="static/app.js">' in response.text


def test_serve_scripts_as_javascript(client: httpx.Client) -> None:
    for path in ("/static/app.js", "/static/js/timeline.js", "/static/vendor/cytoscape/cytoscape.esm.min.js"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["content-type"].split(";")[0] in {"text/javascript", "application/javascript"}


def test_page_references_no_other_host() -> None:
    """Works offline: no CDN, no web font, no absolute URL in the page, its styles or its scripts."""
    for path in [STATIC_DIR / "index.html", STATIC_DIR / "app.css", STATIC_DIR / "app.js",
                 *(STATIC_DIR / "js").glob("*.js")]:
        text = path.read_text()
        assert "http://" not in text and "https://" not in text and "//cdn" not in text, path


def test_vendored_library_ships_its_licence() -> None:
    licence = (STATIC_DIR / "vendor" / "cytoscape" / "LICENSE").read_text()
    assert "The Cytoscape Consortium" in licence and "Permission is hereby granted" in licence


def test_refuse_paths_outside_static_folder(client: httpx.Client) -> None:
    for path in ("/static/../routes/explorer.py", "/static/%2e%2e/main.py", "/static/", "/static/nope.js"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.json()["error"]["code"] == "not_found"
