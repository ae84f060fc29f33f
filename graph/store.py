"""The one storage interface (`GraphStore`) and the factory that opens a backend from a URL.

Backend names never appear outside `graph/backends/` and `open_store`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any, Protocol, cast, runtime_checkable

from graph.errors import StoreUnavailable
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
from graph.settings import Settings, get_settings, sqlite_path, store_kind


@runtime_checkable
class GraphStore(Protocol):
    """Everything the API and ingestion need from a store. Writes are idempotent upserts."""

    backend: str

    def init_schema(self) -> None:
        """Create constraints and indexes if they do not exist yet."""

    def ping(self) -> None:
        """Return if the store answers; raise StoreUnavailable if not."""

    def close(self) -> None:
        """Release connections."""

    def clear(self) -> None:
        """Delete every actor, event and article (admin and tests)."""

    def upsert_articles(self, articles: Sequence[Article]) -> int:
        """Insert or update articles by id; returns how many were written."""

    def upsert_actors(self, actors: Sequence[Actor]) -> int:
        """Insert or update actors by id (name, kind, aliases, country, roles replaced)."""

    def upsert_events(self, events: Sequence[Event]) -> int:
        """Insert or update events by id.

        Properties and participants are replaced; reports are added (an article's report
        of the same event replaces its earlier one); source_count is the number of
        distinct reporting articles. Participants and reporting articles must exist
        (NotFound otherwise)."""

    def get_actor(self, actor_id: str) -> Actor:
        """The actor with this id; NotFound if none."""

    def get_actors(self, actor_ids: Sequence[str]) -> dict[str, Actor]:
        """The actors among these ids that exist, by id (one round trip)."""

    def search_actors(
        self, query: str, *, kinds: Sequence[str] | None = None, country: str | None = None, limit: int = 10
    ) -> list[ActorHit]:
        """Actors whose name or alias matches the query: exact, then prefix, then fuzzy; best first."""

    def get_article(self, article_id: str) -> Article:
        """The article with this id; NotFound if none."""

    def find_article(self, *, url: str | None = None, content_hash: str | None = None) -> Article | None:
        """The article with this URL or content hash, if any (for idempotent ingestion)."""

    def events(
        self, flt: EventFilter, *, limit: int = 50, cursor: str | None = None, newest_first: bool = True
    ) -> Page[TimelineItem]:
        """Events matching the filter, ordered by (sort_key, id); an actor filter gives a timeline.

        The cursor is opaque and stable under inserts."""

    def actor_summary(self, actor_id: str, *, top: int = 10) -> ActorSummary:
        """Event counts by type, first/last event date and the top counterparts of an actor."""

    def dyad(self, a: str, b: str) -> Dyad:
        """Counts by type and year and first/last contact between two actors."""

    def network(
        self,
        actor_id: str,
        *,
        depth: int = 1,
        flt: EventFilter | None = None,
        min_weight: int = 1,
        node_limit: int = 200,
    ) -> Subgraph:
        """The ego network to `depth` hops: actors linked by shared events, weighted by their count.

        Only `types`, `status`, `date_from` and `date_to` of the filter apply. Nodes nearest
        the centre and with the heaviest edges are kept first; `truncated` says nodes were cut."""

    def paths(self, a: str, b: str, *, max_depth: int = 4, limit: int = 5) -> list[ActorPath]:
        """Shortest paths between two actors through shared events (max_depth counts actor hops)."""

    def get_event(self, event_id: str) -> EventDetail:
        """The event with its actors and every reporting article with evidence; NotFound if none."""

    def stats(self) -> Stats:
        """Counts of actors, events, articles and reports, and events by type."""

    def delete_article(self, article_id: str) -> DeleteResult:
        """Delete an article, its reports, and the events that only it reported."""


def open_store(url: str | None = None, *, settings: Settings | None = None, lazy_schema: bool = False) -> GraphStore:
    """Open the store at `url` (default: from settings) and make sure its schema exists.

    With `lazy_schema`, a server store whose server is down still opens: its schema is
    created on first use, retried on later calls until the server answers."""
    settings = settings or get_settings()
    url = url or settings.store_url
    store: GraphStore
    if store_kind(url) == "sqlite":
        from graph.backends.sqlite import SqliteStore

        store = SqliteStore(sqlite_path(url), timeout_s=settings.query_timeout_s)
    else:
        from graph.backends.neo4j import Neo4jStore

        store = Neo4jStore(
            url,
            user=settings.neo4j_user,
            password=settings.neo4j_password.get_secret_value(),
            database=settings.neo4j_database,
            timeout_s=settings.query_timeout_s,
        )
        if lazy_schema:
            return cast(GraphStore, SchemaOnFirstUse(store))
    store.init_schema()
    return store


class SchemaOnFirstUse:
    """A store whose schema is created before its first successful call, retried after StoreUnavailable."""

    _UNGUARDED = frozenset({"backend", "url", "close", "init_schema"})
    # Against a live server an attempt takes well under a second, so calls arriving meanwhile (a new
    # API worker's first concurrent requests) wait for it; against a down one it takes the connection
    # timeout, and they fail after this wait rather than queueing behind it.
    WAIT_FOR_ATTEMPT_S = 2.0

    def __init__(self, store: GraphStore) -> None:
        self._store = store
        self._attempt = threading.Lock()
        self._ready = False

    def init_schema(self) -> None:
        """Create the schema now, unless done; StoreUnavailable if the server is down, or if another
        attempt is still running after WAIT_FOR_ATTEMPT_S."""
        if self._ready:
            return
        if not self._attempt.acquire(timeout=self.WAIT_FOR_ATTEMPT_S):
            raise StoreUnavailable("the store schema is being initialised; retry shortly")
        try:
            if not self._ready:
                self._store.init_schema()
                self._ready = True
        finally:
            self._attempt.release()

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._store, name)
        if name in self._UNGUARDED or not callable(attribute):
            return attribute
        return self._guarded(attribute)

    def _guarded(self, method: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            self.init_schema()
            return method(*args, **kwargs)

        return call
