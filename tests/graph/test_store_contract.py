"""The store contract, part 1: lifecycle, upserts, lookups and deletion, run against every backend."""

from __future__ import annotations

import pytest

from graph.errors import NotFound
from graph.models import Actor, Event, Participant, Place, Report
from graph.store import GraphStore
from tests.graph.fixtures import A1, A2, A3, ACTORS, ARD, ARTICLES, BRV, CAL, EVENTS, SOLEN, VEREK


def test_stats_count_the_fixture_world(world: GraphStore) -> None:
    stats = world.stats()
    assert (stats.actors, stats.events, stats.articles, stats.reports) == (7, 15, 4, 16)
    assert stats.events_by_type == {
        "agreement": 1, "appointment": 1, "call": 3, "dismissal": 1, "meeting": 3,
        "prisoner_exchange": 1, "sanction": 1, "statement": 2, "visit": 2,
    }
    assert stats.backend == world.backend


def test_stats_of_an_empty_store_are_zero(store: GraphStore) -> None:
    stats = store.stats()
    assert (stats.actors, stats.events, stats.articles, stats.reports, stats.events_by_type) == (0, 0, 0, 0, {})


def test_init_schema_twice_keeps_data(world: GraphStore) -> None:
    world.init_schema()
    world.init_schema()
    assert world.stats().events == 15


def test_ping_answers_an_open_store(store: GraphStore) -> None:
    store.ping()  # raises StoreUnavailable when the store does not answer
    store.upsert_articles(ARTICLES[:1])
    store.ping()


def test_clear_removes_everything(world: GraphStore) -> None:
    world.clear()
    stats = world.stats()
    assert (stats.actors, stats.events, stats.articles, stats.reports) == (0, 0, 0, 0)
    with pytest.raises(NotFound):
        world.get_actor(ARD)
    assert world.search_actors("Ardenia") == []


def test_upsert_returns_counts(store: GraphStore) -> None:
    assert store.upsert_articles(ARTICLES) == 4
    assert store.upsert_actors(ACTORS) == 7
    assert store.upsert_events(EVENTS) == 15


def test_upsert_everything_twice_changes_nothing(world: GraphStore) -> None:
    before = (world.stats(), world.get_event("e07"), world.get_actor(SOLEN), world.get_article(A2))
    world.upsert_articles(ARTICLES)
    world.upsert_actors(ACTORS)
    world.upsert_events(EVENTS)
    after = (world.stats(), world.get_event("e07"), world.get_actor(SOLEN), world.get_article(A2))
    assert after == before


def test_get_actor_returns_what_was_written(world: GraphStore) -> None:
    assert world.get_actor(SOLEN) == next(actor for actor in ACTORS if actor.id == SOLEN)


def test_get_actor_unknown_raises_not_found(world: GraphStore) -> None:
    with pytest.raises(NotFound):
        world.get_actor("country:NOWHERE")


def test_get_actors_returns_only_existing(world: GraphStore) -> None:
    found = world.get_actors([ARD, VEREK, "country:NOWHERE"])
    assert sorted(found) == [ARD, VEREK]
    assert found[VEREK].name == "Tomas Verek"
    assert world.get_actors([]) == {}


def test_upsert_actors_replaces_properties(world: GraphStore) -> None:
    world.upsert_actors([Actor(id=BRV, name="Borvian Federation", kind="country", country="BRV",
                               aliases=["Borvia"])])
    actor = world.get_actor(BRV)
    assert (actor.name, actor.aliases) == ("Borvian Federation", ["Borvia"])
    assert world.stats().actors == 7


def test_get_article_returns_what_was_written(world: GraphStore) -> None:
    assert world.get_article(A3) == ARTICLES[2]


def test_get_article_unknown_raises_not_found(world: GraphStore) -> None:
    with pytest.raises(NotFound):
        world.get_article("article:none")


def test_upsert_articles_updates_by_id(world: GraphStore) -> None:
    world.upsert_articles([ARTICLES[0].model_copy(update={"title": "Corrected title"})])
    assert world.get_article(A1).title == "Corrected title"
    assert world.stats().articles == 4


def test_find_article_by_url_or_content_hash(world: GraphStore) -> None:
    assert world.find_article(url="https://wire.example/a3") == ARTICLES[2]
    assert world.find_article(content_hash="hash-a2") == ARTICLES[1]
    assert world.find_article(url="https://nowhere.example/x") is None
    assert world.find_article(content_hash="no-such-hash") is None


def test_upsert_events_keeps_first_seen_and_earliest_reported_at(world: GraphStore) -> None:
    first = world.get_event("e06").event
    assert first.first_seen  # set on the first write when the event had none
    later = EVENTS[5].model_copy(update={"first_seen": "2099-01-01T00:00:00+00:00", "reported_at": "2022-06-01"})
    world.upsert_events([later])
    world.upsert_events([EVENTS[5].model_copy(update={"reported_at": "2022-12-01"})])
    stored = world.get_event("e06").event
    assert stored.first_seen == first.first_seen
    assert stored.reported_at == "2022-06-01"


