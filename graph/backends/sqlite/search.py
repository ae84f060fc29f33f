"""Actor search: exact names, then name prefixes, then (when nothing matched exactly) fuzzy matches."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from itertools import pairwise
from typing import Any

from rapidfuzz import fuzz

from graph.backends.sqlite.events import load_actors
from graph.backends.sqlite.rows import ids_param, normalise_name
from graph.models import ActorHit

FUZZY_CANDIDATES = 200  # trigram candidates rescored by rapidfuzz; bounds the work per query
FUZZY_MIN_RATIO = 60.0
MAX_TRIGRAM_PAIRS = 8
_AFTER_EVERY_PREFIX = "\U0010ffff"


def _scope(kinds: Sequence[str] | None, country: str | None) -> tuple[str, dict[str, Any]]:
    """SQL conditions restricting `actor_names n` to actors of these kinds and country."""
    clauses, params = [], {}
    if kinds:
        clauses.append("a.kind IN (SELECT value FROM json_each(:kinds))")
        params["kinds"] = ids_param(kinds)
    if country:
        clauses.append("a.country = :country")
        params["country"] = country.upper()
    if not clauses:
        return "", params
    return " AND EXISTS (SELECT 1 FROM actors a WHERE a.id = n.actor_id AND " + " AND ".join(clauses) + ")", params


def _fuzzy_match_expression(norm: str) -> str | None:
    """An FTS5 query for names sharing two consecutive trigrams with the query (None if too short).

    Pairs rather than single trigrams: a typo breaks at most three trigrams, so a misspelt name
    still matches, while the candidate set (ranked by bm25) stays small on large graphs."""
    trigrams = ['"' + norm[i:i + 3].replace('"', '""') + '"' for i in range(len(norm) - 2)]
    if len(trigrams) < 2:
        return trigrams[0] if trigrams else None
    pairs = sorted(set(pairwise(trigrams)))
    step = max(1, len(pairs) // MAX_TRIGRAM_PAIRS)  # long names: evenly spread pairs are enough
    return " OR ".join(f"({a} AND {b})" for a, b in pairs[::step][:MAX_TRIGRAM_PAIRS])


def search_actors(
    conn: sqlite3.Connection, query: str, *, kinds: Sequence[str] | None, country: str | None, limit: int
) -> list[ActorHit]:
    norm = normalise_name(query)
    if not norm or limit < 1:
        return []
    scope, params = _scope(kinds, country)
    best: dict[str, tuple[float, str]] = {}

    def offer(actor_id: str, score: float, matched: str) -> None:
        if actor_id not in best or score > best[actor_id][0]:
            best[actor_id] = (score, matched)

    for row in conn.execute(f"SELECT actor_id, name FROM actor_names n WHERE n.norm = :q{scope} LIMIT :k",
                            {**params, "q": norm, "k": limit}):
        offer(row[0], 1.0, row[1])
    if len(best) < limit:
        for row in conn.execute(
                f"SELECT actor_id, name, norm FROM actor_names n WHERE n.norm > :q AND n.norm < :end{scope} "
                "ORDER BY length(n.norm), n.norm LIMIT :k",
                {**params, "q": norm, "end": norm + _AFTER_EVERY_PREFIX, "k": limit * 3}):
            offer(row[0], 0.8 + 0.15 * len(norm) / len(row[2]), row[1])
    exact_hit = any(score == 1.0 for score, _ in best.values())
    match = None if exact_hit else _fuzzy_match_expression(norm)  # fuzzy is the fallback for typos
    if len(best) < limit and match:
        rows = conn.execute(
            "SELECT n.actor_id, n.name, n.norm FROM (SELECT rowid FROM actor_names_fts WHERE actor_names_fts "
            f"MATCH :match ORDER BY rank LIMIT :k) f JOIN actor_names n ON n.id = f.rowid WHERE 1{scope}",
            {**params, "match": match, "k": FUZZY_CANDIDATES})
        for actor_id, name, candidate in rows:
            ratio = fuzz.WRatio(norm, candidate)
            if ratio >= FUZZY_MIN_RATIO:
                offer(actor_id, round(0.75 * ratio / 100, 4), name)
    ranked = sorted(best.items(), key=lambda item: (-item[1][0], len(item[1][1]), item[0]))[:limit]
    actors = load_actors(conn, (actor_id for actor_id, _ in ranked))
    return [ActorHit(actor=actors[actor_id], score=score, matched=matched)
            for actor_id, (score, matched) in ranked if actor_id in actors]
