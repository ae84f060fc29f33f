"""`Neo4jStore`: the GraphStore protocol over one Neo4j database, one driver per store."""

from __future__ import annotations

from collections.abc import Sequence

from graph.backends.neo4j import network, reads, search, writes
from graph.backends.neo4j import queries as q
from graph.backends.neo4j.client import Client
from graph.backends.neo4j.rows import article_from_record
from graph.errors import NotFound
from graph.models import (
    EVENT_TYPES,
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


class Neo4jStore:
    """The server store: parameterized Cypher in managed transactions, UNWIND batches for writes."""

    backend = "neo4j"

    def __init__(self, url: str, *, user: str = "neo4j", password: str = "", database: str = "neo4j",
                 timeout_s: float = 10.0) -> None:
        self.url = url
        self._client = Client(url, user=user, password=password, database=database, timeout_s=timeout_s)

    def init_schema(self) -> None:
        """Create constraints and indexes if they do not exist yet, and wait until they are online."""
        for statement in q.SCHEMA:
            self._client.autocommit(statement)
        self._client.autocommit(q.AWAIT_INDEXES, timeout_s=300.0, seconds=300)

    def ping(self) -> None:
        """Return if the database answers a query; StoreUnavailable at once if not (no retries)."""
        self._client.autocommit(q.PING)

    def close(self) -> None:
        """Close the driver and its connection pool."""
        self._client.close()

    def clear(self) -> None:
        """Delete every actor, event and article."""
        writes.clear(self._client)

    def upsert_articles(self, articles: Sequence[Article]) -> int:
        """Insert or update articles by id."""
        return writes.upsert_articles(self._client, articles)

    def upsert_actors(self, actors: Sequence[Actor]) -> int:
        """Insert or update actors by id, replacing their searchable names."""
        return writes.upsert_actors(self._client, actors)

    def upsert_events(self, events: Sequence[Event]) -> int:
        """Insert or update events by id; NotFound (writing nothing) for unknown actors or articles."""
        return writes.upsert_events(self._client, events)

    def get_actor(self, actor_id: str) -> Actor:
        """The actor with this id; NotFound if none."""
        return self._client.read(lambda tx: reads.require_actors(tx, actor_id))[actor_id]

    def get_actors(self, actor_ids: Sequence[str]) -> dict[str, Actor]:
        """The actors among these ids that exist, by id."""
        return self._client.read(lambda tx: reads.load_actors(tx, actor_ids))

    def search_actors(
        self, query: str, *, kinds: Sequence[str] | None = None, country: str | None = None, limit: int = 10
    ) -> list[ActorHit]:
        """Actors by exact name or alias, then prefix, then fuzzy match; best first."""
        return self._client.read(
            lambda tx: search.search_actors(tx, query, kinds=kinds, country=country, limit=limit))

    def get_article(self, article_id: str) -> Article:
        """The article with this id; NotFound if none."""
        records = self._client.fetch(q.GET_ARTICLE, id=article_id)
        if not records:
            raise NotFound(f"unknown article: {article_id}")
        return article_from_record(records[0]["article"])

    def find_article(self, *, url: str | None = None, content_hash: str | None = None) -> Article | None:
        """The article with this URL, else with this content hash, if any."""
        records = self._client.fetch(q.FIND_ARTICLE_BY_URL, url=url) if url is not None else []
        if not records and content_hash is not None:
            records = self._client.fetch(q.FIND_ARTICLE_BY_HASH, hash=content_hash)
        return article_from_record(records[0]["article"]) if records else None

    def events(
        self, flt: EventFilter, *, limit: int = 50, cursor: str | None = None, newest_first: bool = True
    ) -> Page[TimelineItem]:
        """One page of events matching the filter, ordered by (sort_key, id)."""
        return self._client.read(
            lambda tx: reads.list_events(tx, flt, limit=limit, cursor=cursor, newest_first=newest_first))

    def actor_summary(self, actor_id: str, *, top: int = 10) -> ActorSummary:
        """Event counts by type, first/last event and top counterparts of an actor."""
        return self._client.read(lambda tx: network.actor_summary(tx, actor_id, top=top))

    def dyad(self, a: str, b: str) -> Dyad:
        """The shared history of two actors."""
        return self._client.read(lambda tx: network.dyad(tx, a, b))

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
        return self._client.read(lambda tx: network.ego_network(
            tx, actor_id, depth=depth, flt=flt, min_weight=min_weight, node_limit=node_limit))

    def paths(self, a: str, b: str, *, max_depth: int = 4, limit: int = 5) -> list[ActorPath]:
        """Shortest paths between two actors through shared events."""
        return self._client.read(lambda tx: network.actor_paths(tx, a, b, max_depth=max_depth, limit=limit))

    def get_event(self, event_id: str) -> EventDetail:
        """The event with its actors and sources; NotFound if none."""
        return self._client.read(lambda tx: reads.event_detail(tx, event_id))

    def stats(self) -> Stats:
        """Counts of what the store holds."""

        def work(tx: reads.Tx) -> Stats:
            counts = tx.run(q.STATS).single(strict=True)
            by_type = {record["type"]: record["n"] for record in tx.run(q.EVENTS_BY_TYPE, types=list(EVENT_TYPES))}
            return Stats(actors=counts["actors"], events=counts["events"], articles=counts["articles"],
                         reports=counts["reports"], events_by_type=by_type, backend=self.backend)

        return self._client.read(work)

    def delete_article(self, article_id: str) -> DeleteResult:
        """Delete an article, its reports and the events only it reported."""
        return writes.delete_article(self._client, article_id)
