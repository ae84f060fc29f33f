"""Checks of the data files: schema, dates, known countries, roles and organisations, overlapping terms."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from itertools import combinations
from pathlib import Path

from ingest.kb.countries import load_countries
from ingest.kb.loader import LoadedFiles, expand_paths, packaged_files, read_files
from ingest.kb.organisations import load_organisations
from ingest.kb.records import PersonRow, Problem, Term
from ingest.kb.text import normalize
from ingest.kb.vocabulary import load_vocabulary


def validate_files(paths: Iterable[Path | str] | None = None) -> list[Problem]:
    """Every problem in the given files (default: the packaged ones), ordered by file and line.

    Person ids in a roles file may refer to the packaged persons files as well as the given ones.
    """
    files = expand_paths(paths) if paths is not None else packaged_files()
    loaded = read_files(files, "file")
    known_people = {p.id for p in loaded.persons}
    if paths is not None:
        known_people |= {p.id for p in read_files(packaged_files(), "file").persons}
    problems = list(loaded.problems)
    problems += _check_persons(loaded.persons)
    problems += _check_terms(loaded, known_people)
    return sorted(problems, key=lambda p: (p.file, p.line, p.message))


def _check_persons(persons: list[PersonRow]) -> list[Problem]:
    countries = load_countries()
    problems = []
    first_seen: dict[str, PersonRow] = {}
    for person in persons:
        if person.country and person.country not in countries:
            problems.append(Problem(person.file, person.line, f"unknown country {person.country!r} (want ISO3)"))
        earlier = first_seen.setdefault(person.id, person)
        if earlier is not person:
            problems.append(Problem(person.file, person.line,
                                    f"duplicate person id {person.id} (first at {earlier.file}:{earlier.line})"))
    return problems


def _check_terms(loaded: LoadedFiles, known_people: set[str]) -> list[Problem]:
    countries = load_countries()
    organisations = load_organisations()
    vocab = load_vocabulary()
    problems = []
    offices: dict[tuple[str, str, str], list[Term]] = defaultdict(list)
    for term in loaded.terms:
        where = (term.file, term.line)
        if term.person_id not in known_people:
            problems.append(Problem(*where, f"unknown person_id {term.person_id!r}"))
        if term.role not in vocab.roles:
            problems.append(Problem(*where, f"unknown role {term.role!r}: expected one of {sorted(vocab.roles)}"))
        if term.country and term.country not in countries:
            problems.append(Problem(*where, f"unknown country {term.country!r} (want ISO3)"))
        if term.organisation and term.organisation not in organisations:
            problems.append(Problem(*where, f"unknown organisation {term.organisation!r} "
                                            "(see ingest/kb/data/organisations.yaml)"))
        if not term.country and not term.organisation:
            problems.append(Problem(*where, "a term needs a country or an organisation"))
        scope = term.organisation or term.country or ""
        if term.role in vocab.single:
            offices[(scope, term.role, "")].append(term)
        elif term.role in vocab.single_per_title:
            offices[(scope, term.role, normalize(term.title))].append(term)
        else:
            offices[(scope, term.role, f"{term.person_id}|{normalize(term.title)}")].append(term)
    for (scope, role, _), terms in offices.items():
        for first, second in combinations(sorted(terms, key=lambda t: (t.lo, t.hi)), 2):
            if first.overlaps(second):
                problems.append(_overlap(scope, role, first, second))
    return problems


def _overlap(scope: str, role: str, first: Term, second: Term) -> Problem:
    span = f"{first.start or '?'}..{first.end or 'present'}"
    if first.person_id == second.person_id:
        message = f"{second.person_id} {role} in {scope} duplicates the term at {first.file}:{first.line} ({span})"
    else:
        message = (f"{second.person_id} {role} in {scope} from {second.start or '?'} overlaps "
                   f"{first.person_id} ({span}) at {first.file}:{first.line}")
    return Problem(second.file, second.line, message)
