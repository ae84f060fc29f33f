"""Segment stage: tokenize each article once and split it into sentences with character offsets."""

from __future__ import annotations

import re
from functools import lru_cache

import spacy
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LENGTH, ORTH
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.strings import get_string_id
from spacy.tokens import Doc

from ingest.stages.resources import Resources
from ingest.stages.types import Context, Sentence

_LINE = re.compile(r"[^\n]+")
MAX_SENTENCE_CHARS = 1500
# spaCy's rule-based sentencizer, run over the article's own tokens instead of a Doc per line
_PUNCT = frozenset(get_string_id(ch) for ch in Sentencizer.default_punct_chars)
_COLUMNS: list[int | str] = [IDX, LENGTH, ORTH, IS_PUNCT, IS_SPACE]


@lru_cache(maxsize=1)
def splitter() -> Language:
    """A blank English pipeline: the same tokenizer rules as the model, for callers without a model."""
    return spacy.blank("en")


def _sentence_runs(tokens: list[list[int]]) -> list[list[list[int]]]:
    """The sentencizer's split of one line's tokens: a new sentence after final punctuation."""
    runs: list[list[list[int]]] = [[]]
    seen_period = False
    for tok in tokens:
        in_punct = tok[2] in _PUNCT
        if seen_period and not tok[3] and not in_punct:
            runs.append([])
            seen_period = False
        elif in_punct:
            seen_period = True
        runs[-1].append(tok)
    return runs


def split_sentences(text: str, doc: Doc | None = None) -> list[Sentence]:
    """Sentences of `text` (tokenized as `doc`); a line break always ends a sentence (headlines, captions)."""
    doc = doc if doc is not None else splitter().make_doc(text)
    rows = [[*row, i] for i, row in enumerate(doc.to_array(_COLUMNS).tolist())]  # idx, len, orth, punct, space, i
    out: list[Sentence] = []
    paragraph = 0
    previous_end = 0
    at = 0
    for line in _LINE.finditer(text):
        if not line.group().strip():
            continue
        if "\n\n" in text[previous_end:line.start()] or not out:
            paragraph += 1
        previous_end = line.end()
        while at < len(rows) and rows[at][0] < line.start():
            at += 1
        tokens = []
        while at < len(rows) and rows[at][0] + rows[at][1] <= line.end():
            tokens.append(rows[at])
            at += 1
        for run in _sentence_runs(tokens):
            if run:
                out.extend(_pieces(text, run, paragraph))
    return out


def _pieces(text: str, run: list[list[int]], paragraph: int) -> list[Sentence]:
    """One sentence, or pieces of an overlong one; each knows its token range when it is whole tokens."""
    raw_start, raw_end = run[0][0], run[-1][0] + run[-1][1]
    raw = text[raw_start:raw_end]
    chunk = raw.strip()
    if not chunk or not any(ch.isalpha() for ch in chunk):
        return []
    start = raw_start + (len(raw) - len(raw.lstrip()))
    words = [tok for tok in run if not tok[4]] if len(chunk) <= MAX_SENTENCE_CHARS else []
    whole = bool(words) and words[0][0] == start and words[-1][0] + words[-1][1] == start + len(chunk)
    out = []
    for offset in range(0, len(chunk), MAX_SENTENCE_CHARS):
        piece = chunk[offset:offset + MAX_SENTENCE_CHARS]
        out.append(Sentence(start + offset, start + offset + len(piece), piece, paragraph,
                            tokens=(words[0][5], words[-1][5] + 1) if whole else None))
    return out


def segment(contexts: list[Context], res: Resources) -> None:
    """Stage: tokenize each context's text once and fill its sentences."""
    for ctx in contexts:
        ctx.doc = res.nlp.make_doc(ctx.text)
        ctx.sentences = split_sentences(ctx.text, ctx.doc)
