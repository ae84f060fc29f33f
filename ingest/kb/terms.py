"""Terms of office indexed by person and by office, with the precedence user > learned > file."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace

from ingest.kb.records import SOURCE_RANK, Term
from ingest.kb.text import normalize


class TermIndex:
    """Every term, by person and by scope (a country ISO3 or an organisation id)."""

    def __init__(self, single: set[str], single_per_title: set[str],
                 rival: Callable[[str | None, str], bool] = lambda country, title: False) -> None:
        self.single = single
        self.single_per_title = single_per_title
        self.rival = rival  # a rival government's parallel office: one holder of its own beside the recognised one
        self._by_person: dict[str, list[Term]] = defaultdict(list)
        self._by_scope: dict[str, list[Term]] = defaultdict(list)
        self._title_scopes: dict[str, set[str]] = defaultdict(set)
        self._title_spellings: dict[str, str] = {}
        self.titles: set[str] = set()

    def add(self, term: Term) -> None:
        """Index one term under its person, every scope it belongs to and its title."""
        self._by_person[term.person_id].append(term)
        for scope in _scopes(term):
            self._by_scope[scope].append(term)
            if term.title:
                self._title_scopes[normalize(term.title)].add(scope)
        if term.title:
            self.titles.add(term.title)
            self._title_spellings.setdefault(normalize(term.title), term.title)

    def scopes_with_title(self, title_key: str) -> set[str]:
        """Countries and organisations that have an office of this (normalised) title."""
        return self._title_scopes.get(title_key, set())

    def title_keys(self) -> dict[str, set[str]]:
        """Every normalised title with the countries and organisations that have it."""
        return {title: set(scopes) for title, scopes in self._title_scopes.items()}

    def title_spelling(self, title_key: str) -> str:
        """A title as the data spells it ("Secretary of State" for `secretary of state`), or empty."""
        return self._title_spellings.get(title_key, "")

    def in_scope(self, scope: str) -> list[Term]:
        """Every term of a country or organisation."""
        return list(self._by_scope.get(scope, []))

    def scopes(self) -> set[str]:
        """Every country and organisation that has at least one term."""
        return {scope for scope, terms in self._by_scope.items() if terms}

    def remove(self, term: Term) -> None:
        """Drop a term that a learned or user term has replaced."""
        self._by_person[term.person_id].remove(term)
        for scope in _scopes(term):
            self._by_scope[scope].remove(term)

    def of_person(self, person_id: str) -> list[Term]:
        """A person's terms, oldest first."""
        return sorted(self._by_person.get(person_id, []), key=lambda t: (t.lo, t.hi))

    def active_in(self, scope: str, day: dt.date) -> list[Term]:
        """Terms in a country or organisation that cover `day`."""
        return [term for term in self._by_scope.get(scope, []) if term.active(day)]

    def is_active(self, person_id: str, day: dt.date) -> bool:
        """Whether a person held any office on `day`."""
        return any(term.active(day) for term in self._by_person.get(person_id, []))

    def choose(self, terms: list[Term], role: str | None) -> list[Term]:
        """The holders among active terms: one per office for single-holder roles, by precedence."""
        if not terms:
            return []
        if role in self.single or (role is None and len({t.role for t in terms}) == 1
                                   and terms[0].role in self.single):
            return self._one_per_office(terms, lambda t: normalize(t.title) if self.rival(t.country, t.title) else "")
        if role in self.single_per_title:
            return self._one_per_office(terms, lambda t: normalize(t.title))
        unique: dict[str, Term] = {}
        for term in sorted(terms, key=_precedence):
            unique[term.person_id] = term
        return list(unique.values())

    @staticmethod
    def _one_per_office(terms: list[Term], office: Callable[[Term], str]) -> list[Term]:
        by_office: dict[str, list[Term]] = defaultdict(list)
        for term in terms:
            by_office[office(term)].append(term)
        return [max(group, key=_precedence) for group in by_office.values()]

    def learn(self, term: Term) -> Term | None:
        """Add a learned term: a start opens one, an end alone closes the matching open one.

        Returns the term added or changed, or None when the index already said so or a term of
        higher precedence (a user's) decides that office.
        """
        # One office whether or not a row names the agency beside the country ("GNS prime minister").
        same_office = [t for t in self._by_person.get(term.person_id, [])
                       if t.role == term.role and _scopes(t)[:1] == _scopes(term)[:1]]
        if term.start is None and term.end is not None:
            open_terms = [t for t in same_office if t.active(term.hi) or (t.lo <= term.hi and t.end is None)]
            if not open_terms and same_office:
                return None  # the base already knows the term ended
            if not open_terms:
                # Nothing known to close: record only the last day, not a term reaching back forever.
                last_day = replace(term, start=term.end)
                self.add(last_day)
                return last_day
            current = max(open_terms, key=lambda t: (t.lo, SOURCE_RANK[t.source]))
            if SOURCE_RANK[current.source] > SOURCE_RANK[term.source] or current.end == term.end:
                return None
            closed = replace(current, end=term.end, source=term.source, article_id=term.article_id)
            self.remove(current)
            self.add(closed)
            return closed
        for existing in same_office:
            if term.start and existing.active(term.lo) and SOURCE_RANK[existing.source] >= SOURCE_RANK[term.source]:
                return None
        self.add(term)
        return term


def _scopes(term: Term) -> tuple[str, ...]:
    return tuple(scope for scope in (term.country, term.organisation) if scope)


def _precedence(term: Term) -> tuple[int, dt.date, bool]:
    # Who wins an overlap: a user file over learned over packaged data, then the latest appointee.
    return SOURCE_RANK[term.source], term.lo, bool(term.start and len(term.start) == 10)
