"""Tables and indexes of the SQLite store, created idempotently; every query is an index range scan."""

from __future__ import annotations

import sqlite3

SCHEMA_VERSION = 2

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
    "CREATE INDEX IF NOT EXISTS events_type_order ON events(type, sort_key, id)",
    "CREATE INDEX IF NOT EXISTS events_place_order ON events(place_norm, sort_key, id)",
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
    # Co-participation counts kept up to date on every write, in both directions, so networks, paths
    # and top counterparts read an actor's neighbours instead of all of its events.
    """CREATE TABLE IF NOT EXISTS pair_types (
        actor_id TEXT NOT NULL,
        other_id TEXT NOT NULL,
        type TEXT NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (actor_id, other_id, type)
    ) WITHOUT ROWID""",
    """CREATE TABLE IF NOT EXISTS pair_weights (
        actor_id TEXT NOT NULL,
        other_id TEXT NOT NULL,
        weight INTEGER NOT NULL,
        PRIMARY KEY (actor_id, other_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX IF NOT EXISTS pair_weights_heaviest ON pair_weights(actor_id, weight DESC, other_id)",
    f"PRAGMA user_version = {SCHEMA_VERSION}",
)

# Cleared children first so foreign keys hold at every step.
TABLES_IN_DELETE_ORDER = ("pair_weights", "pair_types", "reports", "participations", "events",
                          "actor_names_fts", "actor_names", "actors", "articles")


def create_schema(conn: sqlite3.Connection) -> None:
    """Create every table and index that does not exist yet (safe to run on each start)."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    for statement in STATEMENTS:
        conn.execute(statement)
    if 0 < version < 2:  # files written before the pair tables existed
        rebuild_pairs(conn)


def rebuild_pairs(conn: sqlite3.Connection) -> None:
    """Recompute both pair tables from participations (migration and repair)."""
    conn.execute("DELETE FROM pair_types")
    conn.execute("DELETE FROM pair_weights")
    conn.execute("""
        INSERT INTO pair_types (actor_id, other_id, type, count)
        SELECT p.actor_id, q.actor_id, p.type, COUNT(DISTINCT p.event_id)
        FROM participations p JOIN participations q ON q.event_id = p.event_id AND q.actor_id != p.actor_id
        GROUP BY p.actor_id, q.actor_id, p.type""")
    conn.execute("""
        INSERT INTO pair_weights (actor_id, other_id, weight)
        SELECT actor_id, other_id, SUM(count) FROM pair_types GROUP BY actor_id, other_id""")
