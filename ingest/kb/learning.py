"""Terms learned from extracted appointments and dismissals, appended to CSV files under `<data_dir>/kb/learned/`."""

from __future__ import annotations

import csv
import fcntl
import io
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.errors import InvalidInput
from ingest.kb.dates import check_partial, first_day
from ingest.kb.loader import PERSON_COLUMNS, ROLE_COLUMNS
from ingest.kb.offices import Office
from ingest.kb.records import PersonRow, Term

if TYPE_CHECKING:
    from ingest.kb.base import KnowledgeBase

logger = logging.getLogger(__name__)

LEARNED_PERSON_COLUMNS = (*PERSON_COLUMNS, "article_id")
LEARNED_ROLE_COLUMNS = (*ROLE_COLUMNS, "article_id")
PERSONS_FILE = "persons.csv"
ROLES_FILE = "roles.csv"
_CHANGES = {"appointment": "start", "dismissal": "end"}
_PERSON_ROLES = ("appointee",)
_MAX_NAME_WORDS = 6


@dataclass(frozen=True)
class Change:
    """What one event says about an office: who, which office, and the day it opened (start) or closed (end)."""

    person: PersonRow
    office: Office
    start: str | None
    end: str | None


def read_event(kb: KnowledgeBase, event: dict[str, Any], *, article_id: str,
               published_at: str | None) -> Change | None:
    """The change of office an extracted event reports, or None when it reports none the base can place."""
    edge = _CHANGES.get(str(event.get("type")))
    if edge is None or event.get("status", "occurred") != "occurred":
        return None
    day = _day(event.get("date")) or _day(published_at)
    position = (event.get("attributes") or {}).get("position")
    participants = [p for p in event.get("participants") or [] if isinstance(p, dict)]
    person = _person(kb, participants, article_id)
    if day is None or not isinstance(position, str) or person is None:
        return None
    office = kb.office(position, country_hint=person.country or _other_country(kb, participants, person.id))
    if office is None:
        logger.debug("no office for position %r in %s", position, article_id)
        return None
    if edge == "start" and _heads_state(kb, person.id, office, day):
        # A sitting head of state "appointed" to a post in their own state is, far more often, the
        # extractor taking the appointer for the appointee.
        return None
    if person.country is None and office.country and office.role not in ("ambassador", "special_envoy"):
        person.country = office.country  # Kazakhstan's new foreign minister is most likely Kazakh
    return Change(person, office, day if edge == "start" else None, day if edge == "end" else None)


class LearnedFiles:
    """The learned persons and roles files of one directory; appends are locked across processes."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def add_person(self, person: PersonRow) -> None:
        """Append a person the base did not know."""
        self._append(PERSONS_FILE, LEARNED_PERSON_COLUMNS,
                     [person.id, person.name, person.country or "", "|".join(person.aliases), person.article_id or ""])

    def add_term(self, term: Term, *, closes: bool) -> None:
        """Append a term; a closing one is written without its start, so loading replays it as a dismissal."""
        start = "" if closes else term.start or ""
        self._append(ROLES_FILE, LEARNED_ROLE_COLUMNS,
                     [term.person_id, term.role, term.title, term.country or "", term.organisation or "",
                      start, term.end or "", term.article_id or ""])

    def _append(self, name: str, columns: tuple[str, ...], row: list[str]) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerow(row)
        with (self.directory / name).open("a", encoding="utf-8", newline="") as handle:
            # Several worker processes learn at once: the lock keeps rows whole and the header single.
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                # The size now, not handle.tell(): that is where the file ended when we opened it,
                # before another process may have written the header while we waited for the lock.
                if os.fstat(handle.fileno()).st_size == 0:
                    handle.write(",".join(columns) + "\n")
                handle.write(buffer.getvalue())
                handle.flush()
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


def _person(kb: KnowledgeBase, participants: list[dict[str, Any]], article_id: str) -> PersonRow | None:
    """The person whose office changes: the appointee, else the only person taking part."""
    people = [p for p in participants if p.get("kind") == "person" and p.get("id")]
    chosen = next((p for role in _PERSON_ROLES for p in people if p.get("role") == role), None)
    others = [p for p in people if p.get("role") not in ("initiator", "appointer")]
    if chosen is None and len(others) == 1:
        chosen = others[0]
    if chosen is None:
        return None
    person_id = str(chosen["id"])
    known = kb.persons.get(person_id)
    if known is not None:
        return PersonRow(id=known.id, name=known.name, country=known.country, aliases=list(known.aliases),
                         source=known.source)
    name = str(chosen.get("name") or "").strip()
    if not _looks_like_name(name):
        return None
    aliases = [str(a) for a in chosen.get("aliases") or [] if str(a).strip() and str(a) != name]
    return PersonRow(id=person_id, name=name, country=None, aliases=aliases, source="learned",
                     article_id=article_id)


def _heads_state(kb: KnowledgeBase, person_id: str, office: Office, day: str) -> bool:
    """Whether the person is head of the office's state on that day."""
    if not office.country or office.role == "head_of_state":
        return False
    on = first_day(day)
    return any(t.role == "head_of_state" and t.country == office.country and t.active(on)
               for t in kb.terms.of_person(person_id))


def _looks_like_name(name: str) -> bool:
    # A person found only in text becomes part of the base: a full name, not a fragment or a phrase.
    words = name.split()
    return 2 <= len(words) <= _MAX_NAME_WORDS and name[0].isupper() and words[-1][0].isupper()


def _other_country(kb: KnowledgeBase, participants: list[dict[str, Any]], person_id: str) -> str | None:
    """The country of whoever made the appointment: a state, or a known person's country."""
    for participant in participants:
        if participant.get("id") == person_id:
            continue
        actor = kb.get(str(participant.get("id") or ""))
        if actor is not None and actor.country:
            return actor.country
    return None


def _day(value: object) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if len(text) > 10 and text[10] in "T ":  # a timestamp such as an article's published_at
        text = text[:10]
    try:
        return check_partial(text)
    except InvalidInput:
        return None
