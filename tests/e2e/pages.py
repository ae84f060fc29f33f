"""What the browser tests do on the explorer page, in a person's terms (open, read, click on the graph)."""

from __future__ import annotations

from urllib.parse import urlencode

from playwright.sync_api import Page, expect


def open_explorer(page: Page, base_url: str, **state: str) -> None:
    """Open the page at a shareable URL, e.g. open_explorer(page, url, actor="country:VAL", tab="graph")."""
    page.goto(f"{base_url}/?{urlencode(state)}" if state else f"{base_url}/")


def month_headings(page: Page) -> list[str]:
    return page.locator("#timeline-list .month-heading").all_inner_texts()


def wait_for_sources(page: Page) -> None:
    """Every timeline entry has been given its reporting article (or a note that there is none)."""
    page.wait_for_function("() => document.querySelectorAll('.event-sources:not([data-loaded=done])').length === 0")


def wait_for_graph(page: Page, nodes: int) -> None:
    """Cytoscape has drawn `nodes` nodes in the graph canvas."""
    page.wait_for_function("""n => {
        const canvas = document.querySelector('#cy');
        return canvas?.dataset.layout === 'done' && canvas.cy.nodes().length === n;
    }""", arg=nodes)


def graph_node_names(page: Page) -> set[str]:
    names: list[str] = page.evaluate("() => document.querySelector('#cy').cy.nodes().map(n => n.data('name'))")
    return set(names)


def click_graph(page: Page, element_id: str) -> None:
    """Click with the mouse where Cytoscape drew a node (its centre) or an edge (its midpoint)."""
    page.locator("#cy").scroll_into_view_if_needed()
    point = page.evaluate("""id => {
        const canvas = document.querySelector('#cy');
        const box = canvas.getBoundingClientRect();
        const element = canvas.cy.getElementById(id);
        const p = element.isNode() ? element.renderedPosition() : element.renderedMidpoint();
        return {x: box.left + p.x, y: box.top + p.y};
    }""", element_id)
    page.mouse.click(point["x"], point["y"])


def expect_actor_page(page: Page, name: str) -> None:
    expect(page.locator("#actor-name")).to_have_text(name)
