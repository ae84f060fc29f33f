"""Parse stage: run spaCy only over the sentences that may report an event, and NER only where needed."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ingest.places import CALENDAR_WORDS
from ingest.stages.attributes import compile_ruler
from ingest.stages.mentions import TITLE_WORDS
from ingest.stages.resources import Resources
from ingest.stages.trigger import trigger_sentences
from ingest.stages.types import Context, Sentence

BATCH_SIZE = 256
NOT_NAMES = CALENDAR_WORDS | TITLE_WORDS | {"gmt", "utc", "bst", "cet"}
RULE_PIPES = ("attribute_ruler", "lemmatizer")  # cheap in principle; run outside nlp.pipe, see rule_steps


@lru_cache(maxsize=4)
def rule_steps(nlp: Language) -> list[Callable[[Doc], Doc]]:
    """The pipeline's rule components in order, the attribute ruler swapped for its fast equivalent."""
    steps: list[Callable[[Doc], Doc]] = []
    for name in RULE_PIPES:
        pipe: Any = nlp.get_pipe(name)
        steps.append(compile_ruler(pipe) or pipe if name == "attribute_ruler" else pipe)
    return steps


def _needs_ner(sentence: Sentence, doc: Doc, ctx: Context, res: Resources) -> bool:
    """Whether a proper noun of the sentence is not yet a known actor (NER costs as much as the parser)."""
    spans = [(m.start, m.end) for m in ctx.mentions if sentence.start <= m.start < sentence.end]
    for tok in doc:
        if tok.pos_ != "PROPN" or tok.i == 0 or tok.lower_ in NOT_NAMES:
            continue
        at = sentence.start + tok.idx
        if not any(start <= at < end for start, end in spans) and res.gazetteer.lookup(tok.text) is None:
            return True
    return False


def parse_triggered(contexts: list[Context], res: Resources) -> None:
    """Attach a parsed Doc to every trigger sentence of every context; entities only where names are new."""
    todo: list[tuple[Sentence, Context]] = [(s, ctx) for ctx in contexts for s in trigger_sentences(ctx)]
    texts = (s.text for s, _ in todo)
    steps = rule_steps(res.nlp)
    docs = res.nlp.pipe(texts, batch_size=BATCH_SIZE, disable=["ner", *RULE_PIPES])
    for (sentence, _), doc in zip(todo, docs, strict=True):
        for step in steps:
            doc = step(doc)
        sentence.doc = doc
    unknown = [s.doc for s, ctx in todo if s.doc is not None and _needs_ner(s, s.doc, ctx, res)]
    if unknown:
        ner: Any = res.nlp.get_pipe("ner")  # a TrainablePipe; the Language API types it as a plain callable
        for _ in ner.pipe(unknown, batch_size=BATCH_SIZE):
            pass
