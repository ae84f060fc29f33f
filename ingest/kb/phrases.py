"""Role phrases for the text matcher beyond the vocabulary: organisation heads and office titles."""

from __future__ import annotations

from collections.abc import Iterable

from ingest.kb.organisations import Organisation
from ingest.kb.text import normalize

# Nouns that, after an organisation's name, mean its head ("IAEA chief", "WTO director-general").
HEAD_NOUNS = ("chief", "head", "boss", "leader", "secretary general", "secretary-general", "director general",
              "director-general", "president", "chair", "chairman", "chairperson", "prosecutor")
_MAX_NAME_WORDS = 4


def organisation_head_phrases(organisations: Iterable[Organisation], staffed: set[str]) -> set[str]:
    """"<name> chief" and "head of the <name>" for organisations with known heads or a head office."""
    phrases: set[str] = set()
    for organisation in organisations:
        if organisation.id not in staffed and not organisation.head_role:
            continue
        phrases.update(organisation.head_phrases)
        for name in [organisation.name, *organisation.aliases, *organisation.metonyms]:
            if len(name.split()) > _MAX_NAME_WORDS or name.lower().startswith("the "):
                continue
            phrases.update(f"{name} {noun}" for noun in HEAD_NOUNS)
            phrases.update({f"head of the {name}", f"chief of the {name}", f"head of {name}"})
    return phrases


def title_phrases(titles: Iterable[str]) -> set[str]:
    """Office titles from the data that are more than one word ("Director of National Intelligence")."""
    return {title for title in titles if len(title.split()) > 1}


def titled_head_phrases(organisations: Iterable[Organisation], titles: dict[str, set[str]],
                        nouns: Iterable[str]) -> set[str]:
    """"<name> commander" for organisations whose head's title has the noun (`titles`: title key -> scopes)."""
    phrases: set[str] = set()
    nouns = list(nouns)
    for organisation in organisations:
        names = [n for n in [organisation.name, *organisation.aliases, *organisation.metonyms]
                 if len(n.split()) <= _MAX_NAME_WORDS and not n.lower().startswith("the ")]
        keys = [normalize(n) for n in names]
        own = [title for title, scopes in titles.items()
               if organisation.id in scopes or any(f" {k} " in f" {title} " for k in keys)]
        for noun in nouns:
            if any(f" {noun} " in f" {title} " for title in own):
                phrases.update(f"{name} {noun}" for name in names)
    return phrases
