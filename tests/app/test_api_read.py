"""Every read endpoint through real HTTP against both backends, asserting what a user would check."""

from __future__ import annotations

import csv
import io
import json

import httpx

from tests.graph.fixtures import (
    ARD,
    ARD_TIMELINE_NEWEST_FIRST,
    BRV,
    CAL,
    PORTS,
    SOLEN,
)


def _ids(page: dict) -> list[str]:
    return [item["event"]["id"] for item in page["items"]]


def test_health_and_ready(api: httpx.Client) -> None:
    assert api.get("/healthz").json() == {"status": "ok"}
    ready = api.get("/readyz").json()
    assert ready["status"] == "ready" and ready["backend"] in {"sqlite", "neo4j"}


def test_stats_counts_the_fixture_world(api: httpx.Client) -> None:
    stats = api.get("/v1/stats").json()
    assert (stats["actors"], stats["events"], stats["articles"]) == (7, 15, 4)
    assert stats["events_by_type"]["call"] == 3


def test_search_actors_ranks_prefix_match_first(api: httpx.Client) -> None:
    hits = api.get("/v1/actors", params={"q": "Arden"}).json()
    assert hits[0]["actor"]["id"] == ARD


def test_search_actors_filters_by_kind(api: httpx.Client) -> None:
    hits = api.get("/v1/actors", params={"q": "Solen", "kind": "country"}).json()
    assert all(hit["actor"]["kind"] == "country" for hit in hits)


def test_actor_card_shows_counts_and_counterparts(api: httpx.Client) -> None:
    card = api.get(f"/v1/actors/{ARD}").json()
    assert card["actor"]["name"] == "Ardenia"
    assert card["summary"]["event_counts"]["call"] == 2
    assert card["summary"]["top_counterparts"][0]["actor"]["id"] == BRV
    assert card["summary"]["top_counterparts"][0]["events"] == 7


def test_actor_card_unknown_is_404_with_error_shape(api: httpx.Client) -> None:
    response = api.get("/v1/actors/country:XXX")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_timeline_is_newest_first_and_pages_with_cursor(api: httpx.Client) -> None:
    first = api.get(f"/v1/actors/{ARD}/timeline", params={"limit": 3}).json()
    assert _ids(first) == ARD_TIMELINE_NEWEST_FIRST[:3]
    second = api.get(f"/v1/actors/{ARD}/timeline", params={"limit": 3, "cursor": first["next_cursor"]}).json()
    assert _ids(second) == ARD_TIMELINE_NEWEST_FIRST[3:6]


def test_timeline_oldest_first(api: httpx.Client) -> None:
    page = api.get(f"/v1/actors/{ARD}/timeline", params={"order": "oldest"}).json()
    assert _ids(page) == list(reversed(ARD_TIMELINE_NEWEST_FIRST))


def test_timeline_items_carry_participants_and_evidence(api: httpx.Client) -> None:
    item = api.get(f"/v1/actors/{ARD}/timeline", params={"limit": 1, "types": "prisoner_exchange"}).json()["items"][0]
    assert {a["id"] for a in item["actors"]} == {ARD, BRV}
    assert item["evidence"]["sentence"] == "e13 as told by article:a4."


def test_timeline_filters(api: httpx.Client) -> None:
    url = f"/v1/actors/{ARD}/timeline"
    assert _ids(api.get(url, params={"types": "call"}).json()) == ["e10", "e01"]
    assert _ids(api.get(url, params={"counterpart": CAL}).json()) == ["e07"]
    assert _ids(api.get(url, params={"status": "planned"}).json()) == ["e14"]
    assert _ids(api.get(url, params={"place": "GENEVA"}).json()) == ["e14", "e07", "e02"]
    assert _ids(api.get(url, params={"from": "2022-01-01", "to": "2022-12-31"}).json()) == ["e07", "e05", "e04"]


def test_timeline_bad_parameters_are_422(api: httpx.Client) -> None:
    url = f"/v1/actors/{ARD}/timeline"
    for params in ({"types": "picnic"}, {"from": "yesterday"}, {"limit": 0}, {"cursor": "not-a-cursor"},
                   {"from": "2024-01-01", "to": "2023-01-01"}):
        response = api.get(url, params=params)
        assert response.status_code == 422, params
        assert set(response.json()["error"]) == {"code", "message"}


def test_timeline_page_size_over_limit_is_413(api: httpx.Client) -> None:
    assert api.get(f"/v1/actors/{ARD}/timeline", params={"limit": 100_000}).status_code == 413


def test_relations_between_two_actors(api: httpx.Client) -> None:
    body = api.get(f"/v1/actors/{ARD}/relations/{BRV}").json()
    dyad = body["dyad"]
    assert dyad["total"] == 7
    assert dyad["counts_by_type"] == {"call": 2, "meeting": 2, "sanction": 1, "agreement": 1,
                                      "prisoner_exchange": 1}
    assert (dyad["first_contact"], dyad["last_contact"]) == ("2021-01-10", "2025-03-03")
    assert _ids(body["events"]) == ["e14", "e13", "e10", "e07", "e04", "e02", "e01"]


