"""`SqliteStore`: the GraphStore protocol over one SQLite file."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from graph.backends.sqlite import events, network, profiles, search, writes
from graph.backends.sqlite.database import Database
from graph.backends.sqlite.rows import article_from_row
from graph.backends.sqlite.schema import create_schema
from graph.errors import NotFound
from graph.models import (
    Actor,
    ActorHit,
    ActorPath,
    ActorSummary,
    Article,
    DeleteResult,
    Dyad,
    Event,
    EventDetail,
    EventFilter,
    Page,
    Stats,
    Subgraph,
    TimelineItem,
)


class SqliteStore:
    """The embedded store: WAL, one writer connection, one read connection per thread."""

    backend = "sqlite"

    def __init__(self, path: Path, *, timeout_s: float) -> None:
        self.path = path
        self._db = Database(path, timeout_s=timeout_s)

    def init_schema(self) -> None:
        """Create tables and indexes if they do not exist yet."""
        with self._db.write() as conn:
            create_schema(conn)

    def ping(self) -> None:
        """Return if the file answers a query; StoreUnavailable if not."""
        with self._db.read() as conn:
            conn.execute("SELECT 1").fetchone()

    def close(self) -> None:
        """Close every connection (later calls raise StoreUnavailable)."""
        self._db.close()

    def clear(self) -> None:
        """Delete every actor, event and article."""
        with self._db.write() as conn:
            writes.clear(conn)

    def upsert_articles(self, articles: Sequence[Article]) -> int:
        """Insert or update articles by id."""
        with self._db.write() as conn:
            return writes.upsert_articles(conn, articles)

    def upsert_actors(self, actors: Sequence[Actor]) -> int:
        """Insert or update actors by id, replacing their searchable names."""
        with self._db.write() as conn:
            return writes.upsert_actors(conn, actors)

    def upsert_events(self, events: Sequence[Event]) -> int:
        """Insert or update events by id in one transaction; NotFound writes nothing."""
        with self._db.write() as conn:
            return writes.upsert_events(conn, events)

    def get_actor(self, actor_id: str) -> Actor:
        """The actor with this id; NotFound if none."""
        with self._db.read() as conn:
            return events.require_actors(conn, actor_id)[actor_id]

    def get_actors(self, actor_ids: Sequence[str]) -> dict[str, Actor]:
        """The actors among these ids that exist, by id."""
        with self._db.read() as conn:
            return events.load_actors(conn, actor_ids)

    def search_actors(
        self, query: str, *, kinds: Sequence[str] | None = None, country: str | None = None, limit: int = 10
    ) -> list[ActorHit]:
        """Actors by exact name or alias, then prefix, then fuzzy match; best first."""
        with self._db.read() as conn:
            return search.search_actors(conn, query, kinds=kinds, country=country, limit=limit)

    def get_article(self, article_id: str) -> Article:
        """The article with this id; NotFound if none."""
        with self._db.read() as conn:
            row = conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise NotFound(f"unknown article: {article_id}")
        return article_from_row(row)

    def find_article(self, *, url: str | None = None, content_hash: str | None = None) -> Article | None:
        """The article with this URL, else with this content hash, if any."""
        with self._db.read() as conn:
            row = None
            if url is not None:
                row = conn.execute("SELECT * FROM articles WHERE url = ?", (url,)).fetchone()
            if row is None and content_hash is not None:
                row = conn.execute("SELECT * FROM articles WHERE content_hash = ? ORDER BY id LIMIT 1",
                                   (content_hash,)).fetchone()
        return article_from_row(row) if row else None

    def events(
        self, flt: EventFilter, *, limit: int = 50, cursor: str | None = None, newest_first: bool = True
    ) -> Page[TimelineItem]:
        """One page of events matching the filter, ordered by (sort_key, id)."""
        with self._db.read() as conn:
            return events.list_events(conn, flt, limit=limit, cursor=cursor, newest_first=newest_first)

    def actor_summary(self, actor_id: str, *, top: int = 10) -> ActorSummary:
        """Event counts by type, first/last event and top counterparts of an actor."""
        with self._db.read() as conn:
            return profiles.actor_summary(conn, actor_id, top=top)

    def dyad(self, a: str, b: str) -> Dyad:
        """The shared history of two actors."""
        with self._db.read() as conn:
            return profiles.dyad(conn, a, b)

    def network(
        self,
        actor_id: str,
        *,
        depth: int = 1,
        flt: EventFilter | None = None,
        min_weight: int = 1,
        node_limit: int = 200,
    ) -> Subgraph:
        """The ego network of an actor to `depth` hops."""
        with self._db.read() as conn:
            return network.ego_network(conn, actor_id, depth=depth, flt=flt, min_weight=min_weight,
                                       node_limit=node_limit)

    def paths(self, a: str, b: str, *, max_depth: int = 4, limit: int = 5) -> list[ActorPath]:
        """Shortest paths between two actors through shared events."""
        with self._db.read() as conn:
            return network.actor_paths(conn, a, b, max_depth=max_depth, limit=limit)

    def get_event(self, event_id: str) -> EventDetail:
        """The event with its actors and sources; NotFound if none."""
        with self._db.read() as conn:
            return events.event_detail(conn, event_id)

    def stats(self) -> Stats:
        """Counts of what the store holds."""
        with self._db.read() as conn:
            counts = conn.execute(
                "SELECT (SELECT COUNT(*) FROM actors), (SELECT COUNT(*) FROM events), "
                "(SELECT COUNT(*) FROM articles), (SELECT COUNT(*) FROM reports)").fetchone()
            by_type = dict(conn.execute("SELECT type, COUNT(*) FROM events GROUP BY type ORDER BY type").fetchall())
        return Stats(actors=counts[0], events=counts[1], articles=counts[2], reports=counts[3],
                     events_by_type=by_type, backend=self.backend)

    def delete_article(self, article_id: str) -> DeleteResult:
        """Delete an article, its reports and the events only it reported."""
        with self._db.write() as conn:
            return writes.delete_article(conn, article_id)
