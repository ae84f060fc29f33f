"""The connections tab: how two actors are linked, hop by hop through shared events."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.pages import expect_actor_page, open_explorer

pytestmark = pytest.mark.browser


def _find_connection(page: Page, typed: str, name: str) -> None:
    page.get_by_role("combobox", name="To", exact=True).fill(typed)
    page.get_by_role("option", name=re.compile(name)).click()


def test_follow_path_between_two_actors(page: Page, base_url: str) -> None:
    open_explorer(page, base_url, actor="person:anika-rauth")
    page.get_by_role("tab", name="Connections").click()
    _find_connection(page, "Ornes", "Ornesia")
    results = page.locator(".path-results")
    expect(results.get_by_role("heading")).to_have_text("1 shortest connection between Anika Rauth and Ornesia")
    path = results.locator(".path")
    expect(path.locator(".path-summary")).to_have_text("Via Elena Marsh, then Valdora")
    expect(path.locator(".path-actor")).to_have_text(["Anika Rauth", "Elena Marsh", "Valdora", "Ornesia"])
    expect(path.locator(".path-event .type-badge")).to_have_text(["Call", "Visit", "Prisoner exchange"])
    expect(path.locator(".path-event").nth(2)).to_contain_text("Valdora and Ornesia exchanged twelve detained sailors.")
    expect(path.locator(".path-event").nth(1).locator("a.source-link")).to_contain_text("Marsh in Tervik")
    assert "tab=path" in page.url and "target=country%3AORN" in page.url
    page.reload()  # the shared link shows the same connection
    expect(page.locator(".path .path-actor")).to_have_count(4)
    path.get_by_role("link", name="Valdora", exact=True).click()
    expect_actor_page(page, "Valdora")


def test_show_no_connection_for_an_isolated_actor(page: Page, base_url: str) -> None:
    open_explorer(page, base_url, actor="person:anika-rauth", tab="path")
    _find_connection(page, "Petra", "Petra Lind")
    expect(page.locator(".path-results")).to_contain_text(
        "No connection found between Anika Rauth and Petra Lind within 4 hops.")


def test_mark_planned_event_on_a_path(page: Page, base_url: str) -> None:
    open_explorer(page, base_url, actor="person:anika-rauth", tab="path",
                  target="organisation:northern-rivers-commission")
    planned = page.locator(".path-event.event--planned")
    expect(planned).to_have_count(1)
    expect(planned.locator(".planned-badge")).to_have_text("Planned")
    expect(planned).to_contain_text("20 Jun 2025")
