"""Checks of the data files: schema, dates, known countries, roles and organisations, overlapping terms."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from itertools import combinations
from pathlib import Path

from ingest.kb.countries import load_countries
from ingest.kb.loader import LoadedFiles, expand_paths, packaged_files, read_files
from ingest.kb.organisations import ORGANISATIONS_FILE, load_organisations
from ingest.kb.records import PersonRow, Problem, Term
from ingest.kb.text import normalize
from ingest.kb.vocabulary import ROLE_TERMS_FILE, load_vocabulary


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
    if paths is None:
        problems += check_reference_files()
    return sorted(problems, key=lambda p: (p.file, p.line, p.message))


def check_reference_files(organisations_file: Path = ORGANISATIONS_FILE,
                          role_terms_file: Path = ROLE_TERMS_FILE) -> list[Problem]:
    """Cross-references in organisations.yaml and role_terms.yaml: countries, role keys, parents."""
    countries = load_countries()
    organisations = load_organisations(organisations_file)
    vocab = load_vocabulary(role_terms_file)
    problems = []
    org_text = organisations_file.read_text(encoding="utf-8")
    for organisation in organisations.values():
        line = _line_of(org_text, f'"{organisation.id}"')
        where = (str(organisations_file), line)
        if organisation.country and organisation.country not in countries:
            problems.append(Problem(*where, f"{organisation.id}: unknown country {organisation.country!r}"))
        if organisation.head_role and organisation.head_role not in vocab.roles:
            problems.append(Problem(*where, f"{organisation.id}: unknown head_role {organisation.head_role!r}"))
        if organisation.parent and organisation.parent not in organisations:
            problems.append(Problem(*where, f"{organisation.id}: unknown parent {organisation.parent!r}"))
    terms_text = role_terms_file.read_text(encoding="utf-8")
    for country, titles in vocab.by_country.items():
        where = (str(role_terms_file), _line_of(terms_text, f"  {country}:"))
        if country not in countries:
            problems.append(Problem(*where, f"unknown country {country!r}"))
        problems += [Problem(*where, f"{country}: {phrase!r} maps to unknown role {role!r}")
                     for phrase, role in titles.items() if role not in vocab.roles]
    return problems


def _line_of(text: str, needle: str) -> int:
    """The 1-based line where `needle` first appears (0 when absent), for pointing into YAML files."""
    index = text.find(needle)
    return text.count("\n", 0, index) + 1 if index >= 0 else 0


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
        if term.article_id and term.start is None:
            continue  # a learned dismissal closes whichever term is open: no term of its own to overlap
        if term.role in vocab.single and vocab.is_rival(term.country, term.title):
            offices[(scope, term.role, f"rival|{normalize(term.title)}")].append(term)  # a parallel office
        elif term.role in vocab.single:
            offices[(scope, term.role, "")].append(term)
        elif term.role in vocab.single_per_title:
            offices[(scope, term.role, normalize(term.title))].append(term)
        else:
            offices[(scope, term.role, f"{term.person_id}|{normalize(term.title)}")].append(term)
    for (scope, role, _), terms in offices.items():
        for first, second in combinations(sorted(terms, key=lambda t: (t.lo, t.hi)), 2):
            if first.overlaps(second):
                problems.append(_overlap(scope, role, first, second))
    problems += _retitled_duplicates(loaded.terms, vocab.single_per_title)
    return problems


def _retitled_duplicates(terms: list[Term], per_title: set[str]) -> list[Problem]:
    """The same person twice in one office at once, its title spelt two ways ("UN ..."/"United Nations ...")."""
    by_holder: dict[tuple[str, str, str], list[Term]] = defaultdict(list)
    for term in terms:
        if term.role in per_title:
            by_holder[(term.organisation or term.country or "", term.role, term.person_id)].append(term)
    problems = []
    for (scope, role, _), held in by_holder.items():
        for first, second in combinations(sorted(held, key=lambda t: (t.lo, t.hi)), 2):
            same_office = _office_words(first.title) == _office_words(second.title)
            if normalize(first.title) != normalize(second.title) and same_office and first.overlaps(second):
                problems.append(Problem(second.file, second.line, (
                    f"{second.person_id} {role} in {scope} as {second.title!r} repeats {first.title!r} "
                    f"at {first.file}:{first.line}; one office, one row")))
    return problems


def _overlap(scope: str, role: str, first: Term, second: Term) -> Problem:
    span = f"{first.start or '?'}..{first.end or 'present'}"
    if first.person_id == second.person_id:
        message = f"{second.person_id} {role} in {scope} duplicates the term at {first.file}:{first.line} ({span})"
    else:
        message = (f"{second.person_id} {role} in {scope} from {second.start or '?'} overlaps "
                   f"{first.person_id} ({span}) at {first.file}:{first.line}")
    return Problem(second.file, second.line, message)


def _office_words(title: str) -> str:
    """A title without the names of places and organisations in it: what the office is."""
    words = normalize(title).split()
    names = _place_names()
    kept: list[str] = []
    index = 0
    while index < len(words):
        span = next((n for n in (3, 2, 1) if " ".join(words[index:index + n]) in names), 0)
        if span:
            index += span
        else:
            kept.append(words[index])
            index += 1
    return " ".join(word for word in kept if word not in {"the", "of"})


@cache
def _place_names() -> frozenset[str]:
    countries = load_countries().values()
    organisations = load_organisations().values()
    names = [n for c in countries for n in [c.name, *c.variants, *c.demonyms]]
    names += [n for o in organisations for n in [o.name, *o.aliases]]
    return frozenset(normalize(name) for name in names)
