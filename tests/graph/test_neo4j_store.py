"""Neo4j-only behaviour beyond the shared contract: CO upkeep, big batches, errors, Lucene escaping."""

from __future__ import annotations

import re
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import neo4j
import pytest

from graph.backends.neo4j import Neo4jStore
from graph.backends.neo4j import queries as q
from graph.backends.neo4j.search import lucene_query
from graph.backends.neo4j.writes import BATCH
from graph.errors import Conflict, NotFound, StoreUnavailable
from graph.models import EVENT_TYPES, Article, Event, EventFilter, Participant, Place
from graph.settings import Settings
from graph.store import GraphStore, open_store
from graph.synthetic import synthetic_batches
from tests.conftest import NEO4J_URL
from tests.graph.fixtures import A1, ARD, BRV, CAL, EVENTS, SOLEN, VEREK, load_fixture_graph

STORED_CO = "MATCH (a:Actor)-[c:CO]->(b:Actor) RETURN a.id AS a, b.id AS b, c.weight AS w, c.counts AS counts"
CO_FROM_EVENTS = """
MATCH (a:Actor)-[:PARTICIPATED_IN]->(e:Event)<-[:PARTICIPATED_IN]-(b:Actor) WHERE a <> b
RETURN a.id AS a, b.id AS b, e.type AS type, count(DISTINCT e) AS n"""


@pytest.fixture
def neo4j_world(neo4j_store: GraphStore) -> Neo4jStore:
    assert isinstance(neo4j_store, Neo4jStore)
    neo4j_store.clear()
    load_fixture_graph(neo4j_store)
    return neo4j_store


def _co_matches_events(store: Neo4jStore) -> None:
    with neo4j.GraphDatabase.driver(store.url, auth=None) as driver:
        stored, _, _ = driver.execute_query(STORED_CO)
        truth, _, _ = driver.execute_query(CO_FROM_EVENTS)
    expected: dict[tuple[str, str], Counter[str]] = {}
    for r in truth:
        expected.setdefault((r["a"], r["b"]), Counter())[r["type"]] = r["n"]
    found = {(r["a"], r["b"]): Counter({t: n for t, n in zip(EVENT_TYPES, r["counts"], strict=True) if n})
             for r in stored}
    assert found == expected
    assert all(r["w"] == sum(r["counts"]) for r in stored)


@pytest.mark.neo4j
def test_co_relationships_follow_rewrites_and_deletions(neo4j_world: Neo4jStore) -> None:
    _co_matches_events(neo4j_world)
    moved = EVENTS[1].model_copy(update={"type": "call", "participants": [
        Participant(actor_id=ARD), Participant(actor_id=VEREK), Participant(actor_id=ARD, role="host")]})
    neo4j_world.upsert_events([moved])
    neo4j_world.delete_article(A1)
    _co_matches_events(neo4j_world)
    assert neo4j_world.dyad(ARD, VEREK).total == 0  # e02 went with article a1
    assert neo4j_world.network(SOLEN).edges[0].weight == 1


@pytest.mark.neo4j
def test_upsert_events_over_one_batch_checks_every_reference_first(neo4j_world: Neo4jStore) -> None:
    many = [Event(id=f"bulk-{i}", type="call", date="2024-05-01",
                  participants=[Participant(actor_id=ARD), Participant(actor_id=CAL)]) for i in range(BATCH + 5)]
    many[-1] = many[-1].model_copy(update={"participants": [Participant(actor_id="country:NOWHERE")]})
    with pytest.raises(NotFound):
        neo4j_world.upsert_events(many)
    assert neo4j_world.stats().events == 15
    assert neo4j_world.upsert_events(many[:-1]) == BATCH + 4
    assert neo4j_world.dyad(ARD, CAL).total == BATCH + 5  # e07 and the bulk calls
    _co_matches_events(neo4j_world)


STORED_KEYS = """
MATCH (e:Event {id: $id})
RETURN e {.sort_key, .okey, .plkey, .source_count, .first_seen, .reported_at} AS props,
       COLLECT { MATCH (a:Actor)-[p:PARTICIPATED_IN]->(e) WITH a, p ORDER BY p.position
                 RETURN [a.id, p.role, p.position, p.type, p.status, p.sort_key, p.tkey] } AS parts"""


def _stored_keys(store: Neo4jStore, event_id: str) -> tuple[dict, list]:
    with neo4j.GraphDatabase.driver(store.url, auth=None) as driver:
        records, _, _ = driver.execute_query(STORED_KEYS, id=event_id)
    return records[0]["props"], records[0]["parts"]


@pytest.mark.neo4j
def test_created_event_stores_the_keys_a_rewrite_computes(neo4j_world: Neo4jStore) -> None:
    undated = Event(id="e-new", type="meeting", reported_at="2024-03-03", place=Place(name="Port Lira"),
                    participants=[Participant(actor_id=CAL, role="party"), Participant(actor_id=SOLEN, role="party"),
                                  Participant(actor_id=CAL, role="host")],
                    reports=EVENTS[8].reports)
    neo4j_world.upsert_events([undated])  # not stored yet: CREATE with keys computed in Python
    created = _stored_keys(neo4j_world, "e-new")
    neo4j_world.upsert_events([undated])  # stored: MERGE with keys computed in Cypher
    assert _stored_keys(neo4j_world, "e-new") == created
    assert created[0]["sort_key"] == "2024-03-03" and created[0]["source_count"] == 1
    assert [part[6] is not None for part in created[1]] == [True, True, False]  # CAL's second role: no tkey
    _co_matches_events(neo4j_world)


