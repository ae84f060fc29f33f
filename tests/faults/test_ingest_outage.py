"""`geokg ingest` (the in-process runner) when Neo4j's connections are cut mid-run: it waits, then loads the rest.

The cut is a TCP proxy between the runner and the shared test server, closed and reopened: to the driver
it looks like a dead server that comes back, without the cost of restarting a JVM.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from graph.models import EventFilter
from graph.settings import Settings
from graph.store import GraphStore, open_store
from ingest.articles import ArticleIn
from ingest.runner import StoreGone, ingest
from tests.conftest import NEO4J_URL
from tests.faults.corpus import bulk_articles
from tests.faults.proxy import TcpProxy, tcp_proxy

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]

QUERY_TIMEOUT_S = 2.0
CUT_FOR_S = 3 * QUERY_TIMEOUT_S  # longer than the driver retries by itself: the runner has to wait
EVENTS, SECOND_REPORTS = 12, 8  # 20 articles: the worker test runs the full 40


@pytest.fixture
def proxied(neo4j_store: GraphStore) -> Iterator[tuple[TcpProxy, GraphStore]]:
    """The shared test server, emptied, and a store that reaches it through a proxy we can cut."""
    neo4j_store.clear()
    target = urlsplit(NEO4J_URL)
    with tcp_proxy(target.hostname or "127.0.0.1", target.port or 7687) as proxy:
        url = f"bolt://127.0.0.1:{proxy.port}"
        store = open_store(url, settings=Settings(store=url, query_timeout_s=QUERY_TIMEOUT_S))
        try:
            yield proxy, store
        finally:
            store.close()
    neo4j_store.clear()


def _articles() -> list[ArticleIn]:
    return [ArticleIn.model_validate(article) for article in bulk_articles(EVENTS, SECOND_REPORTS)]


def test_ingest_waits_for_a_store_cut_off_mid_run_and_loads_each_article_once(
        proxied: tuple[TcpProxy, GraphStore], neo4j_store: GraphStore, caplog: pytest.LogCaptureFixture) -> None:
    proxy, store = proxied
    loaded = 0

    def cut_after_six() -> None:
        nonlocal loaded
        loaded += 1
        if loaded == 6:  # mid-way through the next load, most likely
            threading.Thread(target=outage, daemon=True).start()

    def outage() -> None:  # one thread: two timers could fire out of order after a stall
        time.sleep(0.05)
        proxy.cut()
        time.sleep(CUT_FOR_S)
        proxy.restore()

    with caplog.at_level(logging.WARNING, logger="ingest.runner"):
        report = ingest(store, _articles(), on_item=cut_after_six, store_wait_s=120)
    assert any("store down while loading article" in r.getMessage() for r in caplog.records), "never cut off"
    articles = EVENTS + SECOND_REPORTS
    # A final commit applied by the server but cut off before its answer makes the retry "unchanged".
    assert (report.new + report.unchanged, report.updated, report.failed) == (articles, 0, []), report.summary()
    stats = neo4j_store.stats()
    assert (stats.actors, stats.events, stats.articles, stats.reports) == (8, EVENTS, articles, articles)
    reports = sorted(i.event.source_count for i in neo4j_store.events(EventFilter(), limit=100).items)
    assert reports == [1] * (EVENTS - SECOND_REPORTS) + [2] * SECOND_REPORTS


def test_ingest_gives_up_on_a_store_that_stays_down(proxied: tuple[TcpProxy, GraphStore]) -> None:
    proxy, store = proxied
    proxy.cut()
    with pytest.raises(StoreGone, match="gave up after 0 articles"):
        ingest(store, _articles()[:5], store_wait_s=2)  # not five articles failed one after the other
