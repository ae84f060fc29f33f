"""Idempotent batched upserts and deletions, each run inside the caller's single write transaction."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime

from graph.algorithms import event_pairs
from graph.backends.sqlite.pairs import apply_pair_changes, remove_event_pairs, stored_event_pairs
from graph.backends.sqlite.rows import actor_params, article_params, event_params, ids_param, normalise_name
from graph.backends.sqlite.schema import TABLES_IN_DELETE_ORDER
from graph.errors import NotFound
from graph.models import Actor, Article, DeleteResult, Event

UPSERT_ARTICLE = """
INSERT INTO articles (id, url, source, title, published_at, content_hash) VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT(id) DO UPDATE SET url = excluded.url, source = excluded.source, title = excluded.title,
    published_at = excluded.published_at, content_hash = excluded.content_hash"""

UPSERT_ACTOR = """
INSERT INTO actors (id, name, kind, country, aliases, roles) VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT(id) DO UPDATE SET name = excluded.name, kind = excluded.kind, country = excluded.country,
    aliases = excluded.aliases, roles = excluded.roles"""

UPSERT_EVENT = """
INSERT INTO events (id, type, date, date_precision, status, place_name, place_country, place_norm,
                    codes, attributes, confidence, first_seen, reported_at, sort_key)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT(id) DO UPDATE SET type = excluded.type, date = excluded.date,
    date_precision = excluded.date_precision, status = excluded.status, place_name = excluded.place_name,
    place_country = excluded.place_country, place_norm = excluded.place_norm, codes = excluded.codes,
    attributes = excluded.attributes, confidence = excluded.confidence, first_seen = excluded.first_seen,
    reported_at = excluded.reported_at, sort_key = excluded.sort_key"""

INSERT_PARTICIPATION = """
INSERT OR IGNORE INTO participations (event_id, actor_id, role, position, sort_key, type, status)
VALUES (?, ?, ?, ?, ?, ?, ?)"""

UPSERT_REPORT = """
INSERT INTO reports (event_id, article_id, sentence, start_offset, end_offset) VALUES (?, ?, ?, ?, ?)
ON CONFLICT(event_id, article_id) DO UPDATE SET sentence = excluded.sentence,
    start_offset = excluded.start_offset, end_offset = excluded.end_offset"""

RECOUNT_SOURCES = """
UPDATE events SET source_count = (SELECT COUNT(*) FROM reports WHERE reports.event_id = events.id)
WHERE id IN (SELECT value FROM json_each(?))"""


def upsert_articles(conn: sqlite3.Connection, articles: Sequence[Article]) -> int:
    conn.executemany(UPSERT_ARTICLE, [article_params(article) for article in articles])
    return len(articles)


def upsert_actors(conn: sqlite3.Connection, actors: Sequence[Actor]) -> int:
    """Write actors and replace their searchable names (name and aliases) in both name indexes."""
    ids = ids_param(actor.id for actor in actors)
    conn.executemany(UPSERT_ACTOR, [actor_params(actor) for actor in actors])
    conn.execute("DELETE FROM actor_names_fts WHERE rowid IN "
                 "(SELECT id FROM actor_names WHERE actor_id IN (SELECT value FROM json_each(?)))", (ids,))
    conn.execute("DELETE FROM actor_names WHERE actor_id IN (SELECT value FROM json_each(?))", (ids,))
    names = []
    for actor in actors:
        seen: set[str] = set()
        for name in (actor.name, *actor.aliases):
            norm = normalise_name(name)
            if norm and norm not in seen:
                seen.add(norm)
                names.append((actor.id, norm, name))
    conn.executemany("INSERT INTO actor_names (actor_id, norm, name) VALUES (?, ?, ?)", names)
    conn.execute("INSERT INTO actor_names_fts (rowid, norm) SELECT id, norm FROM actor_names "
                 "WHERE actor_id IN (SELECT value FROM json_each(?))", (ids,))
    return len(actors)


def _require_existing(conn: sqlite3.Connection, table: str, ids: set[str], what: str) -> None:
    missing = [row[0] for row in conn.execute(
        f"SELECT value FROM json_each(?) WHERE NOT EXISTS (SELECT 1 FROM {table} WHERE id = value)",
        (ids_param(sorted(ids)),))]
    if missing:
        raise NotFound(f"unknown {what}: {', '.join(missing[:10])}")


def _merge_with_stored(conn: sqlite3.Connection, events: list[Event]) -> tuple[list[Event], set[str]]:
    """Keep the first write's first_seen and the earliest reported_at of every write."""
    stored = {row[0]: (row[1], row[2]) for row in conn.execute(
        "SELECT id, first_seen, reported_at FROM events WHERE id IN (SELECT value FROM json_each(?))",
        (ids_param(event.id for event in events),))}
    now = datetime.now(UTC).isoformat(timespec="seconds")
    merged = []
    for event in events:
        first_seen, reported_at = stored.get(event.id, (event.first_seen or now, event.reported_at))
        if event.reported_at and (reported_at is None or event.reported_at < reported_at):
            reported_at = event.reported_at
        merged.append(event.model_copy(update={"first_seen": first_seen, "reported_at": reported_at}))
    return merged, set(stored)


