"""The store contract, part 2: event listings, filters and insert-stable cursor pagination."""

from __future__ import annotations

from datetime import date

import pytest

from graph.errors import InvalidInput, NotFound
from graph.models import Event, EventFilter, Participant, Report
from graph.store import GraphStore
from tests.graph.fixtures import (
    A4,
    ALL_NEWEST_FIRST,
    ARD,
    ARD_TIMELINE_NEWEST_FIRST,
    BRV,
    BRV_TIMELINE_NEWEST_FIRST,
    CAL,
    QUIET,
    SOLEN,
    ids,
)


def _all_pages(store: GraphStore, flt: EventFilter, *, limit: int, newest_first: bool = True) -> list[str]:
    seen, cursor = [], None
    while True:
        page = store.events(flt, limit=limit, cursor=cursor, newest_first=newest_first)
        seen += ids(page.items)
        cursor = page.next_cursor
        if cursor is None:
            return seen


def _call(event_id: str, day: str, *actors: str) -> Event:
    return Event(id=event_id, type="call", date=day, date_precision="day",
                 participants=[Participant(actor_id=actor) for actor in actors],
                 reports=[Report(article_id=A4, sentence=f"{event_id} happened.", start=0, end=12)])


def test_events_of_actor_is_its_timeline_newest_first(world: GraphStore) -> None:
    page = world.events(EventFilter(actor=ARD))
    assert ids(page.items) == ARD_TIMELINE_NEWEST_FIRST
    assert page.next_cursor is None


def test_events_oldest_first_reverses_order(world: GraphStore) -> None:
    page = world.events(EventFilter(actor=BRV), newest_first=False)
    assert ids(page.items) == list(reversed(BRV_TIMELINE_NEWEST_FIRST))


def test_events_without_filter_lists_all_by_sort_key_then_id(world: GraphStore) -> None:
    assert ids(world.events(EventFilter()).items) == ALL_NEWEST_FIRST  # e15 is placed by its reported_at


def test_events_items_carry_actors_and_evidence(world: GraphStore) -> None:
    item = world.events(EventFilter(actor=CAL), limit=1, newest_first=False).items[0]
    assert item.event.id == "e07"
    assert [actor.name for actor in item.actors] == ["Ardenia", "Borvia", "Calteria"]
    assert item.evidence is not None
    assert item.evidence.article_id in {report.article_id for report in item.event.reports}
    assert item.evidence.sentence.startswith("e07 as told by")


def test_events_pages_cover_the_timeline_once(world: GraphStore) -> None:
    first = world.events(EventFilter(actor=ARD), limit=3)
    assert ids(first.items) == ARD_TIMELINE_NEWEST_FIRST[:3]
    assert first.next_cursor is not None
    assert _all_pages(world, EventFilter(actor=ARD), limit=3) == ARD_TIMELINE_NEWEST_FIRST
    assert _all_pages(world, EventFilter(actor=BRV), limit=2, newest_first=False) == list(
        reversed(BRV_TIMELINE_NEWEST_FIRST))


def test_events_last_full_page_has_no_cursor(world: GraphStore) -> None:
    second = world.events(EventFilter(actor=ARD), limit=4,
                          cursor=world.events(EventFilter(actor=ARD), limit=4).next_cursor)
    assert ids(second.items) == ARD_TIMELINE_NEWEST_FIRST[4:]
    assert second.next_cursor is None


def test_events_same_day_events_are_ordered_by_id(world: GraphStore) -> None:
    flt = EventFilter(actor=BRV, date_from=date(2023, 4, 12), date_to=date(2023, 4, 12))
    assert ids(world.events(flt).items) == ["e10", "e09"]
    assert ids(world.events(flt, newest_first=False).items) == ["e09", "e10"]
    first = world.events(flt, limit=1)
    assert ids(world.events(flt, limit=1, cursor=first.next_cursor).items) == ["e09"]


