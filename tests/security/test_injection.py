"""Injection strings at every query and path parameter of every GET endpoint: no 5xx, and the graph is unchanged.

The endpoints and their parameters come from the OpenAPI document, so a new endpoint is covered
without touching this file; only a new *required* parameter may need a valid value in REQUIRED_VALUES.
"""

from __future__ import annotations

import base64
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from tests.graph.fixtures import ARD, BRV
from tests.security.conftest import snapshot

logger = logging.getLogger(__name__)

PAYLOADS = [
    "'", '"', "`", "\\", "\\'", "''", "%",  "_", "*", "?",
    "'; DROP TABLE actors; --",
    "x' OR '1'='1",
    '" OR 1=1 --',
    "1; DELETE FROM events",
    "}) DETACH DELETE n //",
    "') RETURN 1 UNION MATCH (n) DETACH DELETE n //",
    "` RETURN 1 //",
    "$param",
    "{name: 'x'}",
    "AND OR NOT ~ * ? : \\ / + - && || ! ( ) { } [ ] ^",  # Lucene full-text syntax
    "name:*",
    "%00", "a\x00b", "\x00",
    "%27%20OR%201%3D1",
    "../../../../etc/passwd",
    "<script>alert(1)</script>",
    "${jndi:ldap://127.0.0.1/x}",
    "line\r\nX-Injected: yes",
    "\u202eevil\u202c",                    # right-to-left override
    "Аrdenia",                             # Cyrillic А homoglyph
    "A\u0301\u0302\u0303\u0304\u0305",     # a stack of combining marks
    "🏳️‍🌈💥\U0001f600",                      # emoji with joiners
    "\ufeff\u200b\u200d",                  # zero-width characters
    "\udcff".encode("utf-8", "surrogatepass").decode("latin-1"),  # bytes of a lone surrogate, as text
    "-1", "0", "99999999999999999999999", "NaN", "1e309", "2024-13-45", "0000-00-00",
    base64.urlsafe_b64encode(b'{"d": "\' OR 1=1 --", "id": "}) DETACH DELETE n //"}').decode(),
    "x" * 10_000,
    " ",
]
EXPORTS = ["/v1/export/events.csv", "/v1/export/events.jsonl", "/v1/export/graph.{fmt}"]
# Endpoint/parameter pairs left out of the sweep because of a known bug (none now); each gets a pinned test.
KNOWN_ISSUES: dict[tuple[str, str], str] = {}
# Valid values for required parameters, so the payload in another parameter reaches the store.
REQUIRED_VALUES = {"actor_id": ARD, "a": ARD, "b": BRV, "event_id": "e01", "fmt": "graphml", "job_id": "no-such-job",
                   "q": "Ard", "mention": "Ardenia", "from": ARD, "to": BRV}


@dataclass(frozen=True)
class Probe:
    """One request: an operation with one parameter set to one payload."""

    path: str
    target: str
    payload: str
    path_params: dict[str, str]
    query: dict[str, str]

    def url(self) -> str:
        return self.path.format(**{k: quote(v, safe="") for k, v in self.path_params.items()})


def get_operations(schema: dict[str, Any]) -> list[tuple[str, list[dict[str, Any]]]]:
    """(path template, parameters) of every GET operation in the OpenAPI document."""
    return [(path, ops["get"].get("parameters", [])) for path, ops in schema["paths"].items() if "get" in ops]


def probes(schema: dict[str, Any]) -> list[Probe]:
    """Every (operation, query-or-path parameter, payload) combination."""
    found = []
    for path, params in get_operations(schema):
        where = {p["name"]: p["in"] for p in params}
        required = [p["name"] for p in params if p.get("required")]
        missing = set(required) - set(REQUIRED_VALUES)
        assert not missing, f"{path}: add a valid value for {missing} to REQUIRED_VALUES"
        for target in (name for name, place in where.items() if place in ("query", "path")):
            for payload in PAYLOADS:
                values = {name: REQUIRED_VALUES[name] for name in required} | {target: payload}
                found.append(Probe(path, target, payload,
                                   path_params={k: v for k, v in values.items() if where[k] == "path"},
                                   query={k: v for k, v in values.items() if where[k] == "query"}))
    return found


def _send(client: httpx.Client, probe: Probe) -> str | None:
    """None if the answer is sound; otherwise what was wrong with it."""
    try:
        response = client.get(probe.url(), params=probe.query)
    except httpx.TransportError:
        # once more on a new connection: the server may have closed an idle keep-alive one just then
        try:
            response = httpx.get(client.base_url.join(probe.url()), params=probe.query, headers=client.headers,
                                 timeout=30)
        except httpx.HTTPError as exc:
            return f"{probe.path} {probe.target}={probe.payload[:40]!r}: transport error {exc!r}"
    if response.status_code >= 500:
        return f"{probe.path} {probe.target}={probe.payload[:40]!r}: {response.status_code} {response.text[:200]}"
    if response.status_code >= 400 and set(response.json()) != {"error"}:
        return f"{probe.path} {probe.target}={probe.payload[:40]!r}: error without the error shape"
    return None


def test_every_parameter_resists_injection(served: httpx.Client, record_property: Any) -> None:
    before = snapshot(served)
    all_probes = [p for p in probes(served.get("/openapi.json").json()) if (p.path, p.target) not in KNOWN_ISSUES]
    with ThreadPoolExecutor(max_workers=8) as pool:
        problems = [p for p in pool.map(lambda probe: _send(served, probe), all_probes) if p]
    after = snapshot(served)
    record_property("injection_requests", len(all_probes))
    logger.info("sent %d injection requests, %d problems", len(all_probes), len(problems))
    assert not problems, "\n".join(problems[:30])
    assert after == before
    assert len({probe.path for probe in all_probes}) >= 14  # every GET endpoint with a parameter was reached


@pytest.mark.parametrize("path", ["/v1/actors/%00", "/v1/events/%00", "/v1/actors/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
                                  "/static/..%2f..%2fgraph%2fsettings.py", "/static/%2e%2e/%2e%2e/pyproject.toml"])
def test_raw_path_tricks_are_refused(served: httpx.Client, path: str) -> None:
    response = served.get(path)
    assert response.status_code in (404, 422) and "error" in response.json()


@pytest.mark.parametrize("path", [p.format(fmt="graphml") for p in EXPORTS])
@pytest.mark.parametrize("param", ["actor", "counterpart"])
def test_export_with_unknown_actor_answers_404(served: httpx.Client, path: str, param: str) -> None:
    response = served.get(path, params={param: "'; DROP TABLE actors; --"})
    assert response.status_code == 404


def test_network_with_huge_min_weight_is_not_a_server_error(served: httpx.Client) -> None:
    response = served.get(f"/v1/actors/{ARD}/network", params={"min_weight": 10**23})
    assert response.status_code < 500