def test_network_depth_one(api: httpx.Client) -> None:
    net = api.get(f"/v1/actors/{ARD}/network").json()
    assert {n["id"] for n in net["nodes"]} == {ARD, BRV, CAL, SOLEN}
    weights = {(e["source"], e["target"]): e["weight"] for e in net["edges"]}
    assert weights.get((ARD, BRV), weights.get((BRV, ARD))) == 7
    assert not net["truncated"]


def test_network_cytoscape_format_and_metrics(api: httpx.Client) -> None:
    net = api.get(f"/v1/actors/{ARD}/network",
                  params={"format": "cytoscape", "metrics": "degree,betweenness,community"}).json()
    nodes = {n["data"]["id"]: n["data"] for n in net["elements"]["nodes"]}
    assert nodes[ARD]["center"] is True and nodes[ARD]["degree"] == 1.0
    assert all("source" in e["data"] and "target" in e["data"] for e in net["elements"]["edges"])


def test_network_truncation_says_so(api: httpx.Client) -> None:
    net = api.get(f"/v1/actors/{BRV}/network", params={"depth": 2, "limit": 2}).json()
    assert net["truncated"] and len(net["nodes"]) == 2 and "truncated" in net["message"]


def test_network_depth_over_maximum_is_413(api: httpx.Client) -> None:
    assert api.get(f"/v1/actors/{ARD}/network", params={"depth": 9}).status_code == 413


def test_paths_through_events(api: httpx.Client) -> None:
    paths = api.get("/v1/paths", params={"from": SOLEN, "to": PORTS}).json()
    assert paths and all(len(p["actors"]) == 4 for p in paths)
    first = paths[0]
    assert first["actors"][0]["id"] == SOLEN and first["actors"][-1]["id"] == PORTS
    assert first["steps"][-1]["event"]["id"] == "e11"


def test_paths_unknown_actor_is_404(api: httpx.Client) -> None:
    assert api.get("/v1/paths", params={"from": SOLEN, "to": "country:XXX"}).status_code == 404


def test_event_detail_lists_every_source(api: httpx.Client) -> None:
    detail = api.get("/v1/events/e07").json()
    assert detail["event"]["source_count"] == 2
    assert {s["article"]["id"] for s in detail["sources"]} == {"article:a2", "article:a3"}
    assert {a["id"] for a in detail["actors"]} == {ARD, BRV, CAL}


def test_events_listing_filters_by_actor_and_type(api: httpx.Client) -> None:
    page = api.get("/v1/events", params={"actor": BRV, "types": "meeting,visit"}).json()
    assert _ids(page) == ["e14", "e09", "e03", "e02"]


def test_export_csv_streams_every_matching_event(api: httpx.Client) -> None:
    response = api.get("/v1/export/events.csv", params={"types": "call"})
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [r["event_id"] for r in rows] == ["e01", "e06", "e10"]
    assert rows[0]["participants"] == "Ardenia; Borvia"


def test_export_jsonl(api: httpx.Client) -> None:
    lines = api.get("/v1/export/events.jsonl", params={"actor": SOLEN}).text.splitlines()
    assert [json.loads(line)["event"]["id"] for line in lines] == ["e03", "e05", "e06"]


def test_export_graph_formats(api: httpx.Client) -> None:
    graphml = api.get("/v1/export/graph.graphml", params={"actor": CAL}).text
    assert "<graphml" in graphml and 'id="country:CAL"' in graphml and 'id="e11"' in graphml
    gexf = api.get("/v1/export/graph.gexf", params={"actor": CAL}).text
    assert "<gexf" in gexf and "country:CAL" in gexf


def test_etag_gives_304_when_unchanged(api: httpx.Client) -> None:
    first = api.get(f"/v1/actors/{ARD}")
    etag = first.headers["etag"]
    assert "max-age" in first.headers["cache-control"]
    again = api.get(f"/v1/actors/{ARD}", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""


def test_openapi_documents_every_route(api: httpx.Client) -> None:
    paths = api.get("/openapi.json").json()["paths"]
    for route in ("/v1/actors", "/v1/actors/{actor_id}/timeline", "/v1/actors/{actor_id}/network",
                  "/v1/paths", "/v1/events/{event_id}", "/v1/export/events.csv", "/readyz"):
        assert route in paths


def test_actor_card_roles_as_of(api: httpx.Client) -> None:
    before = api.get(f"/v1/actors/{SOLEN}", params={"as_of": "2019-06-01"}).json()
    during = api.get(f"/v1/actors/{SOLEN}", params={"as_of": "2021-06-01"}).json()
    assert before["roles_as_of"] == [] and len(before["actor"]["roles"]) == 1
    assert [r["role"] for r in during["roles_as_of"]] == ["foreign minister"]


def test_resolve_role_phrase_depends_on_date(api: httpx.Client) -> None:
    url = "/v1/actors/resolve"
    in_2023 = api.get(url, params={"mention": "the Pentagon chief", "date": "2023-05-01"}).json()
    in_2025 = api.get(url, params={"mention": "the Pentagon chief", "date": "2025-02-13"}).json()
    assert (in_2023["actor"]["name"], in_2025["actor"]["name"]) == ("Lloyd Austin", "Pete Hegseth")
    assert in_2025["how"] == "role"


def test_resolve_unknown_mention_is_404(api: httpx.Client) -> None:
    response = api.get("/v1/actors/resolve", params={"mention": "Zorblax Quuxington"})
    assert response.status_code == 404 and "Zorblax" in response.json()["error"]["message"]
