"""Who holds an office on a day: terms by role, title, seat and agency, with rival offices kept apart."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from ingest.kb.organisations import Organisation
from ingest.kb.records import Term
from ingest.kb.text import normalize

if TYPE_CHECKING:
    from ingest.kb.base import KnowledgeBase

_DEPUTY = re.compile(r"\b(?:vice|deputy|first vice|acting|interim)\b")
# A title says "Spokesperson" where reporters write "spokesman" or "spokeswoman".
_NEUTRAL = {"spokesman": "spokesperson", "spokeswoman": "spokesperson", "chairman": "chairperson",
            "chairwoman": "chairperson"}
_GENDERED = re.compile(r"\b(?:spokesman|spokeswoman|chairman|chairwoman)\b")


def office_holders(kb: KnowledgeBase, phrase: str, *, country: str | None, organisation: str | None,
                   title: str | None, day: dt.date, named: str | None = None, rivals: bool = False) -> list[Term]:
    """Terms that answer `phrase` (a role key, title or role noun) in a country or organisation on `day`.

    `named` is the place word before the phrase when it is a seat of government ("Kremlin"): among
    several offices, the one whose title bears it. A rival government's offices count only with
    `rivals` or a `title`.
    """
    scope = organisation or country
    if scope is None:
        return []
    active = kb.terms.active_in(scope, day)
    if title:
        active = [t for t in active if title in normalize(t.title)]
    vocab = kb.vocabulary
    if phrase in vocab.roles:
        role: str | None = phrase
    else:
        titled = [t for t in active if normalize(t.title) == phrase]
        if titled:
            return kb.terms.choose(titled, titled[0].role if len({t.role for t in titled}) == 1 else None)
        role = (vocab.organisation.get(phrase) or vocab.role_for(phrase, None) if organisation
                else vocab.role_for(phrase, country))
    if role is None:
        return []
    if not (title or rivals):
        # A rival government's prime minister answers to the office's own title only.
        active = [t for t in active if not vocab.is_rival(t.country, t.title)]
    chosen = kb.terms.choose([t for t in active if t.role == role], role)
    if len(chosen) > 1:
        # "ECB chief" means the president, not the vice-president who also heads it on paper.
        chosen = [t for t in chosen if not _DEPUTY.search(normalize(t.title))] or chosen
    for words in (named, phrase):
        if len(chosen) > 1 and words:
            # Several offices share a role key (a chief of staff and a military chief of staff): the
            # seat's name ("Kremlin spokesman") or the phrase's own words in the title decide.
            chosen = [t for t in chosen if has_words(t.title, words)] or chosen
    for organisation_id in _organisations_in(kb, phrase) if len(chosen) > 1 else []:
        # "Britain's MI6 chief": an agency named inside the phrase picks its head's office.
        chosen = tied_to(kb, chosen, organisation_id) or chosen
    primary = vocab.primary_titles.get(country or "", {}).get(role)
    if len(chosen) > 1 and primary and phrase in vocab.generic:
        chosen = [t for t in chosen if f" {primary} " in f" {normalize(t.title)} "] or chosen
    return chosen


def _organisations_in(kb: KnowledgeBase, phrase: str) -> list[str]:
    """Organisations whose name is part of a phrase ("mi6 chief" -> MI6)."""
    words = phrase.split()
    spans = (" ".join(words[i:i + n]) for n in (3, 2, 1) for i in range(len(words) - n + 1))
    found = [kb.names.qualifiers[span].organisation for span in spans if span in kb.names.qualifiers]
    return list(dict.fromkeys(org for org in found if org))


def organisation_heads(kb: KnowledgeBase, organisation: Organisation, day: dt.date) -> list[Term]:
    """Who heads an organisation on `day`: its own org_head terms, or its state's office tied to it."""
    own = office_holders(kb, "org_head", country=None, organisation=organisation.id, title=None, day=day)
    if own or not (organisation.head_role and organisation.country):
        return own
    terms = office_holders(kb, organisation.head_role, country=organisation.country, organisation=None,
                           title=None, day=day, rivals=True)
    return tied_to(kb, terms, organisation.id)


def led_by(kb: KnowledgeBase, terms: list[Term], organisation_id: str) -> list[Term]:
    """The holders heading an agency: tied to it by id or name, else those tied to no sibling agency.

    "Chairman of the KGB" leads Belarus's KGB, the only agency there; the BND's president never
    answers for the BfV, even while the BfV's office is vacant.
    """
    tied = tied_to(kb, terms, organisation_id)
    if tied:
        return tied
    organisation = kb.organisations[organisation_id]
    siblings = [o.id for o in kb.organisations.values() if o.id != organisation_id
                and o.country == organisation.country and o.head_role == organisation.head_role]
    return [t for t in terms if not any(tied_to(kb, [t], sibling) for sibling in siblings)]


def tied_to(kb: KnowledgeBase, terms: list[Term], organisation_id: str) -> list[Term]:
    """The terms tied to an organisation by id or by one of its names in their title."""
    organisation = kb.organisations[organisation_id]
    names = [normalize(n) for n in [organisation.name, *organisation.aliases, *organisation.metonyms]]
    return [t for t in terms if t.organisation == organisation_id or any(has_words(t.title, n) for n in names)]


def has_words(title: str, words: str) -> bool:
    """Whether a title contains these normalised words, reading spokesman and spokeswoman as spokesperson."""
    return f" {_neutral(words)} " in f" {_neutral(normalize(title))} "


def _neutral(text: str) -> str:
    return _GENDERED.sub(lambda m: _NEUTRAL[m.group(0)], text)

