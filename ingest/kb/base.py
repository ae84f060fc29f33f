"""The knowledge base: countries, organisations, persons and their terms, loaded once and indexed."""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from graph.errors import InvalidInput
from graph.models import Actor
from graph.settings import get_settings
from ingest.kb.countries import Country, load_countries
from ingest.kb.dates import DateLike, as_date, check_partial
from ingest.kb.holders import office_holders
from ingest.kb.learning import LearnedFiles, read_event
from ingest.kb.loader import expand_paths, packaged_files, read_files
from ingest.kb.names import NameIndex
from ingest.kb.offices import Office, parse_office
from ingest.kb.organisations import Organisation, load_organisations
from ingest.kb.phrases import organisation_head_phrases, title_phrases, titled_head_phrases
from ingest.kb.records import PersonRow, Problem, Resolution, SurfaceForm, Term
from ingest.kb.resolver import resolve_mention
from ingest.kb.terms import TermIndex
from ingest.kb.text import is_acronym, normalize
from ingest.kb.vocabulary import Vocabulary, load_vocabulary

logger = logging.getLogger(__name__)


class KnowledgeBase:
    """Who is who, and who held which office when; see ingest/kb/README.md for the data files."""

    def __init__(self, *, persons: Iterable[PersonRow], terms: Iterable[Term],
                 problems: Iterable[Problem] = (), learned: Iterable[Term] = (),
                 learned_dir: Path | None = None) -> None:
        self.vocabulary: Vocabulary = load_vocabulary()
        self.countries: dict[str, Country] = load_countries()
        self.organisations: dict[str, Organisation] = load_organisations()
        self.names = NameIndex()
        self.terms = TermIndex(self.vocabulary.single, self.vocabulary.single_per_title, self.vocabulary.is_rival)
        self.problems: list[Problem] = list(problems)
        self.persons: dict[str, PersonRow] = {}
        self._actors: dict[str, Actor] = {}
        self._role_phrases: list[str] | None = None
        self._surface_forms: list[SurfaceForm] | None = None
        self._learning = threading.Lock()
        self.learned_files = LearnedFiles(learned_dir) if learned_dir is not None else None
        for country in self.countries.values():
            self.names.add_country(country)
            self._actors[country.actor_id] = country.actor()
        self.head_phrases: dict[str, str] = {}
        for organisation in self.organisations.values():
            self.names.add_organisation(organisation)
            self._actors[organisation.id] = organisation.actor()
            for phrase in organisation.head_phrases:
                self.head_phrases[normalize(phrase)] = organisation.id
        self._codes = {code: c.iso3 for c in self.countries.values() for code in (c.iso3, c.iso2) if code}
        for person in _merge_persons(persons):
            self._add_person(person)
        for term in terms:
            if term.person_id not in self.persons:
                self.problems.append(Problem(term.file, term.line, f"unknown person_id {term.person_id!r}"))
                continue
            self.terms.add(term)
        for term in learned:
            # Learned rows are a log of appointments and dismissals: replayed in order, a dismissal
            # closes the term open at the time, as it did when it was learned.
            if term.person_id not in self.persons:
                self.problems.append(Problem(term.file, term.line, f"unknown person_id {term.person_id!r}"))
                continue
            self.terms.learn(term)
        for person_id in self.persons:
            self._refresh_roles(person_id)
        for problem in self.problems:
            logger.warning("knowledge base: %s", problem)

    @classmethod
    def load(cls, extra: Iterable[Path | str] | None = None, *, files: Iterable[Path | str] | None = None,
             data_dir: Path | str | None = None) -> KnowledgeBase:
        """The packaged data files (or `files`), terms learned under `<data_dir>/kb/learned/`, then the
        user's files (`extra`, and the rest of `<data_dir>/kb/`), which win over both."""
        base = read_files(expand_paths(files) if files is not None else packaged_files(), "file")
        user_paths = list(extra or [])
        learned_dir = None
        if data_dir is not None:
            kb_dir = Path(data_dir) / "kb"
            learned_dir = kb_dir / "learned"
            if kb_dir.is_dir():
                user_paths.append(kb_dir)
        learned = read_files(expand_paths([learned_dir]) if learned_dir and learned_dir.is_dir() else [], "learned")
        user = read_files(expand_paths(user_paths, skip=learned_dir), "user")
        return cls(persons=base.persons + learned.persons + user.persons, terms=base.terms + user.terms,
                   problems=base.problems + learned.problems + user.problems, learned=learned.terms,
                   learned_dir=learned_dir)

    def get(self, actor_id: str) -> Actor | None:
        """A copy of the actor with this id, if the base knows it (callers may change it freely)."""
        actor = self._actors.get(actor_id)
        return actor.model_copy(deep=True) if actor is not None else None

    def resolve(self, mention: str, *, country_hint: str | None = None,
                date: DateLike = None) -> Resolution | None:
        """The actor a mention means on a date (today by default), or None when unknown or ambiguous."""
        day = as_date(date) or dt.date.today()
        hint = self.country(country_hint) if country_hint else None
        return resolve_mention(self, mention, hint=hint, day=day)

    def surface_forms(self) -> list[SurfaceForm]:
        """Every string the text matcher should look for, longest first."""
        if self._surface_forms is None:
            self._surface_forms = sorted(self.names.forms.values(), key=lambda f: (-len(f.text), f.text, f.key))
        return list(self._surface_forms)

    def role_phrases(self) -> list[str]:
        """Role nouns and titles the matcher should find, longest first."""
        if self._role_phrases is None:
            phrases = {*self.vocabulary.phrases, *title_phrases(self.terms.titles),
                       *organisation_head_phrases(self.organisations.values(), self.terms.scopes()),
                       *titled_head_phrases(self.organisations.values(), self.terms.title_keys(),
                                            self.vocabulary.title_heads)}
            # "PM", "FM", "VP" stay resolvable but are not offered: a case-blind matcher would find "3 pm".
            self._role_phrases = sorted((p for p in phrases if not is_acronym(p)), key=lambda p: (-len(p), p.lower()))
        return list(self._role_phrases)

    def size(self) -> dict[str, int]:
        """How big the base is: countries, organisations, persons, terms of office (by source), titles."""
        terms = [t for person_id in self.persons for t in self.terms.of_person(person_id)]
        counts = {"countries": len(self.countries), "organisations": len(self.organisations),
                  "persons": len(self.persons), "terms": len(terms)}
        for source in ("file", "learned", "user"):
            counts[f"terms_{source}"] = sum(1 for t in terms if t.source == source)
        counts["countries_with_terms"] = len({t.country for t in terms if t.country})
        counts["titles"] = len(self.terms.titles)
        return counts

    def office(self, text: str, *, country_hint: str | None = None) -> Office | None:
        """The office a position names ("Kazakhstan's new foreign minister"), for `learn_role`."""
        return parse_office(self, text, self.country(country_hint) if country_hint else None)

    def country(self, text: str | None) -> str | None:
        """ISO alpha-3 for a country code, name, demonym, capital or seat of government, else None."""
        if not text or not text.strip():
            return None
        # Codes only in capitals: "IN" is India, "in" is a preposition.
        code = text.strip().removeprefix("country:")
        if code in self._codes:
            return self._codes[code]
        for entry in self.names.lookup(normalize(text), text.strip()):
            if entry.actor_id.startswith("country:"):
                return entry.actor_id.removeprefix("country:")
        return None

    def holders(self, role: str, *, country: str | None = None, organisation: str | None = None,
                title: str | None = None, date: DateLike = None) -> list[Actor]:
        """Who held an office on a date; `role` is a role key or phrase, `country` a code or name."""
        day = as_date(date) or dt.date.today()
        iso3 = self._require_country(country) if country else None
        if organisation and organisation not in self.organisations:
            organisation = self._organisation_id(organisation)
        terms = office_holders(self, normalize(role), country=iso3, organisation=organisation,
                               title=normalize(title) if title else None, day=day)
        people = dict.fromkeys(t.person_id for t in terms)  # one person may hold an office under two titles
        return [self._actors[person_id].model_copy(deep=True) for person_id in people]

    def learn_role(self, actor: Actor, role: str, *, country: str | None = None,
                   organisation: str | None = None, title: str | None = None, start: DateLike = None,
                   end: DateLike = None, article_id: str | None = None) -> Term | None:
        """Record a term seen in the news (in memory): a start opens one, an end alone closes the open one.

        Returns the term added or changed, or None when the base already knew it or a user's term decides.
        """
        if role not in self.vocabulary.roles:
            raise InvalidInput(f"unknown role {role!r}: expected one of {sorted(self.vocabulary.roles)}")
        if start is None and end is None:
            raise InvalidInput("learn_role needs a start or an end date")
        iso3 = self._require_country(country) if country else None
        if organisation and organisation not in self.organisations:
            organisation = self._organisation_id(organisation)
        term = Term(person_id=actor.id, role=role, title=title or "", country=iso3, organisation=organisation,
                    start=_iso(start), end=_iso(end), source="learned", article_id=article_id)
        person = PersonRow(id=actor.id, name=actor.name, country=actor.country, aliases=list(actor.aliases),
                           source="learned", article_id=article_id)
        return self._learn(person, term)[0]

    def learn_from_event(self, event: dict[str, Any], *, article_id: str,
                         published_at: str | None = None) -> Term | None:
        """Open or close a term from an extracted appointment or dismissal, and keep it under the data dir.

        Only `occurred` events count; the day is the event's date, else the publication date. Returns
        the term added or closed, or None when the event changes nothing the base can place.
        """
        change = read_event(self, event, article_id=article_id, published_at=published_at)
        if change is None:
            return None
        office = change.office
        term = Term(person_id=change.person.id, role=office.role, title=office.title, country=office.country,
                    organisation=office.organisation, start=change.start, end=change.end, source="learned",
                    article_id=article_id)
        learned, new_person = self._learn(change.person, term)
        if learned is not None and self.learned_files is not None:
            if new_person:
                self.learned_files.add_person(change.person)
            self.learned_files.add_term(learned, closes=change.start is None and learned.start != learned.end)
        return learned

    def _learn(self, person: PersonRow, term: Term) -> tuple[Term | None, bool]:
        """Add a learned term (and its person, if new); whether the person was new."""
        with self._learning:  # one writer at a time; readers see either the old or the new term lists
            new_person = person.id not in self.persons
            if new_person:
                self._add_person(person)
            learned = self.terms.learn(term)
            self._refresh_roles(person.id)
            self._role_phrases = None
            self._surface_forms = None
            return learned, new_person

    def _require_country(self, text: str) -> str:
        iso3 = self.country(text)
        if iso3 is None:
            raise InvalidInput(f"unknown country {text!r}: use an ISO code (KZ, KAZ) or a name")
        return iso3

    def _organisation_id(self, text: str) -> str:
        qualifier = self.names.qualifiers.get(normalize(text))
        if qualifier is None or qualifier.organisation is None:
            raise InvalidInput(f"unknown organisation {text!r}: use an id like org:nato or a name")
        return qualifier.organisation

    def _add_person(self, person: PersonRow) -> None:
        self.persons[person.id] = person
        self.names.add_person(person)
        self._actors[person.id] = Actor(id=person.id, name=person.name, kind="person",
                                        aliases=list(person.aliases), country=person.country)

    def _refresh_roles(self, person_id: str) -> None:
        self._actors[person_id].roles = [term.to_role_term() for term in self.terms.of_person(person_id)]


def _merge_persons(rows: Iterable[PersonRow]) -> list[PersonRow]:
    """One row per id: a later user row replaces name and country and adds its aliases."""
    merged: dict[str, PersonRow] = {}
    for row in rows:
        previous = merged.get(row.id)
        if previous is not None and row.source == "learned":
            continue  # a person first seen in an article that the packaged data now knows
        if previous is not None and row.source != "user":
            logger.warning("knowledge base: %s:%d: duplicate person id %s", row.file, row.line, row.id)
            continue
        if previous is not None:
            row.aliases = list(dict.fromkeys([*row.aliases, *previous.aliases, previous.name]))
        merged[row.id] = row
    return list(merged.values())


def _iso(value: DateLike) -> str | None:
    if value is None:
        return None
    return value.isoformat()[:10] if isinstance(value, dt.date) else check_partial(value)


@lru_cache(maxsize=1)
def default_kb() -> KnowledgeBase:
    """The process's knowledge base: packaged data, learned terms and the user's files under `<data_dir>/kb/`."""
    return KnowledgeBase.load(data_dir=get_settings().data_dir)
