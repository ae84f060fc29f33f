"""Name indices built once at load: exact forms, surnames, qualifiers and the matcher's surface forms."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from ingest.kb.countries import Country, demonym_forms
from ingest.kb.loader import DATA_DIR
from ingest.kb.organisations import Organisation
from ingest.kb.records import How, PersonRow, SurfaceForm
from ingest.kb.text import is_acronym, normalize, tokens

# Upper case in the written name: "XI" is a numeral, "Xi" a surname.
_ROMAN = re.compile(r"[IVXL]+")
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
# Countries whose people English-language news calls by the last word of the name, the given name.
_GIVEN_NAME_LAST = {"VNM"}
COMMON_WORDS_FILE = DATA_DIR / "common_words.txt"
_NAME_PARTICLES = {"al", "el", "bin", "ibn", "bint", "van", "von", "der", "de", "da", "di", "du", "le", "la"}
# Forms that are ordinary English words in lower case: the matcher must see them capitalised.
_LOWER_CASE_WORDS = {"us", "number 10", "no 10", "chad", "jordan", "turkey", "georgia", "guinea", "china", "wagner"}
# Near-miss spellings are variants only for names transliterated from another script: "Johnston" is not
# "Johnson", but "Zelenskiy" is "Zelensky".
LATIN_SCRIPT_COUNTRIES = {
    "USA", "GBR", "CAN", "AUS", "NZL", "IRL", "FRA", "DEU", "ITA", "ESP", "PRT", "NLD", "BEL", "CHE", "AUT",
    "SWE", "NOR", "DNK", "FIN", "ISL", "POL", "CZE", "SVK", "HUN", "SVN", "HRV", "ROU", "EST", "LVA", "LTU",
    "MLT", "LUX", "MEX", "BRA", "ARG", "CHL", "COL", "PER", "VEN", "ECU", "BOL", "PRY", "URY", "CUB", "DOM",
    "GTM", "HND", "SLV", "NIC", "CRI", "PAN", "TUR",
}


@dataclass(frozen=True)
class Entry:
    """One actor a normalised form can mean."""

    actor_id: str
    how: How
    case_sensitive: bool


@dataclass(frozen=True)
class Qualifier:
    """What a word before a role phrase points at: a country, an organisation, or both (an agency)."""

    country: str | None
    organisation: str | None


class NameIndex:
    """Lookups from normalised text to actors; nothing here scans the whole base per call."""

    def __init__(self) -> None:
        self.exact: dict[str, list[Entry]] = defaultdict(list)
        self.surnames: dict[str, set[str]] = defaultdict(set)
        self.qualifiers: dict[str, Qualifier] = {}
        self.forms: dict[tuple[str, str, str], SurfaceForm] = {}
        self._surname_buckets: dict[str, list[str]] | None = None
        self._transliterated: dict[str, bool] = {}

    def add_country(self, country: Country) -> None:
        """Index a country's names, demonyms, capitals and seats of government."""
        qualifier = Qualifier(country.iso3, None)
        groups: list[tuple[How, list[str]]] = [
            ("country", [country.name, *country.variants]),
            ("demonym", [form for demonym in country.demonyms for form in demonym_forms(demonym)]),
            ("capital", country.capitals),
            ("metonym", country.seats),
        ]
        for how, texts in groups:
            for text in texts:
                self._add(text, country.actor_id, how)
                if how != "demonym" or not text.endswith("s") or text in country.demonyms:
                    self.qualifiers.setdefault(normalize(text), qualifier)

    def add_organisation(self, organisation: Organisation) -> None:
        """Index an organisation's names, acronyms and metonyms."""
        qualifier = Qualifier(organisation.country, organisation.id)
        for text in [organisation.name, *organisation.aliases]:
            self._add(text, organisation.id, "org")
            self.qualifiers.setdefault(normalize(text), qualifier)
        for text in organisation.metonyms:
            self._add(text, organisation.id, "metonym")
            self.qualifiers.setdefault(normalize(text), qualifier)

    def add_person(self, person: PersonRow) -> None:
        """Index a person's name, aliases and the surnames derived from them."""
        self._add(person.name, person.id, "name")
        self._transliterated[person.id] = person.country not in LATIN_SCRIPT_COUNTRIES
        for alias in person.aliases:
            self._add(alias, person.id, "alias")
        for surname in person_surnames(person):
            self.surnames[surname].add(person.id)
            if surname in common_words():
                continue
            # A surname alone is a name only when capitalised ("Rice", "Brown", "Duke").
            self.forms.setdefault((surname, "surname", person.id), SurfaceForm(
                _surname_text(person, surname), "surname", person.id, exact=True))
        self._surname_buckets = None

    def lookup(self, key: str, raw: str) -> list[Entry]:
        """Exact entries for a normalised key, without case-sensitive ones when the mention is lower case."""
        entries = self.exact.get(key, [])
        if any(ch.isupper() for ch in raw):
            return entries
        return [entry for entry in entries if not entry.case_sensitive]

    def fuzzy_surnames(self, key: str) -> list[tuple[str, int]]:
        """Transliterated surnames one edit from `key` (two for long names), nearest first."""
        if len(key) < 5:
            return []
        if self._surname_buckets is None:
            buckets: dict[str, list[str]] = defaultdict(list)
            for surname, ids in self.surnames.items():
                if any(self._transliterated.get(pid, True) for pid in ids):
                    buckets[surname[0]].append(surname)
            self._surname_buckets = buckets
        choices = self._surname_buckets.get(key[0], [])
        edits = 1 if len(key) < 9 else 2
        found = process.extract(key, choices, scorer=Levenshtein.distance, score_cutoff=edits, limit=5)
        return [(choice, int(distance)) for choice, distance, _ in found]

    def _add(self, text: str, actor_id: str, how: How) -> None:
        key = normalize(text)
        if not key:
            return
        case_sensitive = is_acronym(text) or key in _LOWER_CASE_WORDS
        entry = Entry(actor_id, how, case_sensitive)
        if entry not in self.exact[key]:
            self.exact[key].append(entry)
        # The matcher looks for "Taliban", not "the Taliban": a lower-case article is not part of the name,
        shown = text[4:] if text.startswith("the ") else text  # but "The Hague" keeps its article
        self.forms.setdefault((shown, how, actor_id), SurfaceForm(shown, how, actor_id, case_sensitive))


