"""What only the embedded SQLite store promises: its file, its connections and concurrent use."""

from __future__ import annotations

import gc
import json
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from graph.backends.sqlite import SqliteStore
from graph.backends.sqlite.schema import rebuild_pairs
from graph.errors import Conflict, StoreUnavailable
from graph.models import Article, Event, EventFilter, Participant, Place, Report, RoleTerm
from graph.settings import Settings
from graph.store import GraphStore, open_store
from graph.synthetic import synthetic_batches
from tests.graph.fixtures import A4, ARD, BRV, SOLEN, load_fixture_graph


def _open(path: Path) -> SqliteStore:
    store = SqliteStore(path, timeout_s=5)
    store.init_schema()
    return store


@pytest.fixture
def loaded_store(tmp_path: Path) -> Iterator[SqliteStore]:
    """A store in a new file holding the shared fixture graph; closed afterwards."""
    store = _open(tmp_path / "g.sqlite")
    try:
        load_fixture_graph(store)
        yield store
    finally:
        store.close()


def test_open_store_creates_parent_directories(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'a' / 'b' / 'geokg.sqlite'}"
    store = open_store(url, settings=Settings(store=url))
    try:
        assert isinstance(store, GraphStore)
        assert store.backend == "sqlite"
        assert (tmp_path / "a" / "b" / "geokg.sqlite").exists()
    finally:
        store.close()


def test_data_survives_close_and_reopen(tmp_path: Path) -> None:
    store = _open(tmp_path / "g.sqlite")
    load_fixture_graph(store)
    store.close()
    reopened = _open(tmp_path / "g.sqlite")
    try:
        assert reopened.stats().events == 15
        assert reopened.dyad(ARD, BRV).total == 7
    finally:
        reopened.close()


def test_close_makes_later_calls_unavailable(tmp_path: Path) -> None:
    store = _open(tmp_path / "g.sqlite")
    store.ping()
    store.close()
    with pytest.raises(StoreUnavailable):
        store.ping()
    with pytest.raises(StoreUnavailable):
        store.upsert_articles([])


