"""Parse stage: spaCy over the sentences that may report an event only, from the article's own tokens, with
cached rule components, and NER only where a name is new (the parse is most of the extraction's time)."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

import numpy
import yaml
from spacy.attrs import NORM, ORTH, SPACY
from spacy.language import Language
from spacy.tokens import Doc, Token

from ingest.places import CALENDAR_WORDS
from ingest.stages.attributes import compile_lemmatizer, compile_ruler
from ingest.stages.mentions import TITLE_WORDS
from ingest.stages.resources import Resources
from ingest.stages.rules import RULES_DIR
from ingest.stages.trigger import trigger_sentences
from ingest.stages.types import Context, Sentence

BATCH_SIZE = 256
NOT_NAMES = CALENDAR_WORDS | TITLE_WORDS | {"gmt", "utc", "bst", "cet"}
WORD_COLUMNS: list[int | str] = [ORTH, SPACY, NORM]
RULE_PIPES = ("attribute_ruler", "lemmatizer")  # cheap in principle; run outside nlp.pipe, see rule_steps


@lru_cache(maxsize=4)
def rule_steps(nlp: Language) -> list[Callable[[Doc], Doc]]:
    """The pipeline's rule components in order, each swapped for its fast equivalent where there is one."""
    ruler: Any = nlp.get_pipe("attribute_ruler")
    lemmatizer: Any = nlp.get_pipe("lemmatizer")
    return [compile_ruler(ruler) or ruler, compile_lemmatizer(lemmatizer) or lemmatizer]


@lru_cache(maxsize=1)
def not_actor_heads() -> frozenset[str]:
    """Last words of names that are places, buildings, wars or holidays (rules/names.yaml)."""
    data = yaml.safe_load((RULES_DIR / "names.yaml").read_text(encoding="utf-8"))
    return frozenset(word.lower() for word in data["not_actor_heads"])


def _name_runs(doc: Doc) -> list[list[Token]]:
    """Runs of consecutive proper nouns ("Mariinsky Palace", "Tayyip Erdogan")."""
    runs: list[list[Token]] = []
    for tok in doc:
        if tok.pos_ != "PROPN":
            continue
        if runs and runs[-1][-1].i == tok.i - 1:
            runs[-1].append(tok)
        else:
            runs.append([tok])
    return runs


def _needs_ner(sentence: Sentence, doc: Doc, ctx: Context, res: Resources) -> bool:
    """Whether a proper noun of the sentence is not yet a known actor (NER costs as much as the parser).
    A name the gazetteer knows as a whole, or one ending in a place or event word, is no actor either."""
    spans = [(m.start, m.end) for m in ctx.mentions if sentence.start <= m.start < sentence.end]
    heads = not_actor_heads()
    for run in _name_runs(doc):
        if run[-1].lower_ in heads or (len(run) > 1 and res.gazetteer.lookup(doc[run[0].i:run[-1].i + 1].text)):
            continue
        for tok in run:
            if tok.i == 0 or tok.lower_ in NOT_NAMES:
                continue
            at = sentence.start + tok.idx
            if not any(start <= at < end for start, end in spans) and res.gazetteer.lookup(tok.text) is None:
                return True
    return False


def sentence_doc(sentence: Sentence, words: list[list[int]] | None, nlp: Language) -> Doc:
    """The sentence as an unparsed Doc, from the article's (ORTH, SPACY, NORM) rows when it is whole tokens."""
    if sentence.tokens is None or words is None:
        return nlp.make_doc(sentence.text)
    start, end = sentence.tokens
    rows = words[start:end]
    strings = nlp.vocab.strings
    # the last word is followed by nothing, as if the sentence had been tokenized on its own
    spaces = [bool(row[1]) for row in rows[:-1]] + [False]
    doc = Doc(nlp.vocab, words=[strings[row[0]] for row in rows], spaces=spaces)
    # the tokenizer's special cases give some words a norm of their own ("n't" -> "not"), which the model reads
    norms: Any = numpy.array([[row[2]] for row in rows], dtype=numpy.uint64)
    return doc.from_array([NORM], norms)


def parse_triggered(contexts: list[Context], res: Resources) -> None:
    """Attach a parsed Doc to every trigger sentence of every context; entities only where names are new."""
    todo: list[tuple[Sentence, Context]] = [(s, ctx) for ctx in contexts for s in trigger_sentences(ctx)]
    words = {id(ctx): ctx.doc.to_array(WORD_COLUMNS).tolist() if ctx.doc is not None else None for ctx in contexts}
    unparsed = (sentence_doc(s, words[id(ctx)], res.nlp) for s, ctx in todo)
    steps = rule_steps(res.nlp)
    docs = res.nlp.pipe(unparsed, batch_size=BATCH_SIZE, disable=["ner", *RULE_PIPES])
    for (sentence, _), doc in zip(todo, docs, strict=True):
        for step in steps:
            doc = step(doc)
        sentence.doc = doc
    unknown = [s.doc for s, ctx in todo if s.doc is not None and _needs_ner(s, s.doc, ctx, res)]
    if unknown:
        ner: Any = res.nlp.get_pipe("ner")  # a TrainablePipe; the Language API types it as a plain callable
        for _ in ner.pipe(unknown, batch_size=BATCH_SIZE):
            pass
