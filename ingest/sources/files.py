"""Article files on disk: JSON Lines, JSON (array or object), text with front matter, HTML; directories of them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from ingest.articles import BadLine, parse_article, read_articles
from ingest.sources.base import SourceItem, SourceProblem
from ingest.sources.html import read_html_file
from ingest.sources.text import read_text_file

JSONL_SUFFIXES = {".jsonl", ".ndjson"}
TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
SUPPORTED_SUFFIXES = JSONL_SUFFIXES | {".json"} | TEXT_SUFFIXES | HTML_SUFFIXES


def source_files(path: Path) -> list[Path]:
    """The supported files below a directory (hidden ones skipped), or the file itself, in a stable order."""
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
                      and not any(part.startswith(".") for part in p.relative_to(path).parts))
    return [path]


def read_path(path: Path) -> Iterator[SourceItem]:
    """Every article in a file or directory tree; unreadable inputs become problems, never exceptions."""
    if not path.exists():
        yield SourceProblem(str(path), "no such file or directory")
        return
    for file in source_files(path):
        yield from read_file(file)


def read_file(path: Path) -> Iterator[SourceItem]:
    """Every article in one file, by its suffix."""
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(path)
    elif suffix == ".json":
        yield from _read_json(path)
    elif suffix in TEXT_SUFFIXES:
        yield read_text_file(path)
    elif suffix in HTML_SUFFIXES:
        yield read_html_file(path)
    else:
        yield SourceProblem(str(path), f"unsupported file type {suffix or '(none)'}; use "
                            + ", ".join(sorted(SUPPORTED_SUFFIXES)))


def count_items(path: Path) -> int:
    """A cheap estimate of how many articles a path holds (non-blank JSONL lines; one per other file)."""
    total = 0
    for file in source_files(path) if path.exists() else []:
        if file.suffix.lower() in JSONL_SUFFIXES:
            with file.open(encoding="utf-8", errors="replace") as stream:
                total += sum(1 for line in stream if line.strip())
        elif file.suffix.lower() == ".json":
            total += _count_json(file)
        else:
            total += 1
    return total


def _count_json(path: Path) -> int:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return 1
    if isinstance(data, dict) and isinstance(data.get("articles"), list):
        data = data["articles"]
    return len(data) if isinstance(data, list) else 1


def _read_jsonl(path: Path) -> Iterator[SourceItem]:
    try:
        with path.open(encoding="utf-8") as stream:
            for item in read_articles(stream):
                if isinstance(item, BadLine):
                    yield SourceProblem(f"{path}: line {item.line}", item.message.removeprefix(f"line {item.line}: "))
                else:
                    yield item
    except (OSError, UnicodeDecodeError) as exc:
        yield SourceProblem(str(path), f"cannot read: {exc}")


def _read_json(path: Path) -> Iterator[SourceItem]:
    """A JSON array of articles, an object with an "articles" array, or a single article object."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        yield SourceProblem(str(path), f"cannot read: {exc}")
        return
    except json.JSONDecodeError as exc:
        yield SourceProblem(str(path), f"malformed JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})")
        return
    if isinstance(data, dict) and isinstance(data.get("articles"), list):
        data = data["articles"]
    records = data if isinstance(data, list) else [data]
    for number, record in enumerate(records, start=1):
        where = f"{path}: article {number}" if isinstance(data, list) else str(path)
        try:
            yield parse_article(json.dumps(record))
        except ValueError as exc:  # InvalidInput
            yield SourceProblem(where, getattr(exc, "message", str(exc)))
