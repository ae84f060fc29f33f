"""A load killed half-way (the worker died mid-job) is completed by the next load of the same article."""

from __future__ import annotations

from typing import Any

import pytest

from graph.models import EventFilter
from graph.store import GraphStore
from ingest.loader import GraphLoader

PARIS = {"id": "macron-emmanuel", "name": "Emmanuel Macron", "kind": "person", "role": "party"}
BERLIN = {"id": "merz-friedrich", "name": "Friedrich Merz", "kind": "person", "role": "party"}
ARTICLE = {"id": "resume-1", "url": "https://news.example/resume-1", "title": "Two events", "text": "Two events.",
           "published_at": "2025-05-02"}


def _event(kind: str, start: int) -> dict[str, Any]:
    return {"type": kind, "status": "occurred", "date": "2025-05-01", "date_precision": "day",
            "participants": [PARIS, BERLIN], "place": None, "attributes": {}, "codes": {}, "confidence": 0.9,
            "evidence": {"sentence": "They met.", "start": start, "end": start + 9}}


class DiesAfterFirstEvent:
    """The real store, except that the second event write fails as if the process had been killed."""

    def __init__(self, store: GraphStore) -> None:
        self._store = store
        self._writes = 0

    def upsert_events(self, events: Any) -> int:
        self._writes += 1
        if self._writes > 1:
            raise KeyboardInterrupt("killed")
        return self._store.upsert_events(events)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)


def test_reload_after_interrupted_load_stores_every_event(store: GraphStore) -> None:
    events = [_event("meeting", 0), _event("call", 20)]
    with pytest.raises(KeyboardInterrupt):
        GraphLoader(DiesAfterFirstEvent(store)).load(ARTICLE, events)  # type: ignore[arg-type]
    result = GraphLoader(store).load(ARTICLE, events)
    assert result.status == "new"
    stored = store.events(EventFilter(), limit=10).items
    assert sorted(item.event.type for item in stored) == ["call", "meeting"]
    assert store.stats().articles == 1 and store.stats().reports == 2
    assert GraphLoader(store).load(ARTICLE, events).status == "unchanged"
