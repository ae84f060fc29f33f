"""Idempotent batched upserts and deletion: UNWIND batches in managed write transactions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from itertools import islice
from typing import Any, TypeVar

import neo4j

from graph.algorithms import event_pairs
from graph.backends.neo4j import queries as q
from graph.backends.neo4j.client import Client
from graph.backends.neo4j.pairs import plan_pair_changes, stored_pairs, write_pair_changes
from graph.backends.neo4j.rows import actor_params, article_params, event_params, new_event_params
from graph.errors import Conflict, NotFound
from graph.models import Actor, Article, DeleteResult, Event

T = TypeVar("T")
BATCH = 5_000  # rows per UNWIND transaction: large enough to amortise commits, small enough for a 1 GB heap


def _batches(items: Sequence[T], size: int = BATCH) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def upsert_articles(client: Client, articles: Sequence[Article]) -> int:
    for batch in _batches(articles):
        client.execute(q.UPSERT_ARTICLES, rows=[article_params(article) for article in batch])
    return len(articles)


def upsert_actors(client: Client, actors: Sequence[Actor]) -> int:
    """Write actors and replace their searchable names; a repeated id: the last one wins."""
    latest = list({actor.id: actor for actor in actors}.values())
    for batch in _batches(latest):
        client.execute(q.UPSERT_ACTORS, rows=[actor_params(actor) for actor in batch])
    return len(actors)


def _missing(tx: neo4j.ManagedTransaction, query: str, ids: set[str]) -> list[str]:
    record = tx.run(query, ids=sorted(ids)).single(strict=True)
    return list(record["ids"])


def _check_references(tx: neo4j.ManagedTransaction, events: Sequence[Event]) -> None:
    for query, ids, what in (
        (q.MISSING_ACTORS, {p.actor_id for e in events for p in e.participants}, "actor"),
        (q.MISSING_ARTICLES, {r.article_id for e in events for r in e.reports}, "article"),
    ):
        missing = _missing(tx, query, ids)
        if missing:
            raise NotFound(f"unknown {what}: {', '.join(missing[:10])}")


def _write_events(tx: neo4j.ManagedTransaction, events: list[Event], now: str) -> None:
    """The latest version of each event, carrying the reports of every version (later ones win)."""
    reports: dict[str, dict[str, dict[str, Any]]] = {}
    for event in events:
        by_article = reports.setdefault(event.id, {})
        for report in event.reports:
            by_article[report.article_id] = report.model_dump()
    latest = {event.id: event for event in events}
    stored = set(tx.run(q.EXISTING_EVENTS, ids=list(latest)).single(strict=True)["ids"])
    rows = [{**event_params(event, now=now), "reports": list(reports[event_id].values())}
            for event_id, event in latest.items()]
    updates = [row for row in rows if row["id"] in stored]
    creates = [new_event_params(row, q.SEP) for row in rows if row["id"] not in stored]
    before = stored_pairs(tx, [row["id"] for row in updates]) if updates else Counter()
    pair_changes = plan_pair_changes(tx, before, event_pairs(latest.values()))
    if updates:
        tx.run(q.UPSERT_EVENTS, rows=updates, sep=q.SEP).consume()
    if creates:
        tx.run(q.CREATE_EVENTS, rows=creates).consume()
    write_pair_changes(tx, pair_changes)


def upsert_events(client: Client, events: Sequence[Event]) -> int:
    """Check every reference first (NotFound writes nothing), then write in batches."""
    if not events:
        return 0
    now = datetime.now(UTC).isoformat(timespec="seconds")

    def check_and_write(tx: neo4j.ManagedTransaction, batch: list[Event], check: bool) -> None:
        if check:
            _check_references(tx, batch)
        _write_events(tx, batch, now)

    def write(batch: list[Event], check: bool) -> None:
        try:
            client.write(check_and_write, batch=batch, check=check)
        except Conflict:  # another writer created one of these events after we looked: it is stored now
            client.write(check_and_write, batch=batch, check=check)

    if len(events) <= BATCH:  # one transaction: the check and the write cannot be interleaved
        write(list(events), check=True)
    else:
        client.read(_check_references, events=events)
        for batch in _batches(events):
            write(batch, check=False)
    return len({event.id for event in events})


def delete_article(client: Client, article_id: str) -> DeleteResult:
    """Delete the article and its reports; events it alone reported go too, the rest are recounted."""

    def work(tx: neo4j.ManagedTransaction) -> DeleteResult:
        found = tx.run(q.ARTICLE_REPORTED_EVENTS, id=article_id).single()
        if found is None:
            raise NotFound(f"unknown article: {article_id}")
        orphans = list(found["orphans"])
        survivors = sorted(set(found["ids"]) - set(orphans))
        write_pair_changes(tx, plan_pair_changes(tx, stored_pairs(tx, orphans), Counter()))
        tx.run(q.DELETE_ARTICLE, id=article_id, orphans=orphans).consume()
        updated = tx.run(q.RECOUNT_SOURCES, ids=survivors).single(strict=True)["updated"]
        return DeleteResult(article_id=article_id, events_deleted=len(orphans), events_updated=updated)

    return client.write(work)


def clear(client: Client) -> None:
    """Delete every node in batched inner transactions (fast on small graphs, bounded memory on big ones)."""
    client.autocommit(q.CLEAR, timeout_s=max(client.timeout_s, 600.0))
