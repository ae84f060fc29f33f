"""Events stage: turn trigger words in parsed sentences into candidate events with participants by role."""

from __future__ import annotations

import re

from spacy.attrs import LEMMA, POS
from spacy.parts_of_speech import IDS
from spacy.tokens import Doc, Token

from ingest.stages.details import place_in_sentence, place_near, place_of_token, position_of
from ingest.stages.parties import inherit_parties, is_bare, shape_parties
from ingest.stages.resources import Resources
from ingest.stages.rules import Trigger
from ingest.stages.status import judge
from ingest.stages.syntax import children_by_dep, expand, prep_objects, slot_actors, subjects
from ingest.stages.types import ActorRef, Candidate, Context, Sentence

LIGHT_VERBS = {"hold", "have", "make", "take", "receive", "place", "join", "end", "host", "conduct", "begin",
               "start", "pay", "wrap", "conclude", "attend", "open", "chair", "convene", "set", "plan"}
AGREEMENT_VERBS = {"sign", "reach", "strike", "conclude", "seal", "clinch", "ink", "agree", "finalize",
                   "finalise", "announce", "propose", "unveil", "bring", "deliver", "approve", "ratify", "hammer",
                   "negotiate", "secure", "draft"}
AGREEMENT_NOUNS = {"agreement", "deal", "accord", "pact", "treaty", "memorandum", "contract", "protocol"}
CONTEXT_PREPS = {"in", "during", "at", "after", "before", "ahead", "following", "on", "for"}
HOST_VERBS = {"host", "chair", "mediate", "attend", "join"}
OFFICE_WORDS = {"office", "power", "post", "helm", "reins", "oath", "charge", "command", "job", "role", "position"}
MIN_PARTIES = {"call": 2, "meeting": 2, "agreement": 2, "prisoner_exchange": 2, "sanction": 2, "statement": 2,
               "visit": 1, "appointment": 1, "dismissal": 1}
NOT_A_POST = re.compile(r"\b(former|first|second|only|last|youngest|oldest|latest|target|victim|symbol|face)\b|"
                        r"\w+est\b| to \w+", re.I)
CONTEXT_SKIP_VERBS = {"meet"}
GENERIC_PLURALS = {"exchange", "swap", "call", "meeting", "visit", "trip", "conversation", "summit",
                   "agreement", "deal", "appointment", "resignation"}
TALK_VERBS = {"meet", "visit", "talk", "call", "speak", "travel", "exchange", "swap", "negotiate", "discuss",
              "consult", "confer"}
TALK_NOUNS = {"talk", "negotiation", "meeting", "summit", "dialogue", "discussion", "consultation", "call",
              "visit", "conversation", "contact", "round"}
_LEMMA_POS: list[int | str] = [LEMMA, POS]
_POS_KIND = {IDS["VERB"]: "VERB", IDS["AUX"]: "VERB", IDS["NOUN"]: "NOUN", IDS["PROPN"]: "NOUN"}
PHASE_VERBS = {"begin", "start", "resume", "open", "launch", "continue", "restart", "enter", "pursue", "intensify"}
SESSION_VERBS = {"address", "attend", "chair", "convene", "open", "skip", "boycott", "brief", "join"}


TIME_NOUNS = {"day", "week", "month", "year", "morning", "afternoon", "evening", "night", "hour", "minute",
              "weekend", "time", "future", "past"}
COLLECTIVE_NOUNS = {"package", "round", "set", "raft", "wave", "series", "batch", "tranche", "slate", "list",
                    "number", "host", "string"}


def collective_head(tok: Token) -> Token:
    """The noun a trigger is counted by ("a new round of talks" -> round), else the trigger itself."""
    while (tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ == "NOUN"
           and tok.head.head.lemma_.lower() in COLLECTIVE_NOUNS):
        tok = tok.head.head
    return tok


