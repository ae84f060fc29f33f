"""Mention resolution: names, surnames, role phrases, metonyms, demonyms and capitals to actors."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rapidfuzz.distance import Levenshtein

from graph.models import Actor
from ingest.kb.holders import has_words, led_by, office_holders, organisation_heads, tied_to
from ingest.kb.names import Entry, Qualifier
from ingest.kb.organisations import Organisation
from ingest.kb.records import How, Resolution, Term
from ingest.kb.text import normalize

if TYPE_CHECKING:
    from ingest.kb.base import KnowledgeBase

MAX_MENTION_CHARS = 200
_HONORIFICS = {"mr", "mrs", "ms", "dr", "sir", "dame", "lord", "lady", "sheikh", "prince", "princess", "king",
               "queen", "emir", "general", "gen", "admiral", "colonel", "marshal", "ayatollah", "imam", "senator",
               "sen", "rep", "comrade", "madam", "monsieur", "herr", "frau", "former", "late"}
_PATRONYMIC = ("ovich", "evich", "ovna", "evna", "ogly", "oglu", "uly", "kyzy")
_LEADER_ROLES = {"head_of_state", "head_of_government"}
_GOVERNMENT_NOUNS = {"administration", "government", "regime", "cabinet"}
# Which reading wins when one form names several non-person actors.
_HOW_ORDER: dict[str, int] = {"country": 0, "org": 1, "metonym": 2, "demonym": 3, "capital": 4}
SCORES: dict[str, float] = {"name": 1.0, "alias": 0.95, "country": 1.0, "org": 0.95, "metonym": 0.9,
                            "demonym": 0.9, "capital": 0.8, "surname": 0.8, "role": 0.85}


def resolve_mention(kb: KnowledgeBase, mention: str, *, hint: str | None, day: dt.date) -> Resolution | None:
    """Try, in order: the whole form, a surname, a role phrase, a name at the end, a near-miss surname."""
    raw = mention.strip()
    if len(raw) > MAX_MENTION_CHARS:  # a mention is a name or a phrase, not a paragraph
        return None
    key = normalize(raw)
    if not key:
        return None
    exact = _exact(kb, key, raw, hint, day)
    if exact:
        return exact
    if kb.vocabulary.is_role_phrase(key):
        # "King" with a country is that country's monarch before it is Senator King.
        return _role(kb, key, hint, day) or _surname(kb, key, hint, day)
    return (_surname(kb, key, hint, day) or _leader_government(kb, key, raw, day) or _role(kb, key, hint, day)
            or _name_suffix(kb, key, raw, hint, day) or _fuzzy(kb, key, hint, day))


def pick_person(kb: KnowledgeBase, ids: set[str] | list[str], hint: str | None, day: dt.date) -> str | None:
    """The one person among namesakes: by the hinted country, then by who held office on `day`, then a leader."""
    candidates = sorted(ids)
    if len(candidates) == 1:
        return candidates[0]
    if hint:
        candidates = [i for i in candidates if kb.persons[i].country == hint] or candidates
        if len(candidates) == 1:
            return candidates[0]
    active = [i for i in candidates if kb.terms.is_active(i, day)]
    if not active:
        # "Trump" in 2023, between his terms: the one namesake who has held office at all
        held = [i for i in candidates if kb.terms.of_person(i)]
        return held[0] if len(held) == 1 else None
    for roles in (_LEADER_ROLES, {"head_of_state"}):
        if len(active) > 1:
            # "Kim" on its own, with several Kims in office, is the one who leads the country.
            active = [i for i in active if any(t.active(day) and t.role in roles for t in kb.terms.of_person(i))]
    return active[0] if len(active) == 1 else None


def _exact(kb: KnowledgeBase, key: str, raw: str, hint: str | None, day: dt.date,
           scale: float = 1.0) -> Resolution | None:
    entries = kb.names.lookup(key, raw)
    if not entries:
        return None
    others = sorted((e for e in entries if e.actor_id not in kb.persons), key=lambda e: _HOW_ORDER.get(e.how, 9))
    if others:
        return _answer(kb, others[0].actor_id, others[0].how, key, scale)
    chosen = pick_person(kb, {e.actor_id for e in entries}, hint, day)
    if chosen is None:
        return None
    entry: Entry = next(e for e in entries if e.actor_id == chosen)
    return _answer(kb, chosen, entry.how, key, scale)


def _surname(kb: KnowledgeBase, key: str, hint: str | None, day: dt.date,
             scale: float = 1.0) -> Resolution | None:
    ids = kb.names.surnames.get(key)
    chosen = pick_person(kb, ids, hint, day) if ids else None
    return _answer(kb, chosen, "surname", key, scale) if chosen else None


def _leader_government(kb: KnowledgeBase, key: str, raw: str, day: dt.date) -> Resolution | None:
    """"the Biden administration", "the Netanyahu government": the state its leader led."""
    words = key.split()
    if len(words) < 2 or words[-1] not in _GOVERNMENT_NOUNS:
        return None
    leader = _exact(kb, " ".join(words[:-1]), raw, None, day) or _surname(kb, " ".join(words[:-1]), None, day)
    if leader is None or leader.actor.kind != "person":
        return None
    led = [t for t in kb.terms.of_person(leader.actor.id)
           if t.role in ("head_of_state", "head_of_government") and t.country]
    if not led:
        return None
    current = [t for t in led if t.active(day)] or led
    return _answer(kb, f"country:{current[-1].country}", "country", key, 0.9)


def _role(kb: KnowledgeBase, key: str, hint: str | None, day: dt.date) -> Resolution | None:
    words = key.split()
    vocab = kb.vocabulary
    if key in kb.head_phrases:
        terms = office_holders(kb, "org_head", country=None, organisation=kb.head_phrases[key], title=None, day=day)
        return _role_answer(kb, terms, key)
    if vocab.is_role_phrase(key) or kb.terms.scopes_with_title(key):
        # A generic noun ("defence minister") names no office until a country does, whatever the titles say.
        # So does a title made of role words only ("Minister of Internal Affairs"): it needs a country,
        # unless it names its place itself ("Director of the FSB", "President of the European Commission").
        generic = key in vocab.generic or key in vocab.leader or not _names_a_place(kb, key)
        org_scopes = sorted(s for s in kb.terms.scopes_with_title(key) if s.startswith("org:"))
        title_scopes = set(org_scopes) if generic else kb.terms.scopes_with_title(key)
        if hint:
            tiers = [[hint], org_scopes]
        else:
            # A title the vocabulary ties to one country ("Supreme Leader": Iran) before every office so named.
            tiers = [sorted(vocab.countries_of_title.get(key, set())), sorted(title_scopes)]
        for scopes in tiers:
            found = {t.person_id: t for scope in scopes for t in _scope_holders(kb, key, scope, day)}
            if found:
                answer = _role_answer(kb, list(found.values()), key)
                if answer:
                    return answer
                break  # ambiguous as a title: its own words may still name the office ("CIA chief")
    for index, word in enumerate(words):
        if word == "of" and 0 < index < len(words) - 1:
            place = " ".join(words[index + 1:]).removeprefix("the ")
            qualifier = kb.names.qualifiers.get(place)
            if qualifier:
                answer = _qualified(kb, qualifier, " ".join(words[:index]), key, day, named=place)
                if answer:
                    return answer
    for split in range(len(words) - 1, 0, -1):
        qualifier = kb.names.qualifiers.get(" ".join(words[:split])) or _person_country(kb, words[:split], day)
        if qualifier:
            answer = _qualified(kb, qualifier, " ".join(words[split:]), key, day, named=" ".join(words[:split]))
            if answer:
                return answer
    return None


def _names_a_place(kb: KnowledgeBase, key: str) -> bool:
    """Whether a title contains a country, capital, demonym or organisation name."""
    words = key.split()
    return any(" ".join(words[i:i + n]) in kb.names.qualifiers
               for n in (1, 2, 3) for i in range(len(words) - n + 1))


def _scope_holders(kb: KnowledgeBase, key: str, scope: str, day: dt.date) -> list[Term]:
    if scope.startswith("org:"):
        return office_holders(kb, key, country=None, organisation=scope, title=None, day=day)
    return office_holders(kb, key, country=scope, organisation=None, title=None, day=day)


def _person_country(kb: KnowledgeBase, words: list[str], day: dt.date) -> Qualifier | None:
    """The country of a leader named before a role: "Zelensky's chief of staff" is Ukraine's."""
    if len(words) > 3:
        return None
    prefix = " ".join(words)
    person = _exact(kb, prefix, prefix.title(), None, day) or _surname(kb, prefix, None, day)
    if person is None or person.actor.kind != "person":
        return None
    serving = [t.country for t in kb.terms.of_person(person.actor.id) if t.active(day) and t.country]
    country = serving[-1] if serving else person.actor.country
    return Qualifier(country, None) if country else None