def person_surnames(person: PersonRow) -> set[str]:
    """Normalised surnames: the family name the id slug puts first (`xi-jinping` -> `xi`), else the last word.

    Monarchs ("Carl XVI Gustaf", "Abdullah II") have none; generational suffixes ("Jr.", "III") never
    are one; Vietnamese names also give their last word, which English-language news uses ("Phuc");
    an alias adds its last word only when that is a spelling of the surname ("Volodymyr Zelenskyy").
    """
    if _is_regnal(person):
        return _single_word_aliases(person)
    name_words = _without_suffixes(tokens(normalize(person.name)))
    surname = _family_words(person, name_words) or name_words[-1:]
    found = {" ".join(surname)} if surname else set()
    if len(surname) > 1 and surname[0] in _NAME_PARTICLES:
        found.add(" ".join(surname[1:]))
    if person.country in _GIVEN_NAME_LAST and len(name_words) > 1:
        found.add(name_words[-1])
    found |= _single_word_aliases(person)
    for alias in person.aliases:
        alias_words = _without_suffixes(tokens(normalize(alias)))
        if len(alias_words) > 1 and surname and alias_words[0] == name_words[0]:
            last, own = alias_words[-1], " ".join(surname)
            if last not in name_words and Levenshtein.distance(last, own) <= max(1, len(own) // 3):
                found.add(last)
    return {s for s in found if s}


def _is_regnal(person: PersonRow) -> bool:
    """Whether a name carries a regnal number: inside it ("Carl XVI Gustaf") or last, with its id as written.

    "Benigno Aquino III" (`aquino-iii-benigno`) is a generational suffix; "Li Xi" is no numeral at all.
    """
    words = person.name.replace(",", " ").split()
    # A regnal name's slug is the name as written ("juan-carlos-i"); a family-first slug marks a suffix.
    written_as_slug = person.id.split("-") == tokens(normalize(person.name))
    for index, word in enumerate(words[1:], start=1):
        if _ROMAN.fullmatch(word) and (index < len(words) - 1 or written_as_slug):
            return True
    return False


def _without_suffixes(words: list[str]) -> list[str]:
    """Name words without "Jr.", "Sr." or a generational "III" at the end."""
    kept = list(words)
    while len(kept) > 1 and kept[-1] in _SUFFIXES:
        kept.pop()
    return [w for w in kept if w not in ("jr", "sr")]


def _family_words(person: PersonRow, name_words: list[str]) -> list[str]:
    """The family name as the slug `surname-givenname` splits the name, in either order.

    A name with words the slug lacks (or the reverse) still gives the slug's family words when they
    stand together in the name after the first given name ("oligui-nguema-brice-clotaire").
    """
    if person.id.startswith("person:"):
        return []  # a slug of a name as written in an article, not surname first
    id_words = _without_suffixes([w for w in person.id.split("-") if not w.isdigit()])
    for split in range(1, len(id_words)):
        family, given = id_words[:split], id_words[split:]
        if name_words in (given + family, family + given):
            return family
    for split in range(len(id_words) - 1, 0, -1):
        family, given = id_words[:split], id_words[split:]
        at = _run_at(name_words, family)
        if at > 0 and given[0] in name_words[:at]:
            return family
    return []


def _run_at(words: list[str], run: list[str]) -> int:
    """Where `run` stands as consecutive words in `words`, or -1."""
    for start in range(len(words) - len(run) + 1):
        if words[start:start + len(run)] == run:
            return start
    return -1


def _single_word_aliases(person: PersonRow) -> set[str]:
    return {normalize(alias) for alias in person.aliases
            if len(tokens(normalize(alias))) == 1 and not is_acronym(alias)}


@cache
def common_words() -> frozenset[str]:
    """Capitalised English words that are also surnames (data/common_words.txt)."""
    text = COMMON_WORDS_FILE.read_text(encoding="utf-8")
    return frozenset(w for line in text.splitlines() if not line.startswith("#") for w in line.split())


def _surname_text(person: PersonRow, surname: str) -> str:
    # Show the surname as written in the name (`Erdoğan`, `al-Sudani`) when it can be found there.
    for text in [person.name, *person.aliases]:
        words = text.split()
        for start in range(len(words)):
            for stop in range(start + 1, min(start + 4, len(words) + 1)):
                if normalize(" ".join(words[start:stop])) == surname:
                    return " ".join(words[start:stop])
    return surname.title()
