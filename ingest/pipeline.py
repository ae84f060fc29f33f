"""The extraction pipeline: named stages in order, and the Extractor the CLI and workers use."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Protocol

from ingest.articles import ArticleIn
from ingest.stages.clean import clean
from ingest.stages.dates import assign_dates
from ingest.stages.events import build_events
from ingest.stages.mentions import add_ner_mentions, find_text_mentions
from ingest.stages.merge import merge_events
from ingest.stages.parse import parse_triggered
from ingest.stages.resources import Resources, default_resources
from ingest.stages.rules import Rules
from ingest.stages.segment import segment
from ingest.stages.status import judge_all
from ingest.stages.trigger import mark_triggers
from ingest.stages.types import Context, ExtractedEvent

Stage = Callable[[list[Context], Resources], None]
STAGES: dict[str, Stage] = {}
DEFAULT_STAGES = ["clean", "segment", "trigger", "mentions", "parse", "ner", "events", "status", "dates",
                  "merge"]


def register(name: str) -> Callable[[Stage], Stage]:
    """Register a stage under a name so that pipelines can be assembled from names."""
    def decorate(stage: Stage) -> Stage:
        STAGES[name] = stage
        return stage
    return decorate


def _each(step: Callable[[Context, Resources], None]) -> Stage:
    def run(contexts: list[Context], res: Resources) -> None:
        for ctx in contexts:
            step(ctx, res)
    return run


def _with_rules(step: Callable[[Context, Rules], None]) -> Stage:
    def run(contexts: list[Context], res: Resources) -> None:
        for ctx in contexts:
            step(ctx, res.rules)
    return run


def _mark(contexts: list[Context], res: Resources) -> None:
    mark_triggers(contexts, res.rules)


def _dates(ctx: Context, res: Resources) -> None:
    assign_dates(ctx)


register("clean")(clean)
register("segment")(segment)
register("trigger")(_mark)
register("mentions")(_each(find_text_mentions))
register("parse")(parse_triggered)
register("ner")(_each(add_ner_mentions))
register("events")(_each(build_events))
register("status")(_with_rules(judge_all))
register("dates")(_each(_dates))
register("merge")(_with_rules(merge_events))


class EventExtractor(Protocol):
    """What any extractor offers (the rule pipeline here, an LLM-backed one later)."""

    def extract(self, article: ArticleIn) -> list[ExtractedEvent]: ...

    def extract_many(self, articles: Iterable[ArticleIn], batch_size: int = 32) -> Iterator[list[ExtractedEvent]]: ...


class Extractor:
    """The rule-based extractor: runs the named stages over batches of articles."""

    def __init__(self, stages: list[str] | None = None, resources: Resources | None = None) -> None:
        names = stages or DEFAULT_STAGES
        unknown = [n for n in names if n not in STAGES]
        if unknown:
            raise ValueError(f"unknown extraction stages: {', '.join(unknown)}")
        self.stages = [STAGES[n] for n in names]
        self.resources = resources or default_resources()

    def extract(self, article: ArticleIn) -> list[ExtractedEvent]:
        """Events of one article."""
        return next(self.extract_many([article], batch_size=1))

    def extract_many(self, articles: Iterable[ArticleIn], batch_size: int = 32) -> Iterator[list[ExtractedEvent]]:
        """Events of each article, in input order, processed in batches so parsing is batched."""
        batch: list[Context] = []
        for article in articles:
            batch.append(Context(article=article))
            if len(batch) >= batch_size:
                yield from self._run(batch)
                batch = []
        if batch:
            yield from self._run(batch)

    def _run(self, batch: list[Context]) -> Iterator[list[ExtractedEvent]]:
        for stage in self.stages:
            stage(batch, self.resources)
        for ctx in batch:
            yield ctx.events