def _qualified(kb: KnowledgeBase, qualifier: Qualifier, phrase: str, key: str, day: dt.date,
               named: str | None = None) -> Resolution | None:
    vocab = kb.vocabulary
    if qualifier.organisation:
        return _organisation_office(kb, kb.organisations[qualifier.organisation], phrase, key, day)
    if qualifier.country is None:
        return None
    seat = named if named and named in kb.countries[qualifier.country].seat_keys() else None
    terms = office_holders(kb, phrase, country=qualifier.country, organisation=None, title=None, day=day, named=seat)
    if terms:
        return _role_answer(kb, terms, key)
    if phrase in vocab.institutions:
        return _answer(kb, f"country:{qualifier.country}", "country", key, 0.9)
    return None


def _organisation_office(kb: KnowledgeBase, organisation: Organisation, phrase: str, key: str,
                         day: dt.date) -> Resolution | None:
    """An office named after an organisation: its head ("IAEA chief", "the RSF commander") or one tied to it."""
    vocab = kb.vocabulary
    if phrase in vocab.title_heads:
        # "commander" is the head only where the head's title says so: a "Hamas commander" is not its leader.
        heads = organisation_heads(kb, organisation, day)
        return _role_answer(kb, [t for t in heads if has_words(t.title, phrase)], key)
    if organisation.head_role and vocab.organisation.get(phrase) == "org_head" and organisation.country:
        terms = office_holders(kb, organisation.head_role, country=organisation.country, organisation=None,
                               title=None, day=day, rivals=True)
        return _role_answer(kb, led_by(kb, terms, organisation.id), key)
    terms = office_holders(kb, phrase, country=None, organisation=organisation.id, title=None, day=day)
    if terms or organisation.country is None:
        return _role_answer(kb, terms, key)
    # "IRGC intelligence chief", "Pentagon press secretary": the state's office whose title names the agency.
    role = vocab.role_for(phrase, organisation.country)
    if role is None:
        return None
    terms = office_holders(kb, role, country=organisation.country, organisation=None, title=None, day=day,
                           rivals=True)
    return _role_answer(kb, tied_to(kb, terms, organisation.id), key)


