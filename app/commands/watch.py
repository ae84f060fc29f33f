"""`geokg watch`: poll RSS/Atom feeds and ingest only the items not seen before."""

from __future__ import annotations

import logging
import signal
import threading

import typer

from graph.settings import get_settings
from graph.store import GraphStore, open_store
from ingest.articles import ArticleIn
from ingest.jobs import open_queue
from ingest.runner import ingest
from ingest.sources.feeds import is_feed, read_feed
from ingest.sources.seen import SeenItems
from ingest.sources.urls import Fetcher, FetchError

logger = logging.getLogger(__name__)


def poll_feed(feed: str, *, fetcher: Fetcher, seen: SeenItems, store: GraphStore | None) -> tuple[int, list[str]]:
    """Ingest (or, without a store, enqueue) the new items of one feed; returns (taken, problems)."""
    doc = fetcher.fetch(feed)
    if not is_feed(doc):
        raise FetchError(f"{feed}: not an RSS/Atom feed ({doc.content_type or 'no content type'})")
    keys: list[str] = []
    articles: list[ArticleIn] = []
    problems: list[str] = []
    for key, item in read_feed(doc, fetcher, skip=lambda k: seen.contains(feed, k)):
        if isinstance(item, ArticleIn):
            keys.append(key)
            articles.append(item)
        else:
            problems.append(str(item))  # not marked seen: tried again on the next poll
    if articles and store is not None:
        problems += ingest(store, articles).failed
    elif articles:
        queue = open_queue()
        try:
            queue.enqueue([a.model_dump() for a in articles])
        finally:
            queue.close()
    seen.add(feed, keys)
    return len(articles), problems


def watch_command(
    feeds: list[str] = typer.Argument(..., help="RSS or Atom feed URLs."),
    interval: float = typer.Option(300.0, min=1, help="Seconds between polls of each feed."),
    once: bool = typer.Option(False, "--once", help="Poll each feed once, then exit."),
    enqueue: bool = typer.Option(False, "--enqueue", help="Queue new items for `geokg worker` instead."),
) -> None:
    """Poll feeds and ingest items not seen before (remembered in data_dir/seen.sqlite)."""
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    seen = SeenItems(get_settings().data_dir / "seen.sqlite")
    store = None if enqueue else open_store()
    try:
        with Fetcher() as fetcher:
            while not stop.is_set():
                for feed in feeds:
                    try:
                        taken, problems = poll_feed(feed, fetcher=fetcher, seen=seen, store=store)
                    except FetchError as exc:
                        typer.secho(f"error: {exc.message}", fg=typer.colors.RED, err=True)
                        continue
                    typer.echo(f"{feed}: {taken} new items {'queued' if enqueue else 'ingested'}", err=True)
                    for problem in problems:
                        typer.secho(f"skipped {problem}", fg=typer.colors.YELLOW, err=True)
                if once:
                    break
                stop.wait(interval)
    finally:
        seen.close()
        if store is not None:
            store.close()