def test_unwritable_location_raises_store_unavailable(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(StoreUnavailable):
        SqliteStore(blocker / "g.sqlite", timeout_s=1)


def test_threads_read_while_one_writes(tmp_path: Path) -> None:
    store = _open(tmp_path / "g.sqlite")
    load_fixture_graph(store)

    def write(n: int) -> int:
        event = Event(id=f"w{n:03d}", type="call", date=f"2020-01-{n % 28 + 1:02d}",
                      participants=[Participant(actor_id=ARD), Participant(actor_id=BRV)],
                      reports=[Report(article_id=A4)])
        return store.upsert_events([event])

    def read(_: int) -> int:
        return len(store.events(EventFilter(actor=ARD), limit=500).items)

    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            writes = pool.map(write, range(40))
            reads = list(pool.map(read, range(80)))
        assert sum(writes) == 40
        assert all(8 <= count <= 48 for count in reads)
        assert store.dyad(ARD, BRV).total == 47
    finally:
        store.close()


def _pairs(store: SqliteStore) -> dict[tuple[str, str], tuple[int, dict[str, int]]]:
    with store._db.read() as conn:
        rows = conn.execute("SELECT actor_id, other_id, weight, types FROM pairs").fetchall()
    return {(a, b): (weight, json.loads(types)) for a, b, weight, types in rows}


def _rebuilt_pairs(store: SqliteStore) -> dict[tuple[str, str], tuple[int, dict[str, int]]]:
    with store._db.write() as conn:
        rebuild_pairs(conn)
    return _pairs(store)


def test_pair_tables_follow_rewrites_and_deletions(tmp_path: Path) -> None:
    store = _open(tmp_path / "g.sqlite")
    try:
        batches = list(synthetic_batches(3000, seed=5, batch_size=500))
        for batch in batches:
            batch.write_to(store)
        actors = [p.actor_id for p in batches[0].events[0].participants]
        # rewrite some events with other participants, then delete a few articles
        rewritten = [event.model_copy(update={"participants": [Participant(actor_id=a) for a in actors],
                                              "type": "sanction"}) for event in batches[1].events[:200]]
        store.upsert_events(rewritten)
        for article in batches[2].articles[:100]:
            store.delete_article(article.id)
        incremental = _pairs(store)
        assert len(incremental) > 1000  # not vacuously equal
        assert incremental == _rebuilt_pairs(store)
    finally:
        store.close()


def test_init_schema_rebuilds_pairs_of_older_files(tmp_path: Path) -> None:
    store = _open(tmp_path / "g.sqlite")
    load_fixture_graph(store)
    with store._db.write() as conn:
        conn.execute("DELETE FROM pairs")
        conn.execute("PRAGMA user_version = 2")
    store.init_schema()
    try:
        assert store.network(ARD, min_weight=7).edges[0].types["call"] == 2
        assert store.actor_summary(ARD, top=1).top_counterparts[0].events == 7
    finally:
        store.close()


def test_query_over_timeout_raises_store_unavailable(tmp_path: Path) -> None:
    loader = _open(tmp_path / "g.sqlite")
    for batch in synthetic_batches(2000, seed=3):
        batch.write_to(loader)
    loader.close()
    impatient = SqliteStore(tmp_path / "g.sqlite", timeout_s=1e-9)
    try:
        with pytest.raises(StoreUnavailable, match="longer than"):
            impatient.events(EventFilter(), limit=500)
        impatient.upsert_articles([])  # writes are bounded by their batch, not interrupted
    finally:
        impatient.close()


def test_readers_of_finished_threads_are_released(tmp_path: Path) -> None:
    store = _open(tmp_path / "g.sqlite")
    try:
        threads = [threading.Thread(target=store.ping) for _ in range(20)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        gc.collect()
        assert len(store._db._connections) <= 2  # the writer and at most this thread's reader
        store.ping()
    finally:
        store.close()


def test_url_of_another_article_raises_conflict(loaded_store: SqliteStore) -> None:
    store = loaded_store
    copy = Article(id="article:copy", url="https://news.example/a1")
    with pytest.raises(Conflict):
        store.upsert_articles([copy])
    assert store.stats().articles == 4


# Reads are rendered as JSON inside SQLite and parsed by pydantic: values JSON or SQLite's number
# formatting could bend must come back exactly as written.
AWKWARD_EVENT = Event(
    id="event:awkward", type="meeting", date="2021-02-03", date_precision="day", status="planned",
    place=Place(name='The "Old" Hall\\Annex', country=None), codes={"cameo": "043", "plover": "CONSULT"},
    attributes={"ratio": 0.30000000000000004, "tiny": 1.2345678901234567e-07, "big": 12345678901234567890,
                "text": 'quote " backslash \\ tab \t newline \n é 東京 \u0001', "nested": {"list": [1, 2.5, None]}},
    confidence=0.7333333333333333,
    participants=[Participant(actor_id=BRV, role="host"), Participant(actor_id=ARD, role="party"),
                  Participant(actor_id=BRV, role="party")],
    reports=[Report(article_id=A4, sentence='He said: "no"\nthen left.', start=3, end=17),
             Report(article_id="article:a1", sentence="Earlier report.", start=0, end=15)],
)


def test_events_read_back_exactly_as_written(loaded_store: SqliteStore) -> None:
    store = loaded_store
    store.upsert_events([AWKWARD_EVENT])
    stored = store.get_event(AWKWARD_EVENT.id).event
    written = AWKWARD_EVENT.model_dump(exclude={"first_seen", "reported_at", "source_count", "reports"})
    assert stored.model_dump(exclude={"first_seen", "reported_at", "source_count", "reports"}) == written
    assert stored.confidence == 0.7333333333333333  # 15 digits would read back as ...333
    assert [r.article_id for r in stored.reports] == ["article:a1", A4]  # by article id
    assert stored.reports[1] == AWKWARD_EVENT.reports[0]


def test_timeline_items_list_each_actor_once_in_participant_order(loaded_store: SqliteStore) -> None:
    store = loaded_store
    store.upsert_events([AWKWARD_EVENT])
    item = next(i for i in store.events(EventFilter(actor=ARD), limit=100).items if i.event.id == AWKWARD_EVENT.id)
    assert [actor.id for actor in item.actors] == [BRV, ARD]
    assert item.actors[1].aliases == ["Republic of Ardenia"]
    assert item.evidence == store.get_event(AWKWARD_EVENT.id).event.reports[0]
    assert item.event.place == AWKWARD_EVENT.place


def test_actor_roles_read_back_with_their_defaults(loaded_store: SqliteStore) -> None:
    store = loaded_store
    actor = store.get_actor(SOLEN)
    assert actor.roles == [RoleTerm(role="foreign minister", country="ARD", start="2020-05-01")]
    assert actor.roles[0].source == "file"


def test_network_edges_are_heaviest_first_and_weigh_their_types(tmp_path: Path) -> None:
    store = _open(tmp_path / "g.sqlite")
    try:
        batches = list(synthetic_batches(3000, seed=9, batch_size=1000))
        for batch in batches:
            batch.write_to(store)
        network = store.network(batches[0].actors[0].id, depth=2, node_limit=60)
        assert len(network.edges) > 200  # a hub: many edges among its neighbours
        keys = [(-edge.weight, edge.source, edge.target) for edge in network.edges]
        assert keys == sorted(keys)
        assert all(edge.source < edge.target and edge.weight == sum(edge.types.values()) for edge in network.edges)
        assert all(list(edge.types) == sorted(edge.types) for edge in network.edges)
    finally:
        store.close()


@pytest.mark.parametrize("enabled", [True, False])
def test_network_leaves_the_garbage_collector_as_it_found_it(tmp_path: Path, enabled: bool) -> None:
    store = _open(tmp_path / "g.sqlite")
    try:
        load_fixture_graph(store)
        if not enabled:
            gc.disable()
        assert len(store.network(ARD, depth=2).edges) > 3
        assert gc.isenabled() is enabled
    finally:
        gc.enable()
        store.close()
