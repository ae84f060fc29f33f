"""Dependency helpers: the syntactic slots around a trigger and the actors a noun phrase refers to."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from ingest.stages.types import ActorRef, Context, Mention, Sentence

SUBJECT_DEPS = {"nsubj", "csubj"}
PASSIVE_DEPS = {"nsubjpass"}
OBJECT_DEPS = {"dobj", "dative"}
SLOT_PREPS = {"with", "between", "to", "on", "against", "of", "by", "among", "alongside", "from"}
PLACE_PREPS = {"to", "in", "into", "at", "for", "inside", "near"}
CLAUSE_INHERIT = {"xcomp", "conj", "advcl", "ccomp", "acl", "pcomp"}
PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}
GROUP_HEADS = {
    "negotiator", "delegation", "official", "diplomat", "side", "government", "leader", "team",
    "counterpart", "authority", "force", "troop", "minister", "envoy", "representative", "leadership",
}


def expand(tokens: Iterable[Token]) -> list[Token]:
    """Tokens with their conjuncts ("Xi and Biden"), each once, in order."""
    out: dict[int, Token] = {}
    for tok in tokens:
        out[tok.i] = tok
        for conj in tok.conjuncts:
            out[conj.i] = conj
    return [out[i] for i in sorted(out)]


def subjects(verb: Token, depth: int = 0) -> tuple[list[Token], bool]:
    """The verb's subjects (inheriting from a governing clause), and whether the subject is passive."""
    own = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if own:
        return expand(own), False
    passive = [c for c in verb.children if c.dep_ in PASSIVE_DEPS]
    if passive:
        return expand(passive), True
    if depth < 3 and verb.dep_ in CLAUSE_INHERIT and verb.head is not verb:
        if verb.head.pos_ in ("VERB", "AUX", "ADJ"):
            return subjects(verb.head, depth + 1)
        if verb.dep_ == "acl":
            return [verb.head], False
    if verb.dep_ == "relcl":
        return [verb.head], False
    return [], False


def children_by_dep(token: Token, deps: set[str]) -> list[Token]:
    """Children with one of the dependency labels, with conjuncts."""
    return expand(c for c in token.children if c.dep_ in deps)


def prep_objects(token: Token) -> dict[str, list[Token]]:
    """Objects of the token's prepositions, by preposition ("with" -> [Xi, Biden])."""
    out: dict[str, list[Token]] = {}
    for child in token.children:
        if child.dep_ in ("prep", "agent") or (child.dep_ == "dative" and child.pos_ == "ADP"):
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:
                out.setdefault(child.lower_, []).extend(expand(objects))
    return out


def phrase_bounds(tok: Token) -> tuple[int, int]:
    """Character span of the noun phrase up to its head (left modifiers, compounds, the head)."""
    start = tok.left_edge.idx
    end = tok.idx + len(tok)
    for child in tok.rights:
        if child.dep_ in ("compound", "flat", "nummod") and child.i == tok.i + 1:
            end = child.idx + len(child)
    return start, end


def mentions_in(ctx: Context, start: int, end: int) -> list[Mention]:
    """Mentions overlapping the article character span."""
    return [m for m in ctx.mentions if m.start < end and start < m.end]


def actors_of(tok: Token, ctx: Context, sentence: Sentence) -> list[ActorRef]:
    """The actors a noun phrase headed by `tok` refers to: a person, an organisation or countries."""
    if tok.lower_ in PERSON_PRONOUNS:
        found = antecedent(ctx, sentence.start + tok.idx)
        return [found] if found else []
    for child in tok.children:
        if child.dep_ == "appos":
            named = [a for a in actors_of(child, ctx, sentence) if a.kind == "person"]
            if named:
                return named
    start, end = phrase_bounds(tok)
    head_start, head_end = sentence.start + tok.idx, sentence.start + tok.idx + len(tok)
    found_mentions = mentions_in(ctx, sentence.start + start, sentence.start + end)
    own = [m for m in found_mentions if m.start < head_end and head_start < m.end]
    if own:
        return [own[0].actor]
    people = [m for m in found_mentions if m.actor.kind == "person"]
    if people:
        return [people[-1].actor]
    if tok.pos_ == "PROPN" and not own:
        return []
    orgs = [m for m in found_mentions if m.actor.kind == "organisation"]
    if orgs:
        return [orgs[-1].actor]
    countries = [m.actor for m in found_mentions if m.actor.kind in ("country", "group")]
    if countries and (own or tok.lemma_.lower() in GROUP_HEADS or tok.pos_ in ("NOUN", "PROPN")):
        return _unique(countries)
    return []


def antecedent(ctx: Context, offset: int, window: int = 800) -> ActorRef | None:
    """The person mentioned last before `offset` (for "he", "she", "his")."""
    for mention in reversed(ctx.mentions):
        if mention.end <= offset and mention.actor.kind == "person":
            return mention.actor if offset - mention.end <= window else None
    return None


def slot_actors(tokens: Iterable[Token], ctx: Context, sentence: Sentence) -> list[ActorRef]:
    """Actors of every token in a slot, each once."""
    out: list[ActorRef] = []
    for tok in tokens:
        out.extend(actors_of(tok, ctx, sentence))
    return _unique(out)


def _unique(actors: list[ActorRef]) -> list[ActorRef]:
    seen: dict[str, ActorRef] = {}
    for actor in actors:
        seen.setdefault(actor.id, actor)
    return list(seen.values())
