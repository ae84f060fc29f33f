"""Reading a position ("Kazakhstan's new foreign minister", "NATO chief") as an office: role, country, org."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ingest.kb.names import Qualifier
from ingest.kb.text import normalize

if TYPE_CHECKING:
    from ingest.kb.base import KnowledgeBase

# Words that describe the holder or the moment, not the office.
_QUALIFYING_WORDS = {"new", "acting", "interim", "incoming", "outgoing", "caretaker", "former", "then", "newly",
                     "appointed", "designate", "elect", "its", "his", "her", "their"}


@dataclass(frozen=True)
class Office:
    """An office as `learn_role` takes it: a role key and the country and/or organisation it belongs to."""

    role: str
    country: str | None = None
    organisation: str | None = None
    title: str = ""


def parse_office(kb: KnowledgeBase, text: str, hint: str | None) -> Office | None:
    """The office a position names, or None when the words name no known role or no country for it.

    Where today's holder of the office is known, its term supplies the office's own title ("MI6 chief"
    is the `Chief of MI6`), so a learned term joins that office rather than a nameless one beside it.
    """
    words = [w for w in normalize(text).split() if w not in _QUALIFYING_WORDS]
    key = " ".join(words)
    if not key:
        return None
    office = _read(kb, key, words, hint)
    found = kb.resolve(key, country_hint=hint)
    term = found.term if found is not None else None
    if term is None or term.end is not None:
        return office
    if office is None:
        # "the RSF commander": an office the resolver knows by its head's title.
        return Office(term.role, country=term.country, organisation=term.organisation, title=term.title)
    generic_title = not office.title or normalize(office.title) in kb.vocabulary.generic  # "Prime Minister"
    if generic_title and (term.role, term.country) == (office.role, office.country):
        return Office(office.role, country=office.country, organisation=office.organisation or term.organisation,
                      title=term.title)
    return office


def _read(kb: KnowledgeBase, key: str, words: list[str], hint: str | None) -> Office | None:
    if key in kb.head_phrases:
        return Office("org_head", organisation=kb.head_phrases[key], title=_title(kb, key))
    office = _bare(kb, key, hint)
    if office:
        return office
    for index, word in enumerate(words):
        if word == "of" and 0 < index < len(words) - 1:
            qualifier = kb.names.qualifiers.get(" ".join(words[index + 1:]).removeprefix("the "))
            office = _qualified(kb, qualifier, " ".join(words[:index])) if qualifier else None
            if office:
                return office
    for split in range(len(words) - 1, 0, -1):
        qualifier = kb.names.qualifiers.get(" ".join(words[:split]))
        office = _qualified(kb, qualifier, " ".join(words[split:])) if qualifier else None
        if office:
            return office
    return None


def _bare(kb: KnowledgeBase, key: str, hint: str | None) -> Office | None:
    vocab = kb.vocabulary
    countries = [hint] if hint else sorted(vocab.countries_of_title.get(key, set()))
    if len(countries) == 1:
        role = vocab.role_for(key, countries[0]) or _titled_role(kb, key, countries[0])
        return Office(role, country=countries[0], title=_title(kb, key)) if role else None
    scopes = kb.terms.scopes_with_title(key)
    if len(scopes) == 1 and not (key in vocab.generic or key in vocab.leader):
        (scope,) = scopes
        role = _titled_role(kb, key, scope)
        if role and scope.startswith("org:"):
            return Office(role, organisation=scope, title=_title(kb, key))
        return Office(role, country=scope, title=_title(kb, key)) if role else None
    return None


def _qualified(kb: KnowledgeBase, qualifier: Qualifier, phrase: str) -> Office | None:
    vocab = kb.vocabulary
    if qualifier.organisation:
        organisation = kb.organisations[qualifier.organisation]
        org_role = vocab.organisation.get(phrase)
        if organisation.head_role and org_role == "org_head":
            return Office(organisation.head_role, country=organisation.country, organisation=organisation.id)
        role = org_role or vocab.role_for(phrase, organisation.country) or _titled_role(kb, phrase, organisation.id)
        if role and organisation.country and role != "org_head":
            # "GNS prime minister", "Pentagon press secretary": an office of the organisation's state.
            return Office(role, country=organisation.country, organisation=organisation.id, title=_title(kb, phrase))
        return Office(role, organisation=organisation.id, title=_title(kb, phrase)) if role else None
    if qualifier.country is None:
        return None
    role = vocab.role_for(phrase, qualifier.country) or _titled_role(kb, phrase, qualifier.country)
    return Office(role, country=qualifier.country, title=_title(kb, phrase)) if role else None


def _titled_role(kb: KnowledgeBase, key: str, scope: str) -> str | None:
    """The role key of the offices titled `key` in a scope, when they agree on one."""
    roles = {t.role for t in kb.terms.in_scope(scope) if normalize(t.title) == key}
    return roles.pop() if len(roles) == 1 else None


def _title(kb: KnowledgeBase, key: str) -> str:
    """The title as the data spells it, when some office bears it; else empty."""
    return kb.terms.title_spelling(key)