@pytest.mark.neo4j
def test_upsert_events_mixing_new_and_stored_events_keeps_co_exact(neo4j_world: Neo4jStore) -> None:
    first_seen = neo4j_world.get_event("e01").event.first_seen
    rewritten = EVENTS[0].model_copy(update={"participants": [
        Participant(actor_id=ARD), Participant(actor_id=CAL), Participant(actor_id=VEREK)]})
    fresh = [Event(id=f"mix-{i}", type="call", date=f"2025-01-0{i + 1}", reports=EVENTS[0].reports,
                   participants=[Participant(actor_id=ARD), Participant(actor_id=CAL)]) for i in range(3)]
    neo4j_world.upsert_events([fresh[0], rewritten, *fresh[1:]])
    _co_matches_events(neo4j_world)
    assert neo4j_world.get_event("e01").event.first_seen == first_seen
    assert neo4j_world.dyad(ARD, CAL).total == 5  # e07, e01 rewritten and the three new calls
    assert neo4j_world.dyad(ARD, BRV).total == 6  # e01 no longer counts
    page = neo4j_world.events(EventFilter(actor=CAL), limit=3)
    assert [item.event.id for item in page.items] == ["mix-2", "mix-1", "mix-0"]


def _operators(plan: dict | None) -> list[str]:
    if plan is None:
        return []
    return [plan["operatorType"].split("@")[0]] + [op for child in plan.get("children", []) for op in _operators(child)]


@pytest.mark.neo4j
@pytest.mark.parametrize("query", ["CO_AMONG", "EXISTING_CO"])
def test_pkey_lookups_seek_the_index_on_a_small_graph(neo4j_store: GraphStore, query: str) -> None:
    assert isinstance(neo4j_store, Neo4jStore)
    neo4j_store.clear()
    for batch in synthetic_batches(2000, seed=7, batch_size=5000):  # unhinted, this size planned index scans
        batch.write_to(neo4j_store)
    params = {"ids": [ARD, BRV], "pkeys": [ARD], "side": [ARD], "other": [BRV], "sep": q.SEP}
    with neo4j.GraphDatabase.driver(neo4j_store.url, auth=None) as driver:
        driver.execute_query("CALL db.clearQueryCaches()")
        _, summary, _ = driver.execute_query("EXPLAIN " + getattr(q, query), params)
    operators = _operators(summary.plan)
    assert "DirectedRelationshipIndexSeek" in operators
    assert not [op for op in operators if "Scan" in op]  # a scan of the whole index once per pair


@pytest.mark.neo4j
def test_second_article_with_same_url_conflicts(neo4j_world: Neo4jStore) -> None:
    with pytest.raises(Conflict):
        neo4j_world.upsert_articles([Article(id="article:copy", url="https://news.example/a1")])
    assert neo4j_world.find_article(url="https://news.example/a1") is not None
    assert neo4j_world.stats().articles == 4


@pytest.mark.neo4j
def test_events_place_filter_ignores_accents_on_a_timeline(neo4j_world: Neo4jStore) -> None:
    neo4j_world.upsert_events([EVENTS[8].model_copy(update={"place": Place(name="São Tomé")})])
    page = neo4j_world.events(EventFilter(actor=CAL, counterpart=BRV, place="sao tome"))
    assert [item.event.id for item in page.items] == ["e09"]
    assert neo4j_world.get_event("e09").event.place == Place(name="São Tomé")


def test_unreachable_server_raises_store_unavailable_naming_url() -> None:
    store = Neo4jStore("bolt://127.0.0.1:1", timeout_s=1.0)
    try:
        with pytest.raises(StoreUnavailable, match=re.escape("bolt://127.0.0.1:1")):
            store.ping()
    finally:
        store.close()


def test_concurrent_first_calls_of_a_lazy_store_wait_for_its_schema(neo4j_store: GraphStore) -> None:
    # A new API worker's first requests arrive together: none may fail while one creates the schema.
    store = open_store(NEO4J_URL, settings=Settings(store=NEO4J_URL), lazy_schema=True)
    start = threading.Barrier(8)

    def first_call() -> int:
        start.wait()
        return store.stats().actors

    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            counts = list(pool.map(lambda _: first_call(), range(8)))
    finally:
        store.close()
    assert counts == [neo4j_store.stats().actors] * 8


def test_lucene_query_escapes_special_characters() -> None:
    assert lucene_query("ab:c") == r"ab\:c~1 OR ab\:c*"
    assert lucene_query("to be") == "to OR to* OR be OR be*"
    assert lucene_query("") is None


def test_lucene_query_allows_more_edits_in_longer_words() -> None:
    assert lucene_query("tilo t") == "tilo~1 OR tilo* OR t"  # an initial: no wildcard
    assert lucene_query("vereck") == "vereck~2 OR vereck*"
