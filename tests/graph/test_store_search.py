"""The store contract, part 4: actor search by exact name, prefix and fuzzy match."""

from __future__ import annotations

from graph.models import Actor
from graph.store import GraphStore
from tests.graph.fixtures import ARD, BRV, PORTS, SOLEN, VEREK


def _ids(hits: list) -> list[str]:
    return [hit.actor.id for hit in hits]


def test_search_actors_exact_name_comes_first(world: GraphStore) -> None:
    hits = world.search_actors("Borvia")
    assert _ids(hits)[:2] == [BRV, PORTS]  # exact name, then the name it prefixes
    assert hits[0].matched == "Borvia"
    assert hits[0].score > hits[1].score


def test_search_actors_ignores_case_accents_and_punctuation(world: GraphStore) -> None:
    assert _ids(world.search_actors("ARDÉNIA"))[0] == ARD
    assert _ids(world.search_actors("  mira   solen! "))[0] == SOLEN


def test_search_actors_finds_aliases(world: GraphStore) -> None:
    hits = world.search_actors("BPA")
    assert (_ids(hits)[0], hits[0].matched) == (PORTS, "BPA")
    hits = world.search_actors("republic of ardenia")
    assert (_ids(hits)[0], hits[0].matched) == (ARD, "Republic of Ardenia")


def test_search_actors_finds_prefixes(world: GraphStore) -> None:
    assert _ids(world.search_actors("Tomas V")) == [VEREK]
    assert _ids(world.search_actors("ard"))[0] == ARD


def test_search_actors_finds_misspellings(world: GraphStore) -> None:
    assert _ids(world.search_actors("Borvai"))[0] == BRV
    assert _ids(world.search_actors("Tomas Vereck"))[0] == VEREK
    assert SOLEN in _ids(world.search_actors("Solen"))


def test_search_actors_scores_are_best_first(world: GraphStore) -> None:
    hits = world.search_actors("Borv", limit=10)
    scores = [hit.score for hit in hits]
    assert scores == sorted(scores, reverse=True)
    assert {BRV, PORTS} <= set(_ids(hits))


def test_search_actors_filters_by_kind_and_country(world: GraphStore) -> None:
    assert _ids(world.search_actors("Borvia", kinds=["organisation"])) == [PORTS]
    assert BRV not in _ids(world.search_actors("Borvia", kinds=["person", "organisation"]))
    assert _ids(world.search_actors("Tomas Verek", country="BRV")) == [VEREK]
    assert world.search_actors("Tomas Verek", country="ARD") == []


def test_search_actors_respects_limit(world: GraphStore) -> None:
    assert len(world.search_actors("Borvia", limit=1)) == 1


def test_search_actors_without_match_is_empty(world: GraphStore) -> None:
    assert world.search_actors("Zzyzx Qwop") == []


def test_search_actors_sees_replaced_aliases(world: GraphStore) -> None:
    world.upsert_actors([Actor(id=PORTS, name="Borvian Port Authority", kind="organisation", country="BRV",
                               aliases=["Harbour Board"])])
    assert _ids(world.search_actors("Harbour Board"))[0] == PORTS
    assert PORTS not in _ids(world.search_actors("BPA"))
