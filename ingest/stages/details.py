"""Event details beyond participants: where a visit or meeting took place, and the position in a job change."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml
from spacy.tokens import Token

from ingest.stages.resources import Resources
from ingest.stages.syntax import PLACE_PREPS, mentions_in, phrase_bounds, prep_objects
from ingest.stages.types import Context, PlaceOut, Sentence

POSITIONS = Path(__file__).resolve().parent.parent / "rules" / "positions.yaml"
_IN_PLACE = re.compile(r"\b(?:in|at|to) (?:the )?((?:[A-Z][\w’'-]+\s?){1,4})")
_LEADING = re.compile(r"^(?:the|a|an|his|her|their|its|new|post of|position of|role of|job of|office of)\s+", re.I)


def place_of_token(tok: Token, ctx: Context, sentence: Sentence, res: Resources) -> PlaceOut | None:
    """The place a noun phrase names: a city, landmark, country or "the Saudi capital"."""
    start, end = phrase_bounds(tok)
    for child in tok.rights:
        if child.dep_ == "prep" and child.lower_ == "of" and tok.lower_ not in ("capital", "city"):
            end = child.right_edge.idx + len(child.right_edge)
    text = sentence.text[start:end]
    found = mentions_in(ctx, sentence.start + start, sentence.start + end)
    if any(m.actor.kind == "person" for m in found):
        return None
    if tok.lemma_.lower() == "capital":
        for mention in found:
            iso3 = mention.actor.country or mention.actor.id.removeprefix("country:")
            if mention.actor.kind == "country" and iso3:
                return res.gazetteer.capital(iso3)
    for candidate in (text, tok.text, *(m.text for m in found)):
        if not candidate.lstrip("the ")[:1].isupper():
            continue  # "at a convenient time" is no town called Time
        place = res.gazetteer.lookup(candidate)
        if place is not None:
            return place
    for child in tok.children:
        # "the Black Sea resort of Sochi", "the city of Kherson"
        if child.dep_ == "prep" and child.lower_ == "of" and tok.pos_ == "NOUN":
            for obj in (g for g in child.children if g.dep_ == "pobj"):
                place = res.gazetteer.lookup(obj.text) or res.gazetteer.lookup(
                    sentence.text[phrase_bounds(obj)[0]:phrase_bounds(obj)[1]])
                if place is not None:
                    return place
    for mention in found:
        if mention.actor.kind == "country" and mention.how in ("country", "name", "alias"):
            return res.gazetteer.country_place(mention.actor.id.removeprefix("country:"))
    return None


def place_near(tokens: list[Token], ctx: Context, sentence: Sentence, res: Resources) -> PlaceOut | None:
    """The first place among the prepositional objects (to, in, at) of the given tokens, two levels deep."""
    frontier = list(tokens)
    for _ in range(2):
        nxt: list[Token] = []
        for tok in frontier:
            for prep, objects in prep_objects(tok).items():
                if prep not in PLACE_PREPS and prep not in ("of", "on"):
                    continue
                for obj in objects:
                    if prep in PLACE_PREPS:
                        place = place_of_token(obj, ctx, sentence, res)
                        if place is not None:
                            return place
                    nxt.append(obj)
        frontier = nxt
    return None


def place_in_sentence(sentence: Sentence, ctx: Context, res: Resources) -> PlaceOut | None:
    """Fallback: the first "in/at/to <Place>" of the sentence that the gazetteer knows."""
    for hit in _IN_PLACE.finditer(sentence.text):
        words = hit.group(1).split()
        for size in range(len(words), 0, -1):
            start = sentence.start + hit.start(1)
            if any(m.actor.kind == "person" for m in mentions_in(ctx, start, start + len(" ".join(words)))):
                break
            place = res.gazetteer.lookup(" ".join(words[:size]))
            if place is not None:
                return place
    return None


@lru_cache(maxsize=1)
def _position_patterns() -> list[re.Pattern[str]]:
    data = yaml.safe_load(POSITIONS.read_text(encoding="utf-8"))
    return [re.compile(rf"\b(?:(?:deputy|acting|first|interim|new|top|chief) )*(?:{p})\b", re.I)
            for p in data["positions"]]


def position_of(trigger: Token, sentence: Sentence) -> str | None:
    """The position in an appointment or dismissal: "as X", "named him X", "became X", or the nearest title."""
    holders = [trigger, *(c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass"))]
    as_phrases = [t for t in trigger.subtree if t.dep_ == "prep" and t.lower_ == "as" and _same_clause(t, trigger)]
    for prep in as_phrases[-1:]:
        # "appointed X, a former minister, as ambassador": the "as" outside the apposition names the post
        objects = [g for g in prep.children if g.dep_ == "pobj"]
        if objects and prep.head != trigger:
            return _clean_position(objects[0].subtree)
    for tok in holders:
        for child in tok.children:
            if child.dep_ == "xcomp" and child.lemma_ == "be" and tok == trigger:
                # "picked X to be his secretary of state"
                attrs = [g for g in child.children if g.dep_ == "attr"]
                if attrs:
                    return _clean_position(attrs[0].subtree)
            if (child.dep_ in ("oprd", "attr") or (child.dep_ == "xcomp" and child.pos_ in ("NOUN", "PROPN"))) \
                    and child.pos_ != "PRON" and not _misparsed_name(child):
                return _clean_position(child.subtree)
            if child.dep_ == "prep" and child.lower_ in ("as", "to", "for", "from") and tok == trigger:
                objects = [g for g in child.children if g.dep_ == "pobj"]
                if objects and (child.lower_ == "as" or _looks_like_position(objects[0])):
                    return _clean_position(objects[0].subtree)
    return _nearest_position(trigger, sentence)


def _misparsed_name(tok: Token) -> bool:
    """"named Mohammed al-Bashir, who ..., as prime minister": the parser made the person a predicate."""
    return tok.pos_ == "PROPN" and not _names_a_post(" ".join(t.text for t in tok.subtree if t.i <= tok.i))


def _same_clause(tok: Token, trigger: Token) -> bool:
    """Whether `tok` hangs off the trigger without crossing an apposition or another clause."""
    node = tok
    while node != trigger and node.head != node:
        if node.head.dep_ in ("appos", "conj", "ccomp", "advcl", "relcl", "acl", "xcomp") and node.head != trigger:
            return False
        node = node.head
    return node == trigger


def _looks_like_position(tok: Token) -> bool:
    return _names_a_post(" ".join(t.text for t in tok.subtree))


def _names_a_post(text: str) -> bool:
    return any(p.search(text) for p in _position_patterns())


def _nearest_position(trigger: Token, sentence: Sentence) -> str | None:
    best: tuple[int, int, str] | None = None
    for pattern in _position_patterns():
        for hit in pattern.finditer(sentence.text):
            if re.search(r"\b(former|ex-|then)\s*$", sentence.text[:hit.start()]):
                continue  # "a former foreign secretary" describes a past post
            distance = abs(hit.start() - trigger.idx)
            rank = (distance, -len(hit.group()), hit.group())
            if best is None or rank < best:
                best = rank
    return best[2].strip() if best else None


def _clean_position(tokens: object) -> str | None:
    words = [t.text for t in tokens]  # type: ignore[attr-defined]
    text = " ".join(words)
    text = re.split(r"\s[,;(]|\s(?:who|which|after|before|replacing|succeeding|in a)\b|\s(?:on|and) (?=[A-Z])",
                    text)[0]
    for _ in range(3):
        text = _LEADING.sub("", text)
    text = re.sub(r"^(?:one|two|three) of (?:\w+ )?(?:\w+'s )?", "", text.replace(" 's", "'s"))
    text = " ".join(_singular(w) for w in text.split()).strip(" ,.")
    return text or None if len(text) <= 80 else text[:80]


def _singular(word: str) -> str:
    # "one of his deputies" names the post "deputy"
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ers", "ents", "ors", "als")):
        return word[:-1]
    return word
