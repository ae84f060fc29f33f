"""Extraction quality on probe.jsonl: 30 articles we wrote and annotated ourselves (FORMAT of the shared
evaluation), kept out of rule development until their first score. A floor, so a rule change that
trades this set's recall or precision away fails here and not on readers' articles."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from graph.backends.sqlite.rows import normalise_name
from ingest.articles import ArticleIn
from ingest.pipeline import Extractor
from ingest.stages.types import ExtractedEvent

PROBE = Path(__file__).parent / "data" / "probe.jsonl"
SCORED = {"call", "visit", "meeting", "prisoner_exchange", "appointment", "dismissal", "agreement", "sanction"}


def _found(gold_names: list[str], predicted: set[str]) -> bool:
    """A gold participant is found by one of its accepted names, or a person's surname alone."""
    accepted = {normalise_name(name) for name in gold_names}
    canonical = normalise_name(gold_names[0]).split()
    return bool(accepted & predicted) or (
        len(canonical) > 1 and any(name.split()[-1:] == canonical[-1:] for name in predicted))


def _matches(gold: dict[str, Any], event: ExtractedEvent) -> bool:
    """Same type, every gold participant found, and every keyword of a job change's position in it."""
    names = {normalise_name(n) for p in event.participants for n in (p.name, *p.aliases)}
    position = str(event.attributes.get("position") or "").lower()
    return (gold["type"] == event.type and all(_found(p, names) for p in gold["participants"])
            and all(keyword in position for keyword in gold.get("position") or []))


@pytest.fixture(scope="module")
def counts() -> tuple[int, int, int]:
    """(matched, predicted, gold) events over the probe set; a prediction matches one gold event at most."""
    extractor = Extractor()
    matched = predicted = gold_total = 0
    for line in PROBE.read_text().splitlines():
        article = json.loads(line)
        gold = [e for e in article.pop("events") if e["type"] in SCORED]
        events = [e for e in extractor.extract(ArticleIn.model_validate(article)) if e.type in SCORED]
        unused = list(events)
        for wanted in gold:
            hit = next((e for e in unused if _matches(wanted, e)), None)
            if hit is not None:
                unused.remove(hit)
                matched += 1
        predicted += len(events)
        gold_total += len(gold)
    return matched, predicted, gold_total


def test_probe_set_recall_and_precision_stay_above_their_floor(counts: tuple[int, int, int]) -> None:
    matched, predicted, gold = counts
    assert gold == 136
    recall, precision = matched / gold, matched / predicted
    assert recall >= 0.80 and precision >= 0.81, f"recall {recall:.3f}, precision {precision:.3f}"