def _role_answer(kb: KnowledgeBase, terms: list[Term], key: str) -> Resolution | None:
    if len({t.person_id for t in terms}) != 1:
        return None
    term = terms[0]
    office = term.title or term.role
    scope = term.organisation or term.country
    evidence = f"{key} -> {office} ({scope}) {term.start or '?'}..{term.end or 'present'} [{term.source}]"
    return Resolution(actor=_actor(kb, term.person_id), how="role", evidence=evidence, score=SCORES["role"],
                      term=term)


def _name_suffix(kb: KnowledgeBase, key: str, raw: str, hint: str | None, day: dt.date) -> Resolution | None:
    """A known name at the end of a longer mention: "Kazakh President Kassym-Jomart Tokayev"."""
    words = key.split()
    for start in range(1, len(words)):
        tail = " ".join(words[start:])
        answer = _exact(kb, tail, raw, hint, day, 0.95) or _surname(kb, tail, hint, day, 0.95)
        if answer and _may_precede(kb, words[:start], answer.actor):
            return answer
    return None


def _may_precede(kb: KnowledgeBase, before: list[str], actor: Actor) -> bool:
    """Whether words before a name are titles or a country, not another person's given name ("Hunter Biden")."""
    previous = before[-1]
    if previous in _HONORIFICS or kb.vocabulary.is_role_word(previous) or previous.endswith(_PATRONYMIC):
        return True
    if " ".join(before) in kb.names.qualifiers or previous in kb.names.qualifiers:
        return True
    return actor.kind == "person" and _has_name_word(kb, actor.id, previous)


def _fuzzy(kb: KnowledgeBase, key: str, hint: str | None, day: dt.date) -> Resolution | None:
    last = key.split()[-1]
    matches = kb.names.fuzzy_surnames(last)
    if not matches:
        return None
    nearest = min(distance for _, distance in matches)
    ids = {pid for surname, distance in matches if distance == nearest for pid in kb.names.surnames[surname]}
    words = key.split()
    if len(words) > 1 and words[-2] not in _HONORIFICS and not kb.vocabulary.is_role_word(words[-2]):
        # "Dmitry Petrov" must not become "Anna Petrova": the word before a near-miss surname must be
        # a title or (nearly) a word of the person's own names.
        ids = {pid for pid in ids if _has_name_word(kb, pid, words[-2])}
    chosen = pick_person(kb, ids, hint, day) if ids else None
    if chosen is None:
        return None
    score = SCORES["surname"] * (1 - nearest / len(last))
    return Resolution(actor=_actor(kb, chosen), how="surname", evidence=f"{last} ~{nearest} edit(s)",
                      score=round(score, 3))


def _has_name_word(kb: KnowledgeBase, person_id: str, word: str) -> bool:
    person = kb.persons[person_id]
    own = {w for text in [person.name, *person.aliases] for w in normalize(text).split()}
    return any(Levenshtein.distance(word, candidate, score_cutoff=1) <= 1 for candidate in own)


def _answer(kb: KnowledgeBase, actor_id: str, how: How, key: str, scale: float) -> Resolution:
    return Resolution(actor=_actor(kb, actor_id), how=how, evidence=key, score=round(SCORES[how] * scale, 3))


def _actor(kb: KnowledgeBase, actor_id: str) -> Actor:
    actor = kb.get(actor_id)
    assert actor is not None, actor_id  # ids come from the base's own indices
    return actor