def test_events_cursor_is_stable_when_events_are_inserted(world: GraphStore) -> None:
    first = world.events(EventFilter(actor=ARD), limit=3)
    assert ids(first.items) == ["e14", "e13", "e10"]
    # one event lands in the part already served, one in the part still to come
    world.upsert_events([_call("e16", "2024-01-01", ARD, BRV), _call("e17", "2022-06-01", ARD, CAL)])
    second = world.events(EventFilter(actor=ARD), limit=3, cursor=first.next_cursor)
    assert ids(second.items) == ["e07", "e17", "e05"]
    rest = world.events(EventFilter(actor=ARD), limit=10, cursor=second.next_cursor)
    assert ids(rest.items) == ["e04", "e02", "e01"]


def test_events_cursor_is_stable_when_an_event_is_inserted_on_the_cursor_day(world: GraphStore) -> None:
    flt = EventFilter(actor=BRV)
    first = world.events(flt, limit=4)
    assert ids(first.items) == ["e14", "e13", "e12", "e10"]
    world.upsert_events([_call("e095", "2023-04-12", BRV, CAL), _call("e11b", "2023-04-12", BRV, ARD)])
    assert ids(world.events(flt, limit=3, cursor=first.next_cursor).items) == ["e095", "e09", "e08"]


def test_events_bad_cursor_raises_invalid_input(world: GraphStore) -> None:
    with pytest.raises(InvalidInput):
        world.events(EventFilter(actor=ARD), cursor="not-a-cursor")


def test_events_unknown_actor_raises_not_found(world: GraphStore) -> None:
    with pytest.raises(NotFound):
        world.events(EventFilter(actor="country:NOWHERE"))


def test_events_unknown_counterpart_raises_not_found(world: GraphStore) -> None:
    with pytest.raises(NotFound, match="country:NOWHERE"):
        world.events(EventFilter(actor=ARD, counterpart="country:NOWHERE"))


def test_events_of_actor_without_events_is_empty(world: GraphStore) -> None:
    page = world.events(EventFilter(actor=QUIET))
    assert (page.items, page.next_cursor) == ([], None)


def test_events_filter_by_type(world: GraphStore) -> None:
    assert ids(world.events(EventFilter(actor=ARD, types=["call"])).items) == ["e10", "e01"]
    assert ids(world.events(EventFilter(types=["statement", "visit"])).items) == ["e15", "e11", "e05", "e03"]


def test_events_filter_by_status(world: GraphStore) -> None:
    assert ids(world.events(EventFilter(status="planned")).items) == ["e14"]
    occurred = ids(world.events(EventFilter(actor=ARD, status="occurred")).items)
    assert occurred == ARD_TIMELINE_NEWEST_FIRST[1:]


def test_events_filter_by_place_ignores_case(world: GraphStore) -> None:
    assert ids(world.events(EventFilter(place="GENEVA")).items) == ["e14", "e07", "e02"]
    assert ids(world.events(EventFilter(actor=CAL, place="port lira")).items) == ["e11", "e09"]
    assert world.events(EventFilter(place="Atlantis")).items == []


def test_events_filter_by_dates_is_inclusive(world: GraphStore) -> None:
    flt = EventFilter(actor=ARD, date_from=date(2022, 2, 15), date_to=date(2023, 4, 12))
    assert ids(world.events(flt).items) == ["e10", "e07", "e05"]
    assert ids(world.events(EventFilter(date_from=date(2024, 7, 1))).items) == ["e14", "e15"]


def test_events_filter_by_counterpart_needs_both_actors(world: GraphStore) -> None:
    assert ids(world.events(EventFilter(actor=ARD, counterpart=CAL)).items) == ["e07"]
    assert ids(world.events(EventFilter(actor=BRV, counterpart=SOLEN)).items) == ["e03"]
    assert world.events(EventFilter(actor=CAL, counterpart=SOLEN)).items == []


def test_events_filters_combine(world: GraphStore) -> None:
    flt = EventFilter(actor=BRV, counterpart=ARD, types=["meeting", "call"], status="occurred",
                      place="Geneva", date_from=date(2021, 1, 1), date_to=date(2025, 12, 31))
    assert ids(world.events(flt).items) == ["e02"]


def test_events_limit_below_one_raises_invalid_input(world: GraphStore) -> None:
    with pytest.raises(InvalidInput):
        world.events(EventFilter(), limit=0)
