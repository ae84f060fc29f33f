"""Tables and indexes of the SQLite store, created idempotently; every query is an index range scan."""

from __future__ import annotations

import sqlite3

SCHEMA_VERSION = 4
PAIRS_SINCE = 3  # files of an older schema get `pairs` rebuilt from participations

STATEMENTS = (
    """CREATE TABLE IF NOT EXISTS actors (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        country TEXT,
        aliases TEXT NOT NULL DEFAULT '[]',
        roles TEXT NOT NULL DEFAULT '[]'
    )""",
    # Normalised names and aliases: exact and prefix search are ranges on `norm`.
    """CREATE TABLE IF NOT EXISTS actor_names (
        id INTEGER PRIMARY KEY,
        actor_id TEXT NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
        norm TEXT NOT NULL,
        name TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS actor_names_norm ON actor_names(norm, actor_id)",
    "CREATE INDEX IF NOT EXISTS actor_names_actor ON actor_names(actor_id)",
    # Trigram index over the same names (rowid = actor_names.id) for substring and fuzzy candidates.
    "CREATE VIRTUAL TABLE IF NOT EXISTS actor_names_fts USING fts5(norm, tokenize='trigram', detail='none')",
    """CREATE TABLE IF NOT EXISTS articles (
        id TEXT PRIMARY KEY,
        url TEXT UNIQUE,
        source TEXT,
        title TEXT,
        published_at TEXT,
        content_hash TEXT
    )""",
    "CREATE INDEX IF NOT EXISTS articles_content_hash ON articles(content_hash)",
    """CREATE TABLE IF NOT EXISTS events (
        id TEXT PRIMARY KEY,
        type TEXT NOT NULL,
        date TEXT,
        date_precision TEXT NOT NULL,
        status TEXT NOT NULL,
        place_name TEXT,
        place_country TEXT,
        place_norm TEXT,
        codes TEXT NOT NULL DEFAULT '{}',
        attributes TEXT NOT NULL DEFAULT '{}',
        confidence REAL NOT NULL,
        first_seen TEXT NOT NULL,
        reported_at TEXT,
        source_count INTEGER NOT NULL DEFAULT 0,
        sort_key TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS events_order ON events(sort_key, id)",
    # Partial: most events have no place, and `place_norm = ?` never needs them.
    "CREATE INDEX IF NOT EXISTS events_at_place ON events(place_norm, sort_key, id) WHERE place_norm IS NOT NULL",
    # Counts by type for stats(); rows arrive in rowid order, so each insert lands at the end of its type.
    "CREATE INDEX IF NOT EXISTS events_type ON events(type)",
    # Schema 3 and earlier: a type index (listing by type scans events_order instead, cheaper to
    # write at a million events) and a full place index.
    "DROP INDEX IF EXISTS events_type_order",
    "DROP INDEX IF EXISTS events_place_order",
    # The event's sort_key/type/status are copied here so timelines and networks never touch `events`.
    """CREATE TABLE IF NOT EXISTS participations (
        event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        actor_id TEXT NOT NULL REFERENCES actors(id),
        role TEXT NOT NULL,
        position INTEGER NOT NULL,
        sort_key TEXT NOT NULL,
        type TEXT NOT NULL,
        status TEXT NOT NULL,
        PRIMARY KEY (event_id, actor_id, role)
    ) WITHOUT ROWID""",
    "CREATE INDEX IF NOT EXISTS participations_timeline"
    " ON participations(actor_id, sort_key, event_id, type, status)",
    """CREATE TABLE IF NOT EXISTS reports (
        event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        sentence TEXT NOT NULL,
        start_offset INTEGER NOT NULL,
        end_offset INTEGER NOT NULL,
        PRIMARY KEY (event_id, article_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX IF NOT EXISTS reports_article ON reports(article_id, event_id)",
    # Co-participation kept up to date on every write, in both directions (weight = shared events,
    # types = {event type: shared events}), so networks, paths and top counterparts read an actor's
    # neighbours instead of all of its events.
    """CREATE TABLE IF NOT EXISTS pairs (
        actor_id TEXT NOT NULL,
        other_id TEXT NOT NULL,
        weight INTEGER NOT NULL,
        types TEXT NOT NULL,
        PRIMARY KEY (actor_id, other_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX IF NOT EXISTS pairs_heaviest ON pairs(actor_id, weight DESC, other_id)",
    "DROP TABLE IF EXISTS pair_types",  # schema 2 kept types in their own table
    "DROP TABLE IF EXISTS pair_weights",
    f"PRAGMA user_version = {SCHEMA_VERSION}",
)

# Cleared children first so foreign keys hold at every step.
TABLES_IN_DELETE_ORDER = ("pairs", "reports", "participations", "events",
                          "actor_names_fts", "actor_names", "actors", "articles")


def create_schema(conn: sqlite3.Connection) -> None:
    """Create every table and index that does not exist yet (safe to run on each start)."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    for statement in STATEMENTS:
        conn.execute(statement)
    if 0 < version < PAIRS_SINCE:
        rebuild_pairs(conn)


def rebuild_pairs(conn: sqlite3.Connection) -> None:
    """Recompute `pairs` from participations (migration and repair)."""
    conn.execute("DELETE FROM pairs")
    conn.execute("""
        INSERT INTO pairs (actor_id, other_id, weight, types)
        SELECT actor_id, other_id, SUM(shared), json_group_object(type, shared) FROM (
            SELECT p.actor_id AS actor_id, q.actor_id AS other_id, p.type AS type,
                   COUNT(DISTINCT p.event_id) AS shared
            FROM participations p JOIN participations q ON q.event_id = p.event_id AND q.actor_id != p.actor_id
            GROUP BY p.actor_id, q.actor_id, p.type ORDER BY p.actor_id, q.actor_id, p.type)
        GROUP BY actor_id, other_id""")  # type keys come out sorted, as incremental writes keep them