def gather_slots(tok: Token) -> tuple[dict[str, list[Token]], Token | None]:
    """Syntactic slots around a trigger, and the governing light verb of a noun trigger."""
    slots: dict[str, list[Token]] = {}
    light: Token | None = None
    if tok.pos_ in ("VERB", "AUX"):
        subj, passive = subjects(tok)
        slots["passive_subject" if passive else "subject"] = subj
        # "called President Lula": the parser sometimes makes a name object a predicate (oprd)
        objects = children_by_dep(tok, {"dobj", "dative"}) or children_by_dep(tok, {"oprd"})
        slots["object"] = objects
        for prep, objs in prep_objects(tok).items():
            slots.setdefault("agent" if prep == "by" and passive else prep, []).extend(objs)
        for obj in objects + children_by_dep(tok, {"npadvmod"}):
            for prep, objs in prep_objects(obj).items():
                if prep in ("with", "between", "to", "on", "against", "as"):
                    slots.setdefault(prep, []).extend(objs)
        return slots, None
    slots["poss"] = children_by_dep(tok, {"poss"})
    slots["modifier"] = children_by_dep(tok, {"compound", "amod", "nmod", "npadvmod"})
    for prep, objs in prep_objects(tok).items():
        slots.setdefault(prep, []).extend(objs)
    tok = collective_head(tok)  # "adopted a package of sanctions": the package's verb governs them
    head = tok.head
    if tok.dep_ in ("dobj", "nsubjpass", "attr", "oprd", "nsubj", "conj") and head.pos_ in ("VERB", "AUX"):
        if tok.dep_ != "nsubj":
            light = head
            subj, passive = subjects(head)
            if not passive:
                slots["subject"] = subj
        for prep, objs in prep_objects(head).items():
            if prep in ("with", "between", "on", "against", "to"):
                slots.setdefault(prep, []).extend(objs)
            if prep == "by" and tok.dep_ == "nsubjpass":
                slots.setdefault("agent", []).extend(objs)  # "the talks were hosted by X"
    elif tok.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in CONTEXT_PREPS:
        verb = head.head
        if verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in CONTEXT_SKIP_VERBS:
            pass  # "did not meet X during the summit": the verb itself reports (or denies) the meeting
        elif verb.pos_ in ("VERB", "AUX"):
            slots["context_subject"] = subjects(verb)[0]
            # "during talks, Kim gave Shoigu a tour": the clause's other people met too
            slots["context_object"] = children_by_dep(verb, {"dobj", "dative"})
        elif verb.pos_ in ("NOUN", "PROPN") and verb.dep_ in ("nsubj", "nsubjpass"):
            slots["context_subject"] = [verb]  # "the minister at a meeting of X declared ..."

    return slots, light


