"""Status stage: planned, occurred, or not an event at all (negated, hypothetical, asked, denied)."""

from __future__ import annotations

from spacy.tokens import Token

from ingest.stages.rules import Rules
from ingest.stages.types import Candidate, Context

HYPOTHETICAL_ADJECTIVES = {"possible", "potential", "prospective", "likely", "hypothetical", "rumoured",
                           "rumored", "mooted", "alleged"}
PARTICLE_DENIERS = {"rule": "out", "call": "off"}
TEMPORAL_MARKS = {"since", "after", "before", "when", "while", "as", "until", "once"}
HABITUAL = {"repeatedly", "regularly", "often", "frequently", "routinely", "occasionally", "sometimes"}
DENIED_LINKS = {"ccomp", "xcomp", "dobj", "nsubjpass", "acomp"}
STOP_LINKS = {"nsubj", "nsubjpass", "csubj", "relcl", "appos", "compound", "amod", "poss"}


def _clause_chain(trigger: Token) -> list[Token]:
    """The trigger and the words governing it, up to the sentence root."""
    chain = [trigger]
    tok = trigger
    # Stop where the trigger sits inside a noun phrase that is another clause's subject or modifier:
    # "the decision to remove her would ..." does not make the removal planned.
    while tok.head != tok and len(chain) < 8 and (tok == trigger or tok.dep_ not in STOP_LINKS):
        if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in TEMPORAL_MARKS for c in tok.children):
            break  # "have not met since they met in Geneva": the temporal clause's event happened
        if tok.dep_ == "prep" and tok.lower_ in TEMPORAL_MARKS | {"during", "following"} and tok != trigger:
            break  # "pledged to revive ties after talks on Monday": the talks took place
        tok = tok.head
        chain.append(tok)
    return chain


def _children(tok: Token, dep: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ == dep]


def judge(candidate: Candidate, rules: Rules) -> None:
    """Set the candidate's status, or mark it as not an event."""
    candidate.judged = True
    trigger = candidate.trigger
    sentence = candidate.sentence.text
    if sentence.rstrip(" \"'”’)").endswith("?"):
        candidate.keep = False
        return
    modals = rules.words("not_events", "modals")
    negators = rules.words("not_events", "negators")
    deniers = rules.words("not_events", "deniers")
    markers = rules.words("not_events", "markers")
    nouns = rules.words("not_events", "nouns")
    hypothetical = rules.words("hypothetical_governors")
    planned_aux = rules.words("planned", "auxiliaries")
    planned_gov = rules.words("planned", "governors")
    planned_adj = rules.words("planned", "adjectives")
    planned = False
    chain = _clause_chain(trigger)
    for depth, tok in enumerate(chain):
        lemma = tok.lemma_.lower()
        is_verb = tok.pos_ in ("VERB", "AUX", "ADJ")
        child_words = {c.lower_ for c in tok.children if c.dep_ in ("neg", "det", "advmod", "preconj")}
        if depth <= 2 and child_words & negators:
            candidate.keep = False
            return
        link = chain[depth - 1].dep_ if depth else ""
        if depth > 0 and lemma == "invitation" and tok.head.lemma_.lower() == "accept":
            planned = True  # "accepted an invitation to visit": the visit is now planned
            break
        if depth > 0 and tok.pos_ == "NOUN" and lemma in nouns and link in ("prep", "pobj", "compound", "acl", "ccomp"):
            candidate.keep = False  # "reports of a meeting", "a suggestion that they travel"
            return
        if is_verb:
            if depth in (1, 2) and any(d.lower_ == "no" for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")
                                       for d in c.children if d.dep_ == "det"):
                candidate.keep = False  # "no date has been set for a visit"
                return
            if any(c.lower_ in markers for c in _children(tok, "mark")) and depth <= 3:
                candidate.keep = False
                return
            aux = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
            if depth <= 2 and aux & modals:
                candidate.keep = False
                return
            if depth == 1 and trigger.dep_ in ("nsubj", "nsubjpass") and aux & {"would", "could", "might"}:
                candidate.keep = False  # "a visit would send a signal": imagined, not planned
                return
            if depth <= 2 and aux & planned_aux:
                planned = True
            if depth <= 2 and "would" in aux:
                planned = True
            if depth > 0:
                particle = PARTICLE_DENIERS.get(lemma)
                prts = {c.lower_ for c in _children(tok, "prt")}
                if lemma in deniers and (particle is None or particle in prts) and link in DENIED_LINKS:
                    candidate.keep = False
                    return
                # "wants to meet", "plans to visit", "plans a call": only through an infinitive or object
                governs = link in ("xcomp", "dobj", "acomp") or (link == "aux" and depth == 1) or (
                    link == "prep" and chain[depth - 1].lower_ == "for")  # "called for talks"
                if lemma in hypothetical and governs and lemma not in planned_gov:
                    candidate.keep = False
                    return
                if lemma in planned_gov and governs:
                    if "had" in {c.lower_ for c in tok.children if c.dep_ == "aux"}:
                        candidate.keep = False  # "had been expected to visit": a plan that fell through
                        return
                    planned = True
            if tok.dep_ == "ROOT":
                break
    if any(c.lower_ in HABITUAL for c in trigger.children if c.dep_ in ("advmod", "npadvmod")):
        candidate.keep = False  # "has spoken with him repeatedly": many events, none to report
        return
    for child in trigger.children:
        word = child.lower_
        if child.dep_ in ("amod", "compound", "nmod") and word in HYPOTHETICAL_ADJECTIVES:
            candidate.keep = False
            return
        if child.dep_ in ("amod", "compound", "nmod", "advmod") and word in planned_adj:
            planned = True
    # "next week", "is due to": only in the trigger's own clause, not in a relative clause about someone else
    fenced = [(t.left_edge.idx, t.right_edge.idx + len(t.right_edge)) for t in trigger.doc
              if t.dep_ in ("relcl", "appos", "acl") and t != trigger and not t.is_ancestor(trigger)]
    for pattern in rules.planned_phrases:
        if any(not any(s <= hit.start() < e for s, e in fenced) for hit in pattern.finditer(sentence)):
            planned = True
    if planned:
        candidate.status = "planned"


def judge_all(ctx: Context, rules: Rules) -> None:
    """Stage: judge every candidate not judged yet (the events stage judges its own) and drop non-events."""
    for candidate in ctx.candidates:
        if not candidate.judged:
            judge(candidate, rules)
    ctx.candidates = [c for c in ctx.candidates if c.keep]
