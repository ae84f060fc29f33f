"""In-process ingestion: read articles, extract events in batches, load them into the store."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from graph.store import GraphStore
from ingest.articles import ArticleIn, BadLine, read_articles
from ingest.loader import GraphLoader

logger = logging.getLogger(__name__)

ARTICLE_SUFFIXES = {".jsonl", ".ndjson"}


@dataclass
class IngestReport:
    """What one ingest run did, for the CLI and the API to show."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    events_new: int = 0
    events_merged: int = 0
    failed: list[str] = field(default_factory=list)

    @property
    def articles(self) -> int:
        return self.new + self.updated + self.unchanged


def article_files(paths: Iterable[Path]) -> list[Path]:
    """The JSON Lines files named, and those found below named directories, in a stable order."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix in ARTICLE_SUFFIXES and p.is_file()))
        elif path.is_file():
            files.append(path)
        else:
            raise FileNotFoundError(f"no such file or directory: {path}")
    return files


def read_files(files: Iterable[Path]) -> Iterator[ArticleIn | BadLine | tuple[Path, BadLine]]:
    """Every article of every file; bad lines come with their file."""
    for file in files:
        with file.open(encoding="utf-8") as stream:
            for item in read_articles(stream):
                yield (file, item) if isinstance(item, BadLine) else item


def ingest(
    store: GraphStore,
    items: Iterable[ArticleIn | BadLine | tuple[Path, BadLine]],
    *,
    batch_size: int = 32,
    on_article: Callable[[], None] | None = None,
) -> IngestReport:
    """Extract and load every article; a bad article is reported and skipped, never fatal."""
    from ingest.kb import default_kb
    from ingest.pipeline import Extractor

    kb = default_kb()
    loader = GraphLoader(store, lookup_actor=kb.get)
    extractor = Extractor()
    report = IngestReport()
    batch: list[ArticleIn] = []

    def flush() -> None:
        for article, events in zip(batch, extractor.extract_many(batch, batch_size=batch_size), strict=True):
            try:
                result = loader.load(article.model_dump(), [e.model_dump(mode="json") for e in events])
            except Exception as exc:  # one poison article must not stop the run
                logger.exception("could not load article %s", article.id)
                report.failed.append(f"{article.id}: {exc}")
                continue
            setattr(report, result.status, getattr(report, result.status) + 1)
            report.events_new += result.events_new
            report.events_merged += result.events_merged
            if on_article:
                on_article()
        batch.clear()

    for item in items:
        if isinstance(item, ArticleIn):
            batch.append(item)
            if len(batch) >= batch_size:
                flush()
            continue
        file, bad = item if isinstance(item, tuple) else (None, item)
        report.failed.append(f"{file or 'input'}: line {bad.line}: {bad.message}")
        if on_article:
            on_article()
    flush()
    return report
