"""Actor search: exact names, then name prefixes, then fuzzy matches from the full-text index.

Scores are the SQLite store's: 1.0 exact, 0.8-0.95 prefix (longer covered share scores higher),
0.75 x rapidfuzz WRatio for fuzzy candidates; so both backends rank the same names the same way.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import neo4j
from rapidfuzz import fuzz

from graph.backends.neo4j import queries as q
from graph.backends.neo4j.reads import load_actors
from graph.backends.neo4j.rows import normalise_name
from graph.models import ActorHit

FUZZY_CANDIDATES = 200  # full-text candidates rescored by rapidfuzz; bounds the work per query
FUZZY_MIN_RATIO = 60.0
_LUCENE_SPECIAL = re.compile(r'([+\-!(){}\[\]^"~*?:\\/&|])')


def lucene_query(norm: str) -> str | None:
    """A Lucene query matching names with any word like the query's (fuzzy) or starting with it.

    Fuzziness follows the length of the word, as Elasticsearch's AUTO does: exact up to 2 letters, one
    edit up to 5, two beyond; on a large graph two edits on a short word expand to thousands of terms
    for candidates the rescoring drops. A one-letter word (an initial) gets no wildcard, for the same
    reason: `t*` would expand to every word starting with t."""
    clauses = []
    for word in norm.split():
        escaped = _LUCENE_SPECIAL.sub(r"\\\1", word)  # lower-case and/or/not are plain words to Lucene
        clauses.append(escaped if len(word) <= 2 else f"{escaped}~1" if len(word) <= 5 else f"{escaped}~2")
        if len(word) >= 2:
            clauses.append(f"{escaped}*")
    return " OR ".join(clauses) or None


def search_actors(
    tx: neo4j.ManagedTransaction, query: str, *, kinds: Sequence[str] | None, country: str | None, limit: int
) -> list[ActorHit]:
    norm = normalise_name(query)
    if not norm or limit < 1:
        return []
    scope: dict[str, Any] = {"kinds": list(kinds) if kinds else None, "country": country.upper() if country else None}
    best: dict[str, tuple[float, str]] = {}

    def offer(actor_id: str, score: float, matched: str) -> None:
        if actor_id not in best or score > best[actor_id][0]:
            best[actor_id] = (score, matched)

    for actor_id, name, matched_norm in tx.run(q.SEARCH_NAMED, q=norm, k=limit, k_prefix=limit * 3,
                                               **scope).single(strict=True)["rows"]:
        offer(actor_id, 1.0 if matched_norm == norm else 0.8 + 0.15 * len(norm) / len(matched_norm), name)
    exact_hit = any(score == 1.0 for score, _ in best.values())
    lucene = None if exact_hit else lucene_query(norm)  # fuzzy is the fallback for typos, as in SQLite
    if len(best) < limit and lucene:
        for actor_id, name, candidate in tx.run(q.SEARCH_FUZZY, lucene=lucene, k=FUZZY_CANDIDATES,
                                                **scope).single(strict=True)["rows"]:
            ratio = fuzz.WRatio(norm, candidate)
            if ratio >= FUZZY_MIN_RATIO:
                offer(actor_id, round(0.75 * ratio / 100, 4), name)
    ranked = sorted(best.items(), key=lambda item: (-item[1][0], len(item[1][1]), item[0]))[:limit]
    actors = load_actors(tx, (actor_id for actor_id, _ in ranked))
    return [ActorHit(actor=actors[actor_id], score=score, matched=matched)
            for actor_id, (score, matched) in ranked if actor_id in actors]
