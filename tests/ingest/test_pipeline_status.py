"""Planned, occurred, and not-an-event: modality, negation, denial, conditions and questions."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ingest.articles import ArticleIn
from ingest.pipeline import Extractor


@pytest.fixture(scope="module")
def extractor() -> Iterator[Extractor]:
    yield Extractor()


def scored(extractor: Extractor, text: str) -> list[tuple[str, str]]:
    events = extractor.extract(ArticleIn(id="t", text=text, published_at="2024-05-15"))
    return [(e.type, e.status) for e in events if e.type != "statement"]


@pytest.mark.parametrize("text, expected", [
    ("Narendra Modi will visit Moscow next month.", [("visit", "planned")]),
    ("Xi Jinping is expected to meet Joe Biden in San Francisco.", [("meeting", "planned")]),
    ("Emmanuel Macron plans a call with Vladimir Putin.", [("call", "planned")]),
    ("Olaf Scholz is due to travel to Beijing.", [("visit", "planned")]),
    ("Recep Tayyip Erdogan met Vladimir Putin in Sochi.", [("meeting", "occurred")]),
    ("The decision to sack Gabriel Attal would anger voters, a deputy said.", [("dismissal", "occurred")]),
])
def test_extract_status_planned_or_occurred(extractor: Extractor, text: str, expected: list[tuple[str, str]]) -> None:
    assert scored(extractor, text) == expected


@pytest.mark.parametrize("text", [
    "Joe Biden did not meet Xi Jinping during the summit.",
    "The Kremlin denied that a call between Vladimir Putin and Donald Trump took place.",
    "Volodymyr Zelensky ruled out a visit to Moscow.",
    "Olaf Scholz could travel to Kyiv in the spring.",
    "Emmanuel Macron may meet Xi Jinping in Paris.",
    "If Narendra Modi visits Washington, he will sign new deals.",
    "Will Vladimir Putin meet Donald Trump in Alaska?",
    "Antony Blinken never spoke with Sergei Lavrov by phone that year.",
    "The meeting between Joe Biden and Xi Jinping did not take place.",
    "No date has been set for a visit by Emmanuel Macron to Algeria.",
    "Keir Starmer praised the plan, which he called his most urgent task.",
])
def test_extract_no_event_when_negated_or_hypothetical(extractor: Extractor, text: str) -> None:
    assert scored(extractor, text) == []
