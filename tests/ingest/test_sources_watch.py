"""`geokg watch`: polling a feed takes each item once, across polls and restarts."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.commands.watch import poll_feed
from graph.store import GraphStore
from ingest.sources.seen import SeenItems
from ingest.sources.urls import Fetcher, FetchError
from tests.ingest.test_sources_web import Site, site  # noqa: F401  (the fixture)


def _rss(*items: tuple[str, str]) -> str:
    body = "".join(f"<item><title>{title}</title><guid>{guid}</guid><description>{title} on Monday."
                   "</description></item>" for guid, title in items)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>{body}</channel></rss>'


def test_poll_feed_ingests_only_new_items(site: Site, store: GraphStore, tmp_path: Path) -> None:  # noqa: F811
    feed = site.add("/rss", _rss(("g1", "Ghana and Togo sign a border accord")), "application/rss+xml")
    seen = SeenItems(tmp_path / "seen.sqlite")
    with Fetcher(backoff_s=0.01) as fetcher:
        assert poll_feed(feed, fetcher=fetcher, seen=seen, store=store) == (1, [])
        assert poll_feed(feed, fetcher=fetcher, seen=seen, store=store) == (0, [])
        site.add("/rss", _rss(("g1", "Ghana and Togo sign a border accord"),
                              ("g2", "Benin recalls its envoy from Niger")), "application/rss+xml")
        seen.close()
        seen = SeenItems(tmp_path / "seen.sqlite")  # a restarted watcher remembers
        assert poll_feed(feed, fetcher=fetcher, seen=seen, store=store) == (1, [])
        with pytest.raises(FetchError, match="not an RSS/Atom feed"):
            poll_feed(site.page("/page", "P", "2025-01-01", "Text."), fetcher=fetcher, seen=seen, store=store)
    seen.close()
    assert store.stats().articles == 2
