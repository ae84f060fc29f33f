"""The network tab: Cytoscape draws the actor's counterparts; nodes open actors, edges list shared events."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.pages import (
    click_graph,
    expect_actor_page,
    graph_node_names,
    open_explorer,
    wait_for_graph,
    wait_for_sources,
)

pytestmark = pytest.mark.browser

MARSH_KALU = "person:elena-marsh|person:idris-kalu"
CALL_BLUE = "rgb(37,99,235)"


def _edge_style(page: Page, edge_id: str, prop: str) -> str:
    value: str = page.evaluate("([id, prop]) => document.querySelector('#cy').cy.getElementById(id).style(prop)",
                               [edge_id, prop])
    return value.replace(" ", "")


def test_draw_network_with_edges_weighted_and_coloured(page: Page, base_url: str) -> None:
    open_explorer(page, base_url, actor="person:elena-marsh", tab="graph")
    wait_for_graph(page, 5)
    assert graph_node_names(page) == {"Elena Marsh", "Idris Kalu", "Anika Rauth", "Valdora",
                                      "Northern Rivers Commission"}
    expect(page.locator(".graph-status")).to_have_text("5 actors, 5 links between November 2024 and June 2025")
    # three shared events draw a thicker line than one; calls are blue
    assert float(_edge_style(page, MARSH_KALU, "width")[:-2]) > float(
        _edge_style(page, "country:VAL|person:elena-marsh", "width")[:-2])
    assert _edge_style(page, "person:anika-rauth|person:elena-marsh", "line-color") == CALL_BLUE
    links = page.locator(".link-list button")
    expect(links.first).to_have_text(re.compile(r"Elena Marsh \u2014 Idris Kalu 3 events, mostly meetings"))


def test_click_graph_edge_lists_shared_events(page: Page, base_url: str) -> None:
    open_explorer(page, base_url, actor="person:elena-marsh", tab="graph")
    wait_for_graph(page, 5)
    click_graph(page, MARSH_KALU)
    dyad = page.locator(".dyad")
    expect(page.locator("#dyad-heading")).to_have_text("Elena Marsh & Idris Kalu")
    expect(dyad).to_contain_text("3 shared events: 2 meetings, 1 call. First 5 Nov 2024, latest 4 Feb 2025.")
    expect(dyad.locator(".event")).to_have_count(3)
    wait_for_sources(page)
    page.get_by_label("Show").select_option(label="Counterparts of counterparts")
    wait_for_graph(page, 7)
    assert {"Kestria", "Ornesia"} <= graph_node_names(page)
    assert "depth=2" in page.url
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(SCREENSHOTS / "graph.png"))


def test_click_graph_node_opens_that_actor(page: Page, base_url: str) -> None:
    open_explorer(page, base_url, actor="person:elena-marsh", tab="graph")
    wait_for_graph(page, 5)
    click_graph(page, "person:idris-kalu")
    expect_actor_page(page, "Idris Kalu")
    assert "actor=person%3Aidris-kalu" in page.url and "tab=graph" in page.url
    wait_for_graph(page, 3)
    assert graph_node_names(page) == {"Idris Kalu", "Elena Marsh", "Kestria"}
    page.go_back()  # the browser's back button returns to the previous actor
    expect_actor_page(page, "Elena Marsh")


def test_month_slider_refilters_graph(page: Page, base_url: str) -> None:
    open_explorer(page, base_url, actor="person:elena-marsh", tab="graph")
    wait_for_graph(page, 5)
    start = page.get_by_role("slider", name="From")
    start.focus()
    for _ in range(4):  # November 2024 -> March 2025, from the keyboard
        page.keyboard.press("ArrowRight")
    expect(page.locator("output[for=graph-from]")).to_have_text("March 2025")
    expect(page.locator(".graph-status")).to_have_text("3 actors, 2 links between March 2025 and June 2025")
    wait_for_graph(page, 3)  # the status is written before the new graph is drawn
    assert graph_node_names(page) == {"Elena Marsh", "Anika Rauth", "Northern Rivers Commission"}
    assert "gfrom=2025-03" in page.url
    page.reload()
    wait_for_graph(page, 3)
    expect(start).to_have_value("4")


def test_keyboard_list_of_links_opens_shared_events(page: Page, base_url: str) -> None:
    open_explorer(page, base_url, actor="person:elena-marsh", tab="graph")
    wait_for_graph(page, 5)
    page.get_by_role("button", name=re.compile("Anika Rauth \u2014 Elena Marsh")).press("Enter")
    expect(page.locator("#dyad-heading")).to_have_text("Anika Rauth & Elena Marsh")
    page.locator(".dyad").get_by_role("link", name="Open these events in the timeline").click()
    expect(page.locator(".timeline-status")).to_have_text("2 events matching the filters")


def test_show_actor_without_counterparts_alone(page: Page, base_url: str) -> None:
    open_explorer(page, base_url, actor="person:petra-lind", tab="graph")
    wait_for_graph(page, 1)
    expect(page.locator(".graph-status")).to_have_text("1 actor, 0 links in May 2025")
    expect(page.locator(".node-list")).to_have_text("No counterparts in this period.")
    expect(page.get_by_role("slider", name="From")).to_be_disabled()
