"""Parse stage: run the full spaCy pipeline only over the sentences that may report an event."""

from __future__ import annotations

from ingest.stages.resources import Resources
from ingest.stages.trigger import trigger_sentences
from ingest.stages.types import Context, Sentence

BATCH_SIZE = 256


def parse_triggered(contexts: list[Context], res: Resources) -> None:
    """Attach a parsed Doc to every trigger sentence of every context, in one batched nlp.pipe."""
    todo: list[Sentence] = [s for ctx in contexts for s in trigger_sentences(ctx)]
    for sentence, doc in zip(todo, res.nlp.pipe((s.text for s in todo), batch_size=BATCH_SIZE), strict=True):
        sentence.doc = doc
