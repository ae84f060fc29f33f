"""Trigger stage: a cheap regex pass that marks the sentences worth parsing, and with which types."""

from __future__ import annotations

import re

from ingest.stages.rules import Rules
from ingest.stages.types import Context, Sentence


def sentence_types(sentence: str, rules: Rules) -> set[str]:
    """Event types whose prefilter matches the sentence."""
    lowered = sentence.lower()  # lower-case patterns match it case-sensitively; the others ignore case
    return {
        type_ for type_, event in rules.events.items()
        if any(p.search(lowered if not p.flags & re.IGNORECASE else sentence) for p in event.prefilter)
    }


def mark_triggers(contexts: list[Context], rules: Rules) -> None:
    """Set `types` on every sentence of every context."""
    for ctx in contexts:
        for sentence in ctx.sentences:
            sentence.types = sentence_types(sentence.text, rules)


def trigger_sentences(ctx: Context) -> list[Sentence]:
    """The sentences that may report an event of a scored type."""
    return [s for s in ctx.sentences if s.types - {"statement"}]