def _needs_met(trigger: Trigger, tok: Token, slots: dict[str, list[Token]], light: Token | None,
               actors: dict[str, list[ActorRef]], sentence: Sentence, res: Resources) -> bool:
    needs = trigger.needs
    rules = res.rules.events[trigger.type]
    lemmas = {c.lemma_.lower() for c in tok.children}
    if needs is None:
        return True
    if needs in ("cue", "prisoner"):
        return bool(rules.cue and rules.cue.search(sentence.text))
    if needs == "call_verb":
        # "spoke to/with X" with no phone cue is still a call when X is a person and no place is given;
        # the cue must belong to this verb, not to another clause of the sentence.
        own = " ".join(t.text for c in tok.children if c.dep_ not in ("ccomp", "advcl", "xcomp", "conj", "relcl")
                       for t in c.subtree)
        if rules.cue and rules.cue.search(own):
            return True
        people = [a for a in actors.get("to", []) + actors.get("with", []) if a.kind == "person"]
        where = [o for p in ("in", "at") for o in slots.get(p, [])
                 if o.ent_type_ not in ("DATE", "TIME") and o.lemma_.lower() not in TIME_NOUNS]
        return bool(people) and not where  # "in Paris" makes it a meeting; "in the coming days" does not
    if needs == "object_actor":
        deps = {c.dep_ for c in tok.children}
        naming = {"dobj", "oprd"} <= deps or any(
            c.lower_ in ("which", "what", "it", "this", "that") for c in tok.children if c.dep_ == "dobj")
        if trigger.lemma == "call" and naming:
            return False  # "which she called her most urgent task": naming, not phoning
        return bool(actors.get("object"))
    if needs == "object_person":
        return any(a.kind == "person" for a in actors.get("object", []) + actors.get("passive_subject", []))
    if needs == "with_actor":
        return bool(actors.get("with"))
    if needs == "for_person":
        return any(a.kind == "person" for a in actors.get("for", []))
    if needs == "with_person":
        return any(a.kind == "person" for a in actors.get("with", []))
    if needs == "actor":
        if trigger.type == "meeting" and lemmas & {"phone", "telephone", "video", "virtual"}:
            return False  # "phone talks" are a call
        return any(actors.values())
    if needs == "light_verb":
        # "signed a deal", and "the accord announced in Doha" / "an agreement signed in 2001"
        signed = [c for c in tok.children if c.dep_ == "acl" and c.lemma_.lower() in AGREEMENT_VERBS]
        return bool(signed) or (light is not None and light.lemma_.lower() in AGREEMENT_VERBS)
    if needs == "call_noun":
        if "for" in {c.lower_ for c in tok.children if c.dep_ == "prep"}:
            return False
        phone = lemmas & {"phone", "telephone", "video", "hour", "minute", "hour-long", "lengthy"}
        return bool(phone or slots.get("with") or slots.get("between") or slots.get("poss")
                    or (light is not None and light.lemma_.lower() in LIGHT_VERBS))
    if needs == "sworn_in":
        return "in" in {c.lower_ for c in tok.children if c.dep_ == "prt"}
    if needs == "step_down":
        return bool({c.lower_ for c in tok.children if c.dep_ == "prt"} & {"down", "aside"})
    if needs == "office":
        return any(o.lemma_.lower() in OFFICE_WORDS for o in slots.get("object", []))
    if needs == "agree_to":
        # "agreed to meet", "agreed to begin negotiations": agreeing to talk is no agreement yet
        xcomps = [c for c in tok.children if c.dep_ == "xcomp" and not _talking(c)]
        deals = [o for o in slots.get("on", []) + slots.get("to", []) if o.lemma_.lower() in AGREEMENT_NOUNS]
        return bool(xcomps or deals)
    if needs == "object_agreement":
        return any(o.lemma_.lower() in AGREEMENT_NOUNS for o in slots.get("object", []))
    if needs == "position":
        position = position_of(tok, sentence)
        if position is None:
            return False
        # "became the first former prime minister to ...": a description, not a new post
        return not (trigger.lemma == "become" and NOT_A_POST.search(position))
    if needs == "destination":
        return any(slots.get(p) for p in ("to", "in", "into", "for"))
    return True


def _talking(verb: Token) -> bool:
    """Whether a verb is talking or meeting ("to negotiate"), or sets up talks ("to begin negotiations")."""
    if verb.lemma_.lower() in TALK_VERBS:
        return True
    return any(c.dep_ == "dobj" and c.lemma_.lower() in TALK_NOUNS for c in verb.children)


def _agreed_process(tok: Token, light: Token | None) -> bool:
    """ "agreed to begin negotiations": talks agreed to be started are a process to come, not one meeting
    ("agreed to hold talks next week" still plans one)."""
    return (tok.lemma_.lower() in ("talk", "negotiation") and light is not None and light.dep_ == "xcomp"
            and light.lemma_.lower() in PHASE_VERBS and light.head.lemma_.lower() == "agree")


