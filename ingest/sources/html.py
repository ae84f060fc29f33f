"""HTML pages: main text via trafilatura (no menus, footers or comments), metadata from the page."""

from __future__ import annotations

import warnings
from pathlib import Path

import trafilatura

from ingest.sources.base import SourceItem, SourceProblem, make_article


def article_from_html(html: str, *, url: str | None = None, where: str) -> SourceItem:
    """One article from a page's HTML; `url` is where it was fetched from, if anywhere."""
    with warnings.catch_warnings():
        # trafilatura's lxml use emits FutureWarnings that are not ours to fix.
        warnings.simplefilter("ignore")
        try:
            doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
        except Exception as exc:  # trafilatura raises lxml/parser errors of many kinds
            return SourceProblem(where, f"cannot parse HTML: {exc}")
    if doc is None:
        return SourceProblem(where, "no main text found in the page")
    meta = doc if isinstance(doc, dict) else doc.as_dict()
    text = str(meta.get("text") or "")
    title = meta.get("title")
    if title and text.startswith(title):  # trafilatura repeats the headline as the first line
        text = text[len(title):].lstrip("\n")
    return make_article({"title": title, "text": text, "published_at": meta.get("date"),
                         "url": url or meta.get("url"), "source": meta.get("sitename")}, where=where)


def read_html_file(path: Path) -> SourceItem:
    """One article from a saved .html page."""
    try:
        html = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        return SourceProblem(str(path), f"cannot read: {exc}")
    return article_from_html(html, where=str(path))