def test_upsert_events_replaces_properties_and_participants(world: GraphStore) -> None:
    changed = EVENTS[8].model_copy(update={
        "type": "agreement", "place": Place(name="Velgrad", country="BRV"),
        "participants": [Participant(actor_id=BRV, role="party"), Participant(actor_id=VEREK, role="party")],
        "reports": [],
    })
    world.upsert_events([changed])
    detail = world.get_event("e09")
    assert detail.event.type == "agreement"
    assert detail.event.place == Place(name="Velgrad", country="BRV")
    assert [p.actor_id for p in detail.event.participants] == [BRV, VEREK]
    assert {actor.id for actor in detail.actors} == {BRV, VEREK}
    assert detail.event.source_count == 1  # the earlier report is kept
    assert world.dyad(BRV, CAL).total == 1
    assert world.dyad(BRV, VEREK).counts_by_type == {"agreement": 1, "appointment": 1, "dismissal": 1}
    edges = {frozenset((e.source, e.target)): e for e in world.network(BRV).edges}
    assert edges[frozenset((BRV, CAL))].weight == 1
    assert edges[frozenset((BRV, VEREK))].types == {"agreement": 1, "appointment": 1, "dismissal": 1}
    assert world.actor_summary(VEREK).top_counterparts[0].events == 3


def test_upsert_events_adds_reports_and_counts_sources(world: GraphStore) -> None:
    extra = Report(article_id=A3, sentence="Solen and Verek spoke by phone.", start=5, end=36)
    world.upsert_events([EVENTS[5].model_copy(update={"reports": [extra]})])
    detail = world.get_event("e06")
    assert detail.event.source_count == 2
    assert sorted(source.article.id for source in detail.sources) == [A2, A3]
    assert world.stats().reports == 17


def test_upsert_events_same_article_replaces_its_report(world: GraphStore) -> None:
    fixed = Report(article_id=A2, sentence="Ardenia and Borvia signed the accord.", start=10, end=48)
    world.upsert_events([EVENTS[6].model_copy(update={"reports": [fixed]})])
    detail = world.get_event("e07")
    assert detail.event.source_count == 2
    by_article = {source.article.id: source for source in detail.sources}
    assert (by_article[A2].sentence, by_article[A2].start, by_article[A2].end) == (fixed.sentence, 10, 48)
    assert world.stats().reports == 16


def test_upsert_events_unknown_actor_writes_nothing(world: GraphStore) -> None:
    good = Event(id="new-good", type="call", date="2024-01-01",
                 participants=[Participant(actor_id=ARD), Participant(actor_id=CAL)])
    bad = Event(id="new-bad", type="call", date="2024-01-02",
                participants=[Participant(actor_id=ARD), Participant(actor_id="country:NOWHERE")])
    with pytest.raises(NotFound):
        world.upsert_events([good, bad])
    assert world.stats().events == 15
    with pytest.raises(NotFound):
        world.get_event("new-good")


def test_upsert_events_unknown_article_raises_not_found(world: GraphStore) -> None:
    event = Event(id="new", type="call", date="2024-01-01", participants=[Participant(actor_id=ARD)],
                  reports=[Report(article_id="article:none")])
    with pytest.raises(NotFound):
        world.upsert_events([event])
    assert world.stats().events == 15


def test_get_event_returns_actors_and_sources(world: GraphStore) -> None:
    detail = world.get_event("e07")
    assert detail.event.type == "agreement"
    assert detail.event.date == "2022-09-09"
    assert detail.event.place == Place(name="Geneva", country="CHE")
    assert [actor.id for actor in detail.actors] == [ARD, BRV, CAL]
    assert [(p.actor_id, p.role) for p in detail.event.participants] == [(ARD, "party"), (BRV, "party"),
                                                                         (CAL, "party")]
    assert detail.event.source_count == 2
    assert sorted((s.article.id, s.sentence) for s in detail.sources) == [
        (A2, "e07 as told by article:a2."), (A3, "e07 as told by article:a3.")]
    assert sorted(s.article.title or "" for s in detail.sources) == ["Borvia's new cabinet",
                                                                     "Sanctions and a treaty"]


def test_get_event_keeps_codes_attributes_and_status(world: GraphStore) -> None:
    assert world.get_event("e01").event.codes == {"cameo": "042"}
    assert world.get_event("e04").event.attributes == {"measure": "asset freeze"}
    assert world.get_event("e14").event.status == "planned"
    undated = world.get_event("e15").event
    assert (undated.date, undated.reported_at, undated.sort_key) == (None, "2024-08-08", "2024-08-08")


def test_get_event_unknown_raises_not_found(world: GraphStore) -> None:
    with pytest.raises(NotFound):
        world.get_event("e99")


def test_delete_article_removes_events_only_it_reported(world: GraphStore) -> None:
    result = world.delete_article(A2)
    assert (result.article_id, result.events_deleted, result.events_updated) == (A2, 3, 1)
    for gone in ("e04", "e05", "e06"):
        with pytest.raises(NotFound):
            world.get_event(gone)
    survivor = world.get_event("e07")
    assert survivor.event.source_count == 1
    assert [source.article.id for source in survivor.sources] == [A3]
    with pytest.raises(NotFound):
        world.get_article(A2)
    stats = world.stats()
    assert (stats.events, stats.articles, stats.reports, stats.actors) == (12, 3, 12, 7)


def test_delete_article_removes_it_from_timelines_and_networks(world: GraphStore) -> None:
    world.delete_article(A1)
    network = world.network(SOLEN)
    assert {node.id for node in network.nodes} == {SOLEN, ARD, VEREK}  # e03 (Solen's visit to Borvia) is gone
    assert world.dyad(ARD, BRV).total == 5


def test_delete_article_unknown_raises_not_found(world: GraphStore) -> None:
    with pytest.raises(NotFound):
        world.delete_article("article:none")
    assert world.stats().articles == 4

