"""The role vocabulary from `data/role_terms.yaml`: which phrases name which office."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from ingest.kb.loader import DATA_DIR, SafeLoader
from ingest.kb.text import normalize

ROLE_TERMS_FILE = DATA_DIR / "role_terms.yaml"


@dataclass
class Vocabulary:
    """Role phrases by normalised key, per country and after organisation names."""

    roles: set[str] = field(default_factory=set)
    single: set[str] = field(default_factory=set)
    single_per_title: set[str] = field(default_factory=set)
    generic: dict[str, str] = field(default_factory=dict)
    by_country: dict[str, dict[str, str]] = field(default_factory=dict)
    countries_of_title: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    organisation: dict[str, str] = field(default_factory=dict)
    leader: set[str] = field(default_factory=set)
    executive: set[str] = field(default_factory=set)
    institutions: set[str] = field(default_factory=set)
    phrases: list[str] = field(default_factory=list)
    role_words: set[str] = field(default_factory=set)
    primary_titles: dict[str, dict[str, str]] = field(default_factory=dict)
    title_heads: set[str] = field(default_factory=set)
    rival_titles: dict[str, set[str]] = field(default_factory=dict)

    def role_for(self, phrase_key: str, country: str | None) -> str | None:
        """The role key a normalised phrase means in a country (country titles before generic ones)."""
        if phrase_key in self.leader:
            return "head_of_government" if country in self.executive else "head_of_state"
        if country and phrase_key in self.by_country.get(country, {}):
            return self.by_country[country][phrase_key]
        return self.generic.get(phrase_key)

    def is_rival(self, country: str | None, title: str) -> bool:
        """Whether an office is a rival government's parallel one, held beside the recognised holder."""
        return bool(country) and normalize(title) in self.rival_titles.get(country or "", set())

    def is_role_word(self, word: str) -> bool:
        """Whether a normalised word is part of some role phrase ("minister", "president", "chief")."""
        if not self.role_words:
            self.role_words = {w for phrase in self.phrases for w in normalize(phrase).split()}
        return word in self.role_words

    def is_role_phrase(self, phrase_key: str) -> bool:
        """Whether a normalised phrase names an office anywhere."""
        return (phrase_key in self.generic or phrase_key in self.countries_of_title
                or phrase_key in self.leader)


@cache
def load_vocabulary(path: Path = ROLE_TERMS_FILE) -> Vocabulary:
    """Read the role vocabulary file."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=SafeLoader) or {}
    vocab = Vocabulary()
    surface: list[str] = []
    for role, spec in (data.get("roles") or {}).items():
        vocab.roles.add(role)
        if spec.get("single"):
            vocab.single.add(role)
        if spec.get("single_per_title"):
            vocab.single_per_title.add(role)
        for phrase in spec.get("phrases") or []:
            vocab.generic.setdefault(normalize(phrase), role)
            surface.append(phrase)
    for country, titles in (data.get("countries") or {}).items():
        table = vocab.by_country.setdefault(country, {})
        for phrase, role in titles.items():
            table[normalize(phrase)] = role
            vocab.countries_of_title[normalize(phrase)].add(country)
            surface.append(phrase)
    for role, phrases in (data.get("organisation_phrases") or {}).items():
        for phrase in phrases:
            vocab.organisation.setdefault(normalize(phrase), role)
            surface.append(phrase)
    vocab.leader = {normalize(p) for p in data.get("leader_phrases") or []}
    surface += list(data.get("leader_phrases") or [])
    vocab.executive = set(data.get("executive") or [])
    vocab.primary_titles = {country: {role: normalize(words) for role, words in roles.items()}
                            for country, roles in (data.get("primary_titles") or {}).items()}
    vocab.institutions = {normalize(p) for p in data.get("institutions") or []}
    vocab.title_heads = {normalize(p) for p in data.get("title_head_phrases") or []}
    vocab.rival_titles = {country: {normalize(title) for title in titles}
                          for country, titles in (data.get("rival_titles") or {}).items()}
    vocab.phrases = sorted(set(surface), key=lambda p: (-len(p), p.lower()))
    return vocab
