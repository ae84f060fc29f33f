"""Where articles come from: files and directories, web pages and RSS/Atom feeds."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from ingest.sources.base import SourceItem, SourceProblem
from ingest.sources.feeds import read_url
from ingest.sources.files import count_items, read_path
from ingest.sources.urls import Fetcher, is_url

__all__ = ["Fetcher", "SourceItem", "SourceProblem", "estimate_total", "read_sources"]


def read_sources(specs: Iterable[str], *, fetcher: Fetcher | None = None) -> Iterator[SourceItem]:
    """Every article named by paths and URLs, in order; anything unusable comes out as a SourceProblem."""
    own = None
    for spec in specs:
        if is_url(spec):
            if fetcher is None:
                fetcher = own = Fetcher()
            yield from read_url(spec, fetcher)
        else:
            yield from read_path(Path(spec))
    if own is not None:
        own.close()


def estimate_total(specs: Iterable[str]) -> int | None:
    """How many articles the local paths hold, for a progress bar; None when a URL makes it unknowable."""
    specs = list(specs)
    if any(is_url(s) for s in specs):
        return None
    return sum(count_items(Path(s)) for s in specs)
