"""Browser fixtures: Debian's Chromium driven by Playwright, against the real app under uvicorn on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Error,
    Page,
    Playwright,
    ViewportSize,
    expect,
    sync_playwright,
)

from app.main import create_app
from graph.settings import Settings
from graph.store import open_store
from tests.e2e.world import load_world
from tests.live_server import live_server

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# Assertions wait 5 s by default, apart from the page's own default: a stall of the 2-core CI box
# (the server runs in this process) must not fail a page that is merely slow.
expect.set_options(timeout=15_000)
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
LAPTOP: ViewportSize = {"width": 1280, "height": 900}
PHONE: ViewportSize = {"width": 390, "height": 844}


def world_settings(directory: Path, *, empty: bool = False) -> Settings:
    """Settings for a fresh SQLite store holding the invented world (or nothing)."""
    url = f"sqlite:///{directory / 'world.sqlite'}"
    settings = Settings(store=url, data_dir=directory)
    store = open_store(settings=settings)
    if not empty:
        load_world(store)
    store.close()
    return settings


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """Debian's Chromium (never a downloaded one); a missing binary fails the browser tests."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium, or deselect with -m 'not browser'")
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
    yield browser
    browser.close()


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The explorer and API over the invented world, served by uvicorn on 127.0.0.1."""
    settings = world_settings(tmp_path_factory.mktemp("explorer"))
    with live_server(create_app(settings)) as url:
        yield url


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh laptop-sized page; a JavaScript exception on it fails the test."""
    context = browser.new_context(viewport=LAPTOP)
    page = context.new_page()
    page.set_default_timeout(20_000)
    crashes: list[Error] = []
    page.on("pageerror", lambda error: crashes.append(error))
    console_errors: list[ConsoleMessage] = []
    page.on("console", lambda message: console_errors.append(message) if message.type == "error" else None)
    yield page
    context.close()
    assert not crashes, f"JavaScript errors on the page: {crashes}"
    page_bugs = [m.text for m in console_errors if "Failed to load resource" not in m.text]
    assert not page_bugs, f"console errors on the page: {page_bugs}"