def build_candidate(trigger: Trigger, tok: Token, sentence: Sentence, ctx: Context,
                    res: Resources) -> Candidate | None:
    """One candidate event from a trigger word, or None when the sentence does not support it."""
    if tok.dep_ == "appos" and tok.pos_ == "NOUN":
        return None  # "talks on Monday, their first encounter": a second name for the same event
    slots, light = gather_slots(tok)
    if trigger.type == "agreement" and tok.pos_ == "NOUN":
        # "the agreement under which Riyadh and Tehran committed ...": the relative clause names the parties
        slots["relcl_subject"] = [s for c in tok.children if c.dep_ == "relcl" for s in subjects(c)[0]
                                  if s.lower_ not in ("which", "that", "who")]
    actors: dict[str, list[ActorRef]] = {}
    for slot in sorted(slots, key=lambda name: name not in ("subject", "context_subject")):
        if slots[slot]:
            # "X appointed her": an object pronoun is not the clause's own subject.
            taken = frozenset(a.id for name in ("subject", "context_subject") for a in actors.get(name, []))
            actors[slot] = slot_actors(slots[slot], ctx, sentence, taken if slot != "subject" else frozenset(),
                                       members=trigger.type == "sanction")
    inherited_post = (_post_of(actors.get("object", []), ctx)
                      if trigger.lemma in ("replace", "succeed") and trigger.type in ("appointment", "dismissal")
                      else None)
    if not inherited_post and not _needs_met(trigger, tok, slots, light, actors, sentence, res):
        return None
    roles_map = dict(res.rules.events[trigger.type].roles)
    if trigger.type in ("call", "meeting", "visit") and "context_subject" in actors:
        roles_map.setdefault("context_subject", "initiator" if trigger.type == "call" else
                             roles_map.get("subject", "party"))
    if trigger.type in ("call", "meeting"):
        people = [a for a in actors.get("context_object", []) if a.kind == "person"]
        actors["context_object"] = people
        roles_map.setdefault("context_object", "recipient" if trigger.type == "call" else "party")
    has_object = bool(slots.get("object"))
    if "subject_intransitive" in roles_map and not has_object:
        roles_map["subject"] = roles_map["subject_intransitive"]
    if trigger.type == "sanction" and not any(actors.get(slot) for slot, role in roles_map.items() if role == "target"):
        roles_map["in"] = "target"  # "sanctions on 500 targets in Russia": the targets are named by where they are
    if trigger.lemma in ("send", "dispatch"):
        roles_map = {"object": "visitor"}  # "Beijing will send its envoy to Kyiv"
    if trigger.type in ("appointment", "dismissal") and trigger.lemma in ("replace", "succeed"):
        roles_map = _succession_roles(trigger.type, actors, own_passive=any(
            c.dep_ == "nsubjpass" for c in tok.children))
    if tok.tag_ == "NNS" and tok.lemma_.lower() in GENERIC_PLURALS:
        return None  # "talks over prisoner exchanges", "several calls": no one event
    candidate = Candidate(type=trigger.type, sentence=sentence, trigger=tok)
    used: set[str] = set()
    for slot, role in roles_map.items():
        for actor in actors.get(slot, []):
            if actor.id not in used:
                candidate.roles.setdefault(role, []).append(actor)
                used.add(actor.id)
    if not candidate.actors() and trigger.type in ("meeting", "call") and is_bare(tok):
        inherit_parties(candidate, ctx)
    elif len(candidate.actors()) == 1 and trigger.type == "meeting" and tok.pos_ == "NOUN" and actors.get(
            "agent") and light is not None and light.lemma_.lower() in HOST_VERBS and any(
            c.lower_ == "the" for c in tok.children):
        inherit_parties(candidate, ctx, extend=True)  # "the talks were hosted by X": X joins them
    shape_parties(candidate, ctx, res)
    if trigger.type == "agreement" and len(candidate.actors()) == 1 and light is not None:
        # "arrived in Kyiv, bringing a draft agreement": the deal is with the place the bearer went to
        clause = [light, light.head] if light.dep_ in ("advcl", "conj", "xcomp") else [light]
        destination = place_near(clause, ctx, sentence, res)
        if destination is not None and destination.country:
            candidate.roles.setdefault("party", []).append(res.book.country_actor(destination.country))
    if len(candidate.actors()) < MIN_PARTIES[trigger.type]:
        return None
    if trigger.type in ("visit", "meeting"):
        near = [tok] + ([light] if light is not None else [])
        if trigger.type == "visit":  # "visited Kyiv", "a Beijing trip": the destination is named directly
            for named in slots.get("object", []) + slots.get("modifier", []):
                candidate.place = candidate.place or place_of_token(named, ctx, sentence, res)
        candidate.place = candidate.place or place_near(near, ctx, sentence, res)
        candidate.place = candidate.place or place_in_sentence(sentence, ctx, res)
    if trigger.type == "meeting" and light is not None and light.lemma_.lower() in SESSION_VERBS:
        return None  # "addressed a joint meeting of Congress": a session, not a meeting between parties
    if (trigger.type == "meeting" and tok.pos_ == "NOUN" and candidate.place is None
            and (all(a.kind == "country" for a in candidate.actors()) or _agreed_process(tok, light))):
        return None  # "peace talks between Moscow and Washington": a process, not a meeting
    if trigger.type in ("appointment", "dismissal"):
        position = position_of(tok, sentence)
        stated_after = position is not None and sentence.text.find(position, tok.idx) >= 0
        if inherited_post and not stated_after:
            position = inherited_post  # "Truss replaced him with Hunt": Hunt takes the post "him" left
        if position:
            candidate.attributes["position"] = position
    candidate.confidence = 0.8 if trigger.needs is None else 0.65
    return candidate


