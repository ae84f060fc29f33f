"""A journalist searches for an actor and reads their timeline: month groups, evidence, sources, filters."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.pages import expect_actor_page, month_headings, open_explorer, wait_for_sources

pytestmark = pytest.mark.browser


def test_show_graph_size_on_start_page(page: Page, base_url: str) -> None:
    open_explorer(page, base_url)
    expect(page.locator(".home-stats")).to_contain_text("8 actors and 39 events from 7 articles")


def test_search_by_alias_then_open_actor_card(page: Page, base_url: str) -> None:
    open_explorer(page, base_url)
    page.get_by_label("Search actors").fill("NRC")
    option = page.get_by_role("option", name=re.compile("Northern Rivers Commission"))
    expect(option).to_contain_text("matched \u201cNRC\u201d")
    page.get_by_label("Search actors").fill("Elena Ma")
    page.get_by_role("option", name=re.compile("Elena Marsh")).click()
    expect_actor_page(page, "Elena Marsh")
    assert "actor=person%3Aelena-marsh" in page.url
    card = page.locator("#actor-card")
    expect(card).to_contain_text("foreign minister (KES), 2 May 2023 \u2013 present")
    expect(card).to_contain_text("Ambassador to Valdora (KES), Jan 2019 \u2013 Apr 2023")
    expect(card.get_by_role("button", name=re.compile("Meeting 3"))).to_be_visible()


def test_read_timeline_by_month_with_evidence_source_and_planned_marker(page: Page, base_url: str) -> None:
    open_explorer(page, base_url, actor="person:elena-marsh")
    expect(page.locator(".timeline-status")).to_have_text("7 events")
    assert month_headings(page) == ["June 2025", "March 2025", "February 2025", "January 2025", "November 2024"]
    planned = page.locator(".event--planned")
    expect(planned).to_have_count(1)
    expect(planned.locator(".planned-badge")).to_have_text("Planned")
    expect(planned).to_contain_text("Marsh is due to meet the Northern Rivers Commission later in June.")
    visit = page.locator(".event", has_text="two-day visit")
    expect(visit.locator(".event-head")).to_contain_text("Visit")
    expect(visit.locator(".event-head")).to_contain_text("3 Feb 2025")
    expect(visit.locator(".event-head")).to_contain_text("Tervik, VAL")
    expect(visit.get_by_role("link", name="Valdora")).to_have_attribute("href", "?actor=country%3AVAL")
    wait_for_sources(page)
    source = visit.locator("a.source-link")
    expect(source).to_contain_text("Marsh in Tervik")
    expect(source).to_have_attribute("href", "https://riverdesk.example/2025/story-3")
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(SCREENSHOTS / "timeline.png"))


def test_show_every_report_of_an_event_reported_twice(page: Page, base_url: str) -> None:
    open_explorer(page, base_url, actor="country:KES", types="agreement")
    wait_for_sources(page)
    accord = page.locator(".event", has_text="water-sharing accord")
    expect(accord.locator("a.source-link").first).to_contain_text("Water accord signed in Geneva")
    accord.get_by_text("1 more report").click()
    expect(accord.locator(".more-sources")).to_contain_text("binds Kestria and Valdora to share river data")


def test_filter_timeline_by_type_and_keep_it_in_the_url(page: Page, base_url: str) -> None:
    open_explorer(page, base_url, actor="person:elena-marsh")
    expect(page.locator(".timeline-status")).to_have_text("7 events")
    page.get_by_role("checkbox", name=re.compile("Call")).check()
    expect(page.locator(".timeline-status")).to_have_text("3 events matching the filters")
    assert month_headings(page) == ["March 2025", "January 2025"]
    assert "types=call" in page.url
    page.reload()  # the shared link shows the same filtered view
    expect(page.locator(".timeline-status")).to_have_text("3 events matching the filters")
    expect(page.get_by_role("checkbox", name=re.compile("Call"))).to_be_checked()
    page.get_by_label("Counterpart", exact=True).select_option(label="Idris Kalu")
    expect(page.locator(".timeline-status")).to_have_text("1 event matching the filters")
    page.get_by_role("button", name="Clear filters").click()
    expect(page.locator(".timeline-status")).to_have_text("7 events")


def test_read_timeline_oldest_first(page: Page, base_url: str) -> None:
    open_explorer(page, base_url, actor="person:elena-marsh")
    expect(page.locator(".timeline-status")).to_have_text("7 events")
    page.get_by_label("Order").select_option(label="Oldest first")
    expect(page.locator("#timeline-list .month-heading").first).to_have_text("November 2024")
    assert month_headings(page)[-1] == "June 2025"
    assert "order=oldest" in page.url


def test_filter_with_no_match_shows_empty_state(page: Page, base_url: str) -> None:
    open_explorer(page, base_url, actor="person:elena-marsh", types="sanction")
    expect(page.get_by_role("status").filter(has_text="No events match these filters.")).to_be_visible()


def test_name_counterpart_from_shared_link_outside_top_counterparts(page: Page, base_url: str) -> None:
    open_explorer(page, base_url, actor="person:elena-marsh", counterpart="country:ORN")
    expect(page.get_by_label("Counterpart", exact=True).locator("option:checked")).to_have_text("Ornesia")
    expect(page.get_by_role("status").filter(has_text="No events match these filters.")).to_be_visible()


def test_load_more_continues_the_timeline(page: Page, base_url: str) -> None:
    open_explorer(page, base_url, actor="country:VAL")
    expect(page.locator(".timeline-status")).to_have_text("25 events, more below")
    assert month_headings(page)[-1] == "June 2023"  # the page ends inside June 2023
    page.get_by_role("button", name="Load more events").click()
    expect(page.locator(".timeline-status")).to_have_text("31 events")
    expect(page.get_by_role("button", name="Load more events")).to_be_hidden()
    headings = month_headings(page)
    assert len(headings) == len(set(headings)) == 28  # June 2023 continues under its heading
    assert headings[-1] == "January 2023"
    june = page.locator("#timeline-list section.month", has=page.get_by_role("heading", name="June 2023"))
    expect(june.locator(".event")).to_have_count(2)


def test_use_search_and_tabs_from_the_keyboard(page: Page, base_url: str) -> None:
    open_explorer(page, base_url)
    for _ in range(3):  # the skip link, the home link, then the search box
        page.keyboard.press("Tab")
    expect(page.get_by_label("Search actors")).to_be_focused()
    page.keyboard.type("Idris")
    expect(page.get_by_role("option", name=re.compile("Idris Kalu"))).to_be_visible()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect_actor_page(page, "Idris Kalu")
    expect(page.locator("#actor-name")).to_be_focused()  # reading starts at the opened actor's name
    expect(page.locator("#actor-card")).to_contain_text("President (VAL), 14 Sep 2021 \u2013 present")
    page.get_by_role("tab", name="Timeline").focus()
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("tab", name="Network")).to_be_focused()
    expect(page.get_by_role("tab", name="Network")).to_have_attribute("aria-selected", "true")
    assert "tab=graph" in page.url
