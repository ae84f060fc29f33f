"""Segment stage: split the cleaned text into sentences with character offsets (no parsing)."""

from __future__ import annotations

import re
from functools import lru_cache

import spacy
from spacy.language import Language

from ingest.stages.types import Context, Sentence

_LINE = re.compile(r"[^\n]+")
MAX_SENTENCE_CHARS = 1500


@lru_cache(maxsize=1)
def splitter() -> Language:
    """A tokenizer with the rule-based sentencizer: fast enough to run over every line."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of `text`; a line break always ends a sentence (headlines, captions, list items)."""
    nlp = splitter()
    out: list[Sentence] = []
    paragraph = 0
    previous_end = 0
    for line in _LINE.finditer(text):
        if not line.group().strip():
            continue
        if "\n\n" in text[previous_end:line.start()] or not out:
            paragraph += 1
        previous_end = line.end()
        doc = nlp(line.group())
        for sent in doc.sents:
            chunk = sent.text.strip()
            if not chunk or not any(ch.isalpha() for ch in chunk):
                continue
            start = line.start() + sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
            for offset in range(0, len(chunk), MAX_SENTENCE_CHARS):
                piece = chunk[offset:offset + MAX_SENTENCE_CHARS]
                out.append(Sentence(start + offset, start + offset + len(piece), piece, paragraph))
    return out


def segment(contexts: list[Context], resources: object) -> None:
    """Stage: fill each context's sentences."""
    for ctx in contexts:
        ctx.sentences = split_sentences(ctx.text)
