"""What the page says when there is nothing to show, when the API refuses, and when it is gone; phone widths."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from app.main import create_app
from tests.e2e.conftest import PHONE, world_settings
from tests.e2e.pages import expect_actor_page, open_explorer, wait_for_graph
from tests.live_server import live_server

pytestmark = pytest.mark.browser


def test_show_error_banner_when_api_goes_down(page: Page, tmp_path: Path) -> None:
    with live_server(create_app(world_settings(tmp_path))) as url:
        open_explorer(page, url, actor="person:elena-marsh")
        expect_actor_page(page, "Elena Marsh")
        banner = page.get_by_role("alert").filter(has_text="Cannot load data")
        expect(banner).to_be_hidden()
    page.get_by_role("tab", name="Network").click()
    expect(banner).to_be_visible()
    expect(banner).to_contain_text(f"Could not reach the geokg API at {url}/v1/")
    expect(banner.get_by_role("button", name="Retry")).to_be_visible()
    expect(page.locator("#actor-name")).to_have_text("Elena Marsh")  # what was read stays readable


def test_show_error_banner_when_search_cannot_reach_api(page: Page, tmp_path: Path) -> None:
    with live_server(create_app(world_settings(tmp_path))) as url:
        open_explorer(page, url)
        expect(page.locator(".home-stats")).to_contain_text("8 actors")
    page.get_by_label("Search actors").fill("Kalu")
    expect(page.get_by_role("alert").filter(has_text="Cannot load data")).to_contain_text(
        "The server may be down or your connection offline.")


def test_show_empty_state_when_graph_is_empty(page: Page, tmp_path: Path) -> None:
    with live_server(create_app(world_settings(tmp_path, empty=True))) as url:
        open_explorer(page, url)
        expect(page.get_by_role("status").filter(has_text="The graph is empty.")).to_be_visible()
        page.get_by_label("Search actors").fill("Marsh")
        expect(page.get_by_role("option")).to_have_text("No actor matches \u201cMarsh\u201d")


def test_show_not_found_for_unknown_actor(page: Page, base_url: str) -> None:
    open_explorer(page, base_url, actor="person:nobody")
    expect(page.locator("#actor-card")).to_contain_text("No actor with the id \u201cperson:nobody\u201d.")
    expect(page.get_by_role("tab")).to_have_count(0)


def test_show_api_message_for_invalid_filters(page: Page, base_url: str) -> None:
    open_explorer(page, base_url, actor="person:elena-marsh", **{"from": "2025-05-01", "to": "2025-01-01"})
    expect(page.locator("#timeline-list .inline-error")).to_have_text(
        "The timeline could not be loaded: 'from' is after 'to'")


def test_fit_phone_width_without_sideways_scrolling(page: Page, base_url: str) -> None:
    page.set_viewport_size(PHONE)
    for tab in ("timeline", "graph", "path"):
        open_explorer(page, base_url, actor="person:elena-marsh", tab=tab)
        expect_actor_page(page, "Elena Marsh")
        if tab == "graph":
            wait_for_graph(page, 5)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{tab} is {width}px wide on a {PHONE['width']}px phone"
