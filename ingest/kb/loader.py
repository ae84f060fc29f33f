"""Reading the persons and roles CSV files into rows, collecting problems instead of failing."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from graph.errors import InvalidInput
from ingest.kb.dates import check_partial
from ingest.kb.records import PersonRow, Problem, Source, Term

DATA_DIR = Path(__file__).parent / "data"
PERSON_COLUMNS = ("id", "name", "country", "aliases")
ROLE_COLUMNS = ("person_id", "role", "title", "country", "organisation", "start", "end")
# libyaml's loader where it is built in: the data files parse several times faster.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_MILITARY_TITLE = re.compile(r"general staff|armed forces|commander|defen[cs]e staff|joint chiefs|army|navy|"
                             r"air force|military", re.IGNORECASE)
# Persons first seen in an article keep the extractor's `person:<slug>` id, so the graph's node stays the same.
_SLUG = re.compile(r"^(?:person:)?[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass
class LoadedFiles:
    """Everything read from a set of CSV files, in file order, with the problems found on the way."""

    persons: list[PersonRow] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def packaged_files() -> list[Path]:
    """The CSV files shipped with geokg: persons first, then roles, each sorted by name."""
    return sorted((DATA_DIR / "persons").glob("*.csv")) + sorted((DATA_DIR / "roles").glob("*.csv"))


def expand_paths(paths: Iterable[Path | str], *, skip: Path | None = None) -> list[Path]:
    """CSV files named directly or found under a directory (persons before roles); missing paths fail.

    Files under `skip` (the learned directory inside the user's) are left out of directories.
    """
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            inside = [p for p in path.rglob("*.csv") if skip is None or not p.is_relative_to(skip)]
            found += sorted(inside, key=lambda p: (_kind_of(p) != "persons", str(p)))
        elif path.is_file():
            found.append(path)
        else:
            raise InvalidInput(f"no such knowledge-base file or directory: {path}")
    return found


def read_files(paths: Iterable[Path], source: Source) -> LoadedFiles:
    """Read persons and roles files (told apart by their header) as rows of the given source."""
    loaded = LoadedFiles()
    for path in paths:
        kind = _kind_of(path)
        if kind == "persons":
            loaded.persons += _read_persons(path, source, loaded.problems)
        elif kind == "roles":
            loaded.terms += _read_roles(path, source, loaded.problems)
        else:
            loaded.problems.append(Problem(str(path), 1, "header is neither persons "
                                           f"({','.join(PERSON_COLUMNS)}) nor roles ({','.join(ROLE_COLUMNS)})"))
    return loaded


def _kind_of(path: Path) -> str:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle), [])
    except (OSError, UnicodeDecodeError):
        return "unreadable"
    names = tuple(column.strip() for column in header)
    if names[: len(PERSON_COLUMNS)] == PERSON_COLUMNS:
        return "persons"
    if names[: len(ROLE_COLUMNS)] == ROLE_COLUMNS:
        return "roles"
    return "unknown"


def _rows(path: Path, problems: list[Problem]) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            for row in reader:
                line = reader.line_num
                if None in row:
                    problems.append(Problem(str(path), line, "more cells than header columns"))
                    continue
                if not any((value or "").strip() for value in row.values()):
                    continue
                yield line, {key.strip(): (value or "").strip() for key, value in row.items()}
    except UnicodeDecodeError as exc:
        problems.append(Problem(str(path), 0, f"not UTF-8: {exc}"))


def _read_persons(path: Path, source: Source, problems: list[Problem]) -> list[PersonRow]:
    persons = []
    for line, row in _rows(path, problems):
        if not _SLUG.match(row["id"]):
            problems.append(Problem(str(path), line, f"bad person id {row['id']!r}: expected a-z0-9 slug"))
            continue
        if not row["name"]:
            problems.append(Problem(str(path), line, f"person {row['id']} has no name"))
            continue
        aliases = [alias.strip() for alias in row["aliases"].split("|") if alias.strip()]
        persons.append(PersonRow(id=row["id"], name=row["name"], country=row["country"].upper() or None,
                                 aliases=aliases, source=source, article_id=row.get("article_id") or None,
                                 file=str(path), line=line))
    return persons


def _read_roles(path: Path, source: Source, problems: list[Problem]) -> list[Term]:
    terms = []
    for line, row in _rows(path, problems):
        try:
            start = check_partial(row["start"]) if row["start"] else None
            end = check_partial(row["end"]) if row["end"] else None
        except InvalidInput as exc:
            problems.append(Problem(str(path), line, exc.message))
            continue
        term = Term(person_id=row["person_id"], role=_role_of(row["role"], row["title"]), title=row["title"],
                    country=row["country"].upper() or None, organisation=row["organisation"] or None,
                    start=start, end=end, source=source, article_id=row.get("article_id") or None,
                    file=str(path), line=line)
        if term.lo > term.hi:
            problems.append(Problem(str(path), line, f"term ends ({end}) before it starts ({start})"))
            continue
        terms.append(term)
    return terms


def _role_of(role: str, title: str) -> str:
    """The role key, with military chiefs of staff filed as `chief_of_staff` moved to `military_chief`."""
    if role == "chief_of_staff" and _MILITARY_TITLE.search(title):
        return "military_chief"
    return role
