"""The knowledge base's own records: rows read from the data files, terms of office, answers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from graph.models import Actor, RoleTerm
from ingest.kb.dates import first_day, last_day

How = Literal["name", "alias", "surname", "role", "metonym", "demonym", "country", "capital", "org"]
Source = Literal["file", "learned", "user"]
SOURCE_RANK: dict[str, int] = {"file": 0, "learned": 1, "user": 2}
FAR_PAST = dt.date(1, 1, 1)
FAR_FUTURE = dt.date(9999, 12, 31)


@dataclass(frozen=True)
class SurfaceForm:
    """A string the text matcher should look for; `exact` forms (acronyms) must match case-sensitively."""

    text: str
    how: How
    key: str
    exact: bool = False


@dataclass(frozen=True)
class Resolution:
    """What a mention resolved to, how, and the evidence (the key or the term that decided it)."""

    actor: Actor
    how: How
    evidence: str
    score: float
    term: Term | None = None  # the term of office a role phrase resolved through


@dataclass(frozen=True)
class Problem:
    """One defect in a data file, with where it is."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


@dataclass
class PersonRow:
    """One row of a persons file."""

    id: str
    name: str
    country: str | None
    aliases: list[str]
    source: Source = "file"
    article_id: str | None = None
    file: str = ""
    line: int = 0


@dataclass
class Term:
    """One term of office; `lo`..`hi` are the widest days its partial dates allow."""

    person_id: str
    role: str
    title: str = ""
    country: str | None = None
    organisation: str | None = None
    start: str | None = None
    end: str | None = None
    source: Source = "file"
    article_id: str | None = None
    file: str = ""
    line: int = 0
    lo: dt.date = field(init=False)
    hi: dt.date = field(init=False)

    def __post_init__(self) -> None:
        self.lo = first_day(self.start) if self.start else FAR_PAST
        self.hi = last_day(self.end) if self.end else FAR_FUTURE

    def active(self, day: dt.date) -> bool:
        """Whether the term covers `day`."""
        return self.lo <= day <= self.hi

    def overlaps(self, other: Term) -> bool:
        """Whether two terms share more than a handover day, reading partial dates at their narrowest."""
        own_lo, own_hi = _narrow(self)
        other_lo, other_hi = _narrow(other)
        return own_lo < other_hi and other_lo < own_hi

    def to_role_term(self) -> RoleTerm:
        """The graph model's view of this term."""
        return RoleTerm(role=self.role, title=self.title or None, country=self.country, organisation=self.organisation,
                        start=self.start, end=self.end, source=self.source, article_id=self.article_id)


def _narrow(term: Term) -> tuple[dt.date, dt.date]:
    # A handover within one month is not an overlap: `2024-05` ends and `2024-05` starts may both be true.
    lo = last_day(term.start) if term.start else FAR_PAST
    hi = first_day(term.end) if term.end else FAR_FUTURE
    return lo, max(lo, hi)
