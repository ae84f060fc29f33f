"""One error shape everywhere: every failing request answers {"error": {"code", "message"}}, never a 500."""

from __future__ import annotations

import httpx
import pytest

BAD_REQUESTS = [
    ("/v1/actors", {}, 422),                                   # q is required
    ("/v1/actors", {"q": "x" * 500}, 422),
    ("/v1/actors", {"q": "a", "kind": "planet"}, 422),
    ("/v1/actors/nobody-here", {}, 404),
    ("/v1/actors/nobody-here/timeline", {}, 404),
    ("/v1/actors/country:ARD/timeline", {"status": "maybe"}, 422),
    ("/v1/actors/country:ARD/timeline", {"order": "sideways"}, 422),
    ("/v1/actors/country:ARD/relations/country:ARD", {}, 422),
    ("/v1/actors/country:ARD/relations/nobody", {}, 404),
    ("/v1/actors/country:ARD/network", {"format": "svg"}, 422),
    ("/v1/actors/country:ARD/network", {"metrics": "pagerank"}, 422),
    ("/v1/actors/country:ARD/network", {"limit": 100_000}, 413),
    ("/v1/actors/nobody/network", {}, 404),
    ("/v1/paths", {"from": "country:ARD"}, 422),
    ("/v1/paths", {"from": "country:ARD", "to": "country:ARD"}, 422),
    ("/v1/paths", {"from": "country:ARD", "to": "country:BRV", "max_depth": 50}, 413),
    ("/v1/events/no-such-event", {}, 404),
    ("/v1/events", {"types": "call,party"}, 422),
    ("/v1/events", {"to": "2024-02-30"}, 422),
    ("/v1/export/events.csv", {"types": "nope"}, 422),
    ("/v1/export/graph.pdf", {}, 422),
    ("/v1/actors/resolve", {}, 422),
    ("/v1/no-such-route", {}, 404),
]


@pytest.mark.parametrize(("path", "params", "status"), BAD_REQUESTS)
def test_error_shape_is_the_same_everywhere(api: httpx.Client, path: str, params: dict, status: int) -> None:
    response = api.get(path, params=params)
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["message"]


def test_wrong_method_has_the_error_shape(api: httpx.Client) -> None:
    response = api.delete("/v1/stats")
    assert response.status_code == 405 and response.json()["error"]["code"] == "method_not_allowed"
