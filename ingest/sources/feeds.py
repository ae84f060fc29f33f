"""RSS and Atom feeds: each item becomes an article, from its linked page when it can be fetched."""

from __future__ import annotations

import logging
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime

import feedparser
import lxml.etree
import lxml.html

from ingest.articles import ArticleIn
from ingest.sources.base import SourceItem, SourceProblem, make_article
from ingest.sources.html import article_from_html
from ingest.sources.urls import Fetched, Fetcher, FetchError

logger = logging.getLogger(__name__)

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json")


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed: its stable key (id or link) and what the feed says about it."""

    key: str
    url: str | None
    title: str | None
    published_at: str | None
    summary_html: str


def is_feed(doc: Fetched) -> bool:
    """Whether a fetched document is a feed, by its content type or its first bytes."""
    kind = doc.content_type.split(";")[0].strip().lower()
    if kind in FEED_TYPES:
        return True
    head = doc.body[:512].lstrip().lower()
    return kind in ("application/xml", "text/xml") or head.startswith((b"<rss", b"<feed", b"<rdf"))


def parse_entries(doc: Fetched) -> list[FeedEntry]:
    """The entries of a feed document, in feed order; FetchError if it is not a feed at all."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parsed = feedparser.parse(doc.body, response_headers={"content-location": doc.url})
    if parsed.bozo and not parsed.entries:
        raise FetchError(f"{doc.url}: not a readable RSS/Atom feed ({parsed.get('bozo_exception')})")
    entries = []
    for entry in parsed.entries:
        key = entry.get("id") or entry.get("link")
        if not key:
            continue
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        content = entry.get("content") or []
        entries.append(FeedEntry(
            key=str(key), url=entry.get("link"), title=entry.get("title"),
            published_at=datetime(*stamp[:6]).isoformat() if stamp else None,
            summary_html=content[0].get("value", "") if content else entry.get("summary", ""),
        ))
    return entries


def read_feed(doc: Fetched, fetcher: Fetcher, *, skip: Callable[[str], bool] | None = None,
              fetch_pages: bool = True) -> Iterator[tuple[str, SourceItem]]:
    """(entry key, article or problem) for each entry not skipped; the page text is preferred to the summary."""
    for entry in parse_entries(doc):
        if skip is not None and skip(entry.key):
            continue
        yield entry.key, entry_article(entry, fetcher, fetch_pages=fetch_pages, feed_url=doc.url)


def entry_article(entry: FeedEntry, fetcher: Fetcher, *, fetch_pages: bool, feed_url: str) -> SourceItem:
    """The article for a feed entry: the linked page's main text, else the feed's own summary."""
    where = entry.url or f"{feed_url} item {entry.key}"
    if fetch_pages and entry.url:
        try:
            page = fetcher.fetch(entry.url)
            item = article_from_html(page.text, url=entry.url, where=where)
            if isinstance(item, ArticleIn):
                return item.model_copy(update={"title": entry.title or item.title,
                                               "published_at": entry.published_at or item.published_at})
            logger.info("%s; using the feed summary", item)
        except FetchError as exc:
            logger.info("%s; using the feed summary", exc)
    return make_article({"title": entry.title, "text": _html_text(entry.summary_html), "url": entry.url,
                         "published_at": entry.published_at}, where=where)


def _html_text(snippet: str) -> str:
    """The text of a feed's HTML summary (tags dropped, entities decoded)."""
    if "<" not in snippet:
        return snippet
    try:
        return str(lxml.html.fragment_fromstring(snippet, create_parent="div").text_content())
    except (lxml.etree.ParserError, ValueError):
        return ""


def read_url(url: str, fetcher: Fetcher) -> Iterator[SourceItem]:
    """Articles at a URL: each item of a feed, or the one article of a page."""
    try:
        doc = fetcher.fetch(url)
        if not is_feed(doc):
            yield article_from_html(doc.text, url=doc.url, where=url)
            return
        for _key, item in read_feed(doc, fetcher):
            yield item
    except FetchError as exc:
        yield SourceProblem(url, exc.message.removeprefix(f"{url}: "))
