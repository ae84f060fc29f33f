"""Who the parties of an event are when the clause alone does not say: inherited, mediated, or states."""

from __future__ import annotations

from spacy.tokens import Token

from ingest.stages.resources import Resources
from ingest.stages.syntax import slot_actors, subjects
from ingest.stages.types import ActorRef, Candidate, Context

MEDIATOR_VERBS = {"arrange", "broker", "mediate", "facilitate", "help", "negotiate", "organise", "organize"}
SINGLE_ROLE = {"visit": "visitor", "appointment": "appointee", "dismissal": "appointee"}


def is_bare(tok: Token) -> bool:
    """A trigger noun with nothing naming its parties: "a face-to-face meeting" (not "peace talks")."""
    lemma = tok.lemma_.lower()
    if tok.pos_ != "NOUN" or lemma not in ("meeting", "summit", "call", "talk", "negotiation"):
        return False
    if lemma in ("talk", "negotiation") and not any(c.lower_ == "the" for c in tok.children):
        return False  # "the formal negotiations came on Tuesday" continues; "peace talks" in general does not
    return not any(c.dep_ == "poss" or (c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN")
                   or (c.dep_ == "prep" and c.lower_ in ("of", "with", "between", "on", "over", "about"))
                   for c in tok.children)


def inherit_parties(candidate: Candidate, ctx: Context, window: int = 8, extend: bool = False) -> None:
    """A bare "a face-to-face meeting" continues the last call or meeting between named parties."""
    for previous in reversed(ctx.candidates):
        if previous.type in ("meeting", "call") and len(previous.actors()) >= 2:
            if candidate.sentence.start - previous.sentence.end < window * 200:
                if extend and previous.type != candidate.type:
                    return
                own = candidate.actors() if extend else []
                candidate.roles = {"party": previous.actors() + [a for a in own if a not in previous.actors()]}
                candidate.confidence = 0.4
            return


def salient_countries(ctx: Context) -> list[str]:
    """The article's countries, most mentioned first (people count for their country)."""
    counts: dict[str, int] = {}
    for mention in ctx.mentions:
        actor = mention.actor
        iso3 = actor.id.removeprefix("country:") if actor.kind == "country" else actor.country
        if iso3:
            counts[iso3] = counts.get(iso3, 0) + 1
    return sorted(counts, key=lambda c: -counts[c])


def subject_actors(verb: Token, ctx: Context, candidate: Candidate) -> list[ActorRef]:
    """Actors of the verb's subject, and of the verb it depends on ("helped arrange")."""
    heads = [verb, verb.head]
    return [a for h in heads for a in slot_actors(subjects(h)[0], ctx, candidate.sentence)]


def _sentence_countries(candidate: Candidate, ctx: Context) -> list[ActorRef]:
    sentence = candidate.sentence
    found = [m.actor for m in ctx.mentions if sentence.start <= m.start < sentence.end
             and m.actor.kind == "country"]
    return _unique_refs(found)


def _recent_countries(ctx: Context) -> list[str]:
    """Countries of the last event found before: "the countries exchanged prisoners" continues it."""
    for previous in reversed(ctx.candidates):
        found = [a.id.removeprefix("country:") if a.kind == "country" else a.country for a in previous.actors()]
        if previous.place and previous.place.country:
            found.append(previous.place.country)
        codes = list(dict.fromkeys(c for c in found if c))
        if len(codes) >= 2:
            return codes
    return []


def _as_state(actor: ActorRef, res: Resources) -> ActorRef:
    """An official named by role ("the US Treasury Secretary") or a national agency acts for its state."""
    if actor.country and (actor.kind == "organisation" or (actor.kind == "person" and actor.via == "role")):
        return res.book.country_actor(actor.country)
    return actor


def shape_parties(candidate: Candidate, ctx: Context, res: Resources) -> None:
    """Type-specific fixes: single-role events keep people, exchanges and sanctions are between states."""
    if candidate.type in ("agreement", "sanction"):
        candidate.roles = {role: _unique_refs([_as_state(a, res) for a in actors])
                           for role, actors in candidate.roles.items()}
    if candidate.type == "visit":
        # visits in the graph are people travelling; "Chinese officials visiting" names no one
        candidate.roles = {"visitor": [a for a in candidate.roles.get("visitor", []) if a.kind == "person"]}
    role = SINGLE_ROLE.get(candidate.type)
    if role is not None:
        people = [a for a in candidate.roles.get(role, []) if a.kind == "person"]
        candidate.roles = {role: people if candidate.type != "visit" else candidate.roles.get(role, [])}
    if candidate.type == "prisoner_exchange":
        states: dict[str, ActorRef] = {}
        light = candidate.trigger.head
        if candidate.trigger.dep_ == "dobj" and light.lemma_.lower() in MEDIATOR_VERBS:
            candidate.roles.pop("party", None)  # "Ankara helped arrange a swap": the mediator is no party
            candidate.roles = {"party": [a for a in _sentence_countries(candidate, ctx)
                                         if a.id not in {x.id for x in subject_actors(light, ctx, candidate)}]}
        for actor in candidate.actors():
            iso3 = actor.country if actor.kind != "country" else actor.id.removeprefix("country:")
            if iso3:
                states.setdefault(iso3, res.book.country_actor(iso3))
        for iso3 in _recent_countries(ctx) + salient_countries(ctx):
            if len(states) >= 2:
                break
            states.setdefault(iso3, res.book.country_actor(iso3))
        candidate.roles = {"party": list(states.values())}
    if candidate.type == "sanction" and (not candidate.roles.get("imposer") or not candidate.roles.get("target")):
        candidate.roles = {}


def _unique_refs(actors: list[ActorRef]) -> list[ActorRef]:
    seen: dict[str, ActorRef] = {}
    for actor in actors:
        seen.setdefault(actor.id, actor)
    return list(seen.values())
