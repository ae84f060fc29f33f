"""The graph loader on both stores: idempotent re-ingest, updates, merges and non-merges."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graph.errors import NotFound
from graph.models import EventFilter
from graph.store import GraphStore
from ingest.kb import KnowledgeBase
from ingest.loader import GraphLoader

PUTIN = {"id": "putin-vladimir", "name": "Vladimir Putin", "kind": "person", "role": "party"}
TRUMP = {"id": "trump-donald", "name": "Donald Trump", "kind": "person", "role": "party"}
XI = {"id": "xi-jinping", "name": "Xi Jinping", "kind": "person", "role": "party"}


def _article(n: int, published: str, text: str = "", url: str | None = None) -> dict[str, Any]:
    return {"id": f"a{n}", "url": url or f"https://news.example/{n}", "source": "Example",
            "title": f"Story {n}", "published_at": published, "text": text or f"Story number {n}."}


def _call(date: str | None, *people: dict[str, Any], place: dict[str, Any] | None = None,
          status: str = "occurred", start: int = 0) -> dict[str, Any]:
    return {"type": "call", "status": status, "date": date, "date_precision": "day" if date else "unknown",
            "participants": list(people or (PUTIN, TRUMP)), "place": place, "attributes": {}, "codes": {},
            "confidence": 0.9, "evidence": {"sentence": "They spoke.", "start": start, "end": start + 11}}


def _events(store: GraphStore) -> list[Any]:
    return store.events(EventFilter(), limit=100).items


@pytest.fixture
def loader(store: GraphStore) -> GraphLoader:
    return GraphLoader(store)


def test_load_same_article_twice_changes_nothing(store: GraphStore, loader: GraphLoader) -> None:
    first = loader.load(_article(1, "2025-02-13"), [_call("2025-02-12")])
    before = store.stats()
    again = loader.load(_article(1, "2025-02-13"), [_call("2025-02-12")])
    assert (first.status, again.status) == ("new", "unchanged")
    assert store.stats() == before


def test_load_same_content_under_another_url_is_unchanged(store: GraphStore, loader: GraphLoader) -> None:
    loader.load(_article(1, "2025-02-13", text="Same words."), [_call("2025-02-12")])
    copy = {**_article(1, "2025-02-13", text="Same  words."), "id": None, "url": "https://mirror.example/x"}
    assert loader.load(copy, [_call("2025-02-12")]).status == "unchanged"
    assert store.stats().articles == 1


def test_load_updated_article_replaces_only_its_contribution(store: GraphStore, loader: GraphLoader) -> None:
    loader.load(_article(1, "2025-02-13", text="v1"), [_call("2025-02-12")])
    loader.load(_article(2, "2025-02-13"), [_call("2025-02-12"), _call("2025-02-10", PUTIN, XI)])
    result = loader.load(_article(1, "2025-02-13", text="v2"), [_call("2025-02-11", PUTIN, XI)])
    assert result.status == "updated"
    events = {item.event.date: item.event for item in _events(store)}
    assert set(events) == {"2025-02-12", "2025-02-10", "2025-02-11"}
    assert events["2025-02-12"].source_count == 1  # article 1 no longer reports it


def test_merge_same_dated_event_from_two_articles(store: GraphStore, loader: GraphLoader) -> None:
    loader.load(_article(1, "2025-02-13"), [_call("2025-02-12")])
    result = loader.load(_article(2, "2025-02-14"), [_call("2025-02-12")])
    assert result.events_merged == 1
    [item] = _events(store)
    assert item.event.source_count == 2
    assert {s.article.id for s in store.get_event(item.event.id).sources} == {"a1", "a2"}


def test_merge_undated_report_into_dated_event_within_window(store: GraphStore, loader: GraphLoader) -> None:
    loader.load(_article(1, "2025-02-13"), [_call("2025-02-12")])
    loader.load(_article(2, "2025-02-14"), [_call(None)])
    [item] = _events(store)
    assert (item.event.date, item.event.source_count) == ("2025-02-12", 2)


def test_merge_dated_report_fills_date_of_undated_event(store: GraphStore, loader: GraphLoader) -> None:
    loader.load(_article(1, "2025-02-13"), [_call(None)])
    loader.load(_article(2, "2025-02-13"), [_call("2025-02-12")])
    [item] = _events(store)
    assert (item.event.date, item.event.source_count) == ("2025-02-12", 2)


def test_no_merge_for_different_dates(store: GraphStore, loader: GraphLoader) -> None:
    loader.load(_article(1, "2025-02-13"), [_call("2025-02-12")])
    loader.load(_article(2, "2025-03-20"), [_call("2025-03-19")])
    assert len(_events(store)) == 2


def test_no_merge_for_undated_report_outside_window(store: GraphStore, loader: GraphLoader) -> None:
    loader.load(_article(1, "2025-02-13"), [_call("2025-02-12")])
    loader.load(_article(2, "2025-02-25"), [_call(None)])
    assert len(_events(store)) == 2


def test_no_merge_for_other_participants_status_or_place(store: GraphStore, loader: GraphLoader) -> None:
    loader.load(_article(1, "2025-02-13"), [_call(None, place={"name": "Riyadh", "country": "SAU"})])
    loader.load(_article(2, "2025-02-13"), [
        _call(None, PUTIN, XI, start=0),
        _call(None, status="planned", start=20),
        _call(None, place={"name": "Istanbul", "country": "TUR"}, start=40),
    ])
    assert len(_events(store)) == 4


def test_delete_article_removes_events_only_it_supported(store: GraphStore, loader: GraphLoader) -> None:
    loader.load(_article(1, "2025-02-13"), [_call("2025-02-12"), _call("2025-02-11", PUTIN, XI)])
    loader.load(_article(2, "2025-02-13"), [_call("2025-02-12")])
    store.delete_article("a1")
    [item] = _events(store)
    assert (item.event.date, item.event.source_count) == ("2025-02-12", 1)
    with pytest.raises(NotFound):
        store.get_article("a1")


def test_loaded_appointment_teaches_the_knowledge_base(store: GraphStore, tmp_path: Path) -> None:
    kb = KnowledgeBase.load(data_dir=tmp_path)
    before = kb.resolve("Kazakhstan's foreign minister", date="2031-03-01")
    appointee = {"id": "person:aigerim-sadykova", "name": "Aigerim Sadykova", "kind": "person", "role": "appointee"}
    appointment = {"type": "appointment", "status": "occurred", "date": "2031-02-20", "date_precision": "day",
                   "participants": [appointee], "attributes": {"position": "Kazakhstan's foreign minister"},
                   "evidence": {"sentence": "Sadykova was named foreign minister.", "start": 0, "end": 36}}
    GraphLoader.with_knowledge_base(store, kb).load(_article(1, "2031-02-21"), [appointment])
    after = KnowledgeBase.load(data_dir=tmp_path).resolve("Kazakhstan's foreign minister", date="2031-03-01")
    assert after is not None and after.actor.id == "person:aigerim-sadykova"
    assert before is None or before.actor.id != after.actor.id
    stored = store.get_actor("person:aigerim-sadykova")
    assert [(r.role, r.source, r.article_id) for r in stored.roles] == [("foreign_minister", "learned", "a1")]