def _post_of(people: list[ActorRef], ctx: Context) -> str | None:
    """The post the replaced person held, as an earlier sentence gave it ("sacked as chancellor")."""
    ids = {p.id for p in people}
    for previous in reversed(ctx.candidates):
        if previous.type in ("dismissal", "appointment") and ids & {a.id for a in previous.actors()}:
            position = previous.attributes.get("position")
            if position:
                return str(position)
    return None


def _succession_roles(type_: str, actors: dict[str, list[ActorRef]], own_passive: bool) -> dict[str, str]:
    """ "A replaced B": A is appointed and B leaves; "B was replaced by A" and "replaced B with A" too."""
    if type_ == "dismissal":
        return {"object": "appointee"}
    if actors.get("with"):
        return {"with": "appointee"}
    if own_passive:
        return {"agent": "appointee"}
    return {"subject": "appointee", "passive_subject": "appointee"}


def _trigger_tokens(doc: Doc, res: Resources) -> list[tuple[Token, list[Trigger]]]:
    """Tokens whose lemma and part of speech evoke an event, read from arrays so that other words cost
    no Token object."""
    strings = doc.vocab.strings
    out = []
    for i, (lemma, pos) in enumerate(doc.to_array(_LEMMA_POS).tolist()):
        kind = _POS_KIND.get(pos)
        if kind is None:
            continue
        triggers = res.rules.by_lemma.get((strings[lemma].lower(), kind))
        if triggers:
            out.append((doc[i], triggers))
    return out


def build_events(ctx: Context, res: Resources) -> None:
    """Stage: candidates from every trigger word of every parsed sentence."""
    for sentence in ctx.sentences:
        if sentence.doc is None:
            continue
        for tok, triggers in _trigger_tokens(sentence.doc, res):
            for trigger in triggers:
                if trigger.type not in sentence.types:
                    continue
                candidate = build_candidate(trigger, tok, sentence, ctx, res)
                if candidate is not None:
                    # judged now so that "the two men" later never points back at a denied or imagined event
                    judge(candidate, res.rules)
                    if candidate.keep:
                        ctx.candidates.append(candidate)


__all__ = ["build_events", "expand"]
