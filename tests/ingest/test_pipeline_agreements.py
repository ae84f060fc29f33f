"""Agreements: agreeing to do something is one, agreeing to talk or negotiate is not."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ingest.articles import ArticleIn
from ingest.pipeline import Extractor
from ingest.stages.types import ExtractedEvent


@pytest.fixture(scope="module")
def extractor() -> Iterator[Extractor]:
    yield Extractor()


def run(extractor: Extractor, text: str) -> list[ExtractedEvent]:
    return extractor.extract(ArticleIn(id="t", text=text, published_at="2025-03-04"))


def types(events: list[ExtractedEvent]) -> list[tuple[str, str]]:
    return sorted((e.type, e.status) for e in events)


def test_extract_no_agreement_nor_meeting_when_leaders_agree_to_begin_negotiations(extractor: Extractor) -> None:
    events = run(extractor, "Chancellor Olaf Scholz and President Emmanuel Macron talked by phone on Sunday, "
                            "and the two leaders agreed to open negotiations on a joint fighter jet.")
    assert types(events) == [("call", "occurred")]


def test_extract_no_agreement_when_states_agree_to_resume_negotiations(extractor: Extractor) -> None:
    events = run(extractor, "Japan and South Korea agreed to resume negotiations over the disputed islands.")
    assert events == []


def test_extract_planned_meeting_not_agreement_when_leaders_agree_to_hold_a_meeting(extractor: Extractor) -> None:
    events = run(extractor, "Macron and Scholz agreed to hold a meeting in Berlin next month.")
    assert types(events) == [("meeting", "planned")]
    assert events[0].place is not None and events[0].place.name == "Berlin"


def test_extract_agreement_when_states_agree_to_act(extractor: Extractor) -> None:
    events = run(extractor, "Japan and South Korea agreed on Monday to share intelligence on missile launches.")
    assert types(events) == [("agreement", "occurred")]
    assert {p.name for p in events[0].participants} == {"Japan", "South Korea"}


def test_extract_planned_meeting_when_leaders_agree_to_hold_talks(extractor: Extractor) -> None:
    events = run(extractor, "Macron and Scholz agreed to hold talks next week.")
    assert types(events) == [("meeting", "planned")]
