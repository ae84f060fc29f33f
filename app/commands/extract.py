"""`geokg extract`: JSON Lines articles in, one JSON line of events per article out."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import nullcontext
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from ingest.articles import ArticleIn, BadLine, read_articles

if TYPE_CHECKING:
    from ingest.stages.types import ExtractedEvent


class OnError(str, Enum):  # noqa: UP042 - typer needs a str-valued Enum for choices
    skip = "skip"
    fail = "fail"


def _open(path: str) -> nullcontext[TextIO] | TextIO:
    if path == "-":
        return nullcontext(sys.stdin)
    file = Path(path)
    if not file.is_file():
        typer.secho(f"error: no such file: {path}", fg=typer.colors.RED, err=True)
        raise typer.Exit(2)
    return file.open(encoding="utf-8")


def _write(article: ArticleIn, events: list[ExtractedEvent], out: TextIO) -> None:
    line = {"id": article.id, "events": [e.model_dump(mode="json") for e in events]}
    out.write(json.dumps(line, ensure_ascii=False) + "\n")


def _batches(stream: TextIO, batch_size: int) -> Iterator[tuple[list[ArticleIn], BadLine | None]]:
    """Runs of good articles, each ended by a bad line (or the end of input)."""
    batch: list[ArticleIn] = []
    for item in read_articles(stream):
        if isinstance(item, BadLine):
            yield batch, item
            batch = []
            continue
        batch.append(item)
        if len(batch) >= batch_size:
            yield batch, None
            batch = []
    if batch:
        yield batch, None


def extract(
    path: Annotated[str, typer.Argument(help="JSON Lines articles {id, title, text, published_at}; - is stdin.")] = "-",
    on_error: Annotated[OnError, typer.Option("--on-error", help="skip: report a bad line, go on; fail: stop.")]
    = OnError.skip,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Articles parsed together.")] = 32,
) -> None:
    """Extract typed events (calls, visits, meetings, ...) from articles: one JSON line per article."""
    from ingest.pipeline import Extractor  # loading spaCy and the knowledge base takes seconds

    source = _open(path)
    extractor = Extractor()
    out = sys.stdout
    bad = 0
    show = sys.stderr.isatty()
    with source as stream, Progress(TextColumn("extracting"), BarColumn(), TextColumn("{task.completed} articles"),
                                    TimeElapsedColumn(), disable=not show, transient=True) as progress:
        task = progress.add_task("extract", total=None)
        for articles, problem in _batches(stream, batch_size):
            for article, events in zip(articles, extractor.extract_many(articles, batch_size=batch_size), strict=True):
                _write(article, events, out)
            out.flush()
            progress.advance(task, len(articles))
            if problem is not None:
                bad += 1
                typer.secho(f"error: {problem.message}", fg=typer.colors.RED, err=True)
                if on_error is OnError.fail:
                    raise typer.Exit(1)
    if bad:
        typer.secho(f"{bad} bad line(s) skipped", fg=typer.colors.YELLOW, err=True)