def upsert_events(conn: sqlite3.Connection, events: Sequence[Event]) -> int:
    """Replace properties and participants, add or replace reports, recount sources."""
    latest = list({event.id: event for event in events}.values())  # a repeated id: the last one wins
    _require_existing(conn, "actors", {p.actor_id for e in latest for p in e.participants}, "actor")
    _require_existing(conn, "articles", {r.article_id for e in events for r in e.reports}, "article")
    merged, stored_ids = _merge_with_stored(conn, latest)
    ids = ids_param(event.id for event in merged)
    conn.executemany(UPSERT_EVENT, [event_params(event) for event in merged])
    rewritten = [event.id for event in merged if event.id in stored_ids]
    pairs_before = stored_event_pairs(conn, ids_param(rewritten)) if rewritten else Counter()
    conn.execute("DELETE FROM participations WHERE event_id IN (SELECT value FROM json_each(?))", (ids,))
    conn.executemany(INSERT_PARTICIPATION, [
        (event.id, p.actor_id, p.role, position, event.sort_key, event.type, event.status)
        for event in merged for position, p in enumerate(event.participants)])
    apply_pair_changes(conn, pairs_before, event_pairs(merged))
    conn.executemany(UPSERT_REPORT, [
        (event.id, r.article_id, r.sentence, r.start, r.end) for event in events for r in event.reports])
    conn.execute(RECOUNT_SOURCES, (ids,))
    return len(merged)


def delete_article(conn: sqlite3.Connection, article_id: str) -> DeleteResult:
    """Delete the article and its reports; events it alone reported go too, the rest are recounted."""
    _require_existing(conn, "articles", {article_id}, "article")
    reported = ids_param(row[0] for row in conn.execute(
        "SELECT event_id FROM reports WHERE article_id = ?", (article_id,)))
    conn.execute("DELETE FROM reports WHERE article_id = ?", (article_id,))
    orphans = ids_param(row[0] for row in conn.execute(
        "SELECT value FROM json_each(?) WHERE NOT EXISTS (SELECT 1 FROM reports WHERE event_id = value)",
        (reported,)))
    remove_event_pairs(conn, orphans)
    deleted = conn.execute("DELETE FROM events WHERE id IN (SELECT value FROM json_each(?))", (orphans,))
    updated = conn.execute(RECOUNT_SOURCES, (reported,))
    conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
    return DeleteResult(article_id=article_id, events_deleted=deleted.rowcount, events_updated=updated.rowcount)


def clear(conn: sqlite3.Connection) -> None:
    for table in TABLES_IN_DELETE_ORDER:
        conn.execute(f"DELETE FROM {table}")
