"""Load extracted events into the graph: idempotent per article, merging reports of one real event.

Merge rule (conservative; see docs/merging.md): an event joins an existing one only when both have
the same type, status and the same set of participant ids, and their dates are compatible: equal
when both are dated, or within `window_days` of each other (an undated event counts at its
article's publication date) when one is undated. Places must not contradict (same name or country,
or one missing). Everything else becomes a new event.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from graph.errors import NotFound
from graph.models import Actor, Article, Event, EventFilter, Participant, Place, Report
from graph.store import GraphStore
from ingest.ids import article_id, content_hash, event_id
from ingest.kb import KnowledgeBase

logger = logging.getLogger(__name__)

ActorLookup = Callable[[str], Actor | None]
# Called with (event dict, article id, publication date) for appointments and dismissals, so the
# knowledge base learns who now holds which office (KnowledgeBase.learn_from_event).
RoleLearner = Callable[[Mapping[str, Any], str, str | None], object]
LEARNED_FROM = {"appointment", "dismissal"}


@dataclass
class LoadResult:
    article_id: str
    status: str  # "new", "updated", "unchanged"
    events_new: int = 0
    events_merged: int = 0
    event_ids: list[str] = field(default_factory=list)


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value[:10]).date()
    except ValueError:
        return None


def _places_agree(a: Place | None, b: Place | None) -> bool:
    if a is None or b is None:
        return True
    if a.name.casefold() == b.name.casefold():
        return True
    return bool(a.country and b.country and a.country == b.country)


class GraphLoader:
    """Turns (article, extracted events) into upserts, one article at a time."""

    def __init__(self, store: GraphStore, *, lookup_actor: ActorLookup | None = None,
                 learn_role: RoleLearner | None = None, window_days: int = 3):
        self.store = store
        self.lookup_actor = lookup_actor or (lambda _id: None)
        self.learn_role = learn_role
        self.window = timedelta(days=window_days)

    @classmethod
    def with_knowledge_base(cls, store: GraphStore, kb: KnowledgeBase, **options: Any) -> GraphLoader:
        """A loader that takes actors' names and roles from the knowledge base and teaches it new terms."""
        def learn(event: Mapping[str, Any], article_id: str, published_at: str | None) -> object:
            return kb.learn_from_event(dict(event), article_id=article_id, published_at=published_at)

        return cls(store, lookup_actor=kb.get, learn_role=learn, **options)

    def load(self, article: Mapping[str, Any], events: Sequence[Mapping[str, Any]]) -> LoadResult:
        """Store one article and its events; re-loading the same content changes nothing."""
        text_hash = content_hash(article.get("title"), article.get("text") or "")
        art_id = article_id(article.get("url"), article.get("id"), text_hash)
        existing = self._existing(art_id, article.get("url"), text_hash)
        if existing is not None and existing.content_hash == text_hash:
            return LoadResult(existing.id, "unchanged")
        status = "new"
        if existing is not None:  # the same article, updated: replace only its own contribution
            self.store.delete_article(existing.id)
            # No hash: an earlier load stopped half-way (see below), so this is its first complete load.
            art_id, status = existing.id, "updated" if existing.content_hash else "new"
        published = (article.get("published_at") or None) and str(article["published_at"])[:10]
        record = Article(
            id=art_id, url=article.get("url"), source=article.get("source"), title=article.get("title"),
            published_at=article.get("published_at"), content_hash=text_hash,
        )
        # The hash is written last: a load killed half-way leaves an article without one, which the
        # next load of it replaces instead of taking it for complete and "unchanged".
        self.store.upsert_articles([record.model_copy(update={"content_hash": None})])
        result = LoadResult(art_id, status)
        if self.learn_role is not None:  # before the actors are written, so they carry the new term
            for raw in events:
                if raw.get("type") in LEARNED_FROM:
                    self.learn_role(raw, art_id, published)
        self.store.upsert_actors(self._actors(events))
        for raw in events:
            event = self._event(raw, art_id, published)
            twin = self._find_twin(event, published)
            if twin is not None:
                event = self._merge(twin, event)
                result.events_merged += 1
            else:
                result.events_new += 1
            self.store.upsert_events([event])
            result.event_ids.append(event.id)
        self.store.upsert_articles([record])
        return result

    def _existing(self, art_id: str, url: str | None, text_hash: str) -> Article | None:
        found = self.store.find_article(url=url) if url else None
        found = found or self.store.find_article(content_hash=text_hash)
        if found is None:
            try:
                found = self.store.get_article(art_id)
            except NotFound:
                found = None
        return found

    def _actors(self, events: Sequence[Mapping[str, Any]]) -> list[Actor]:
        actors: dict[str, Actor] = {}
        for raw in events:
            for p in raw.get("participants", []):
                if p["id"] in actors:
                    continue
                known = self.lookup_actor(p["id"])
                actors[p["id"]] = known or Actor(
                    id=p["id"], name=p.get("name") or p["id"], kind=p.get("kind") or "person",
                    aliases=list(p.get("aliases") or []),
                )
        return list(actors.values())

    @staticmethod
    def _event(raw: Mapping[str, Any], art_id: str, published: str | None) -> Event:
        participants = [Participant(actor_id=p["id"], role=p.get("role") or "party") for p in raw["participants"]]
        place = raw.get("place")
        evidence = raw.get("evidence") or {}
        return Event(
            id=event_id(raw["type"], [p.actor_id for p in participants], raw.get("date"),
                        f"{art_id}:{evidence.get('start', 0)}"),
            type=raw["type"], date=raw.get("date"), date_precision=raw.get("date_precision") or "unknown",
            status=raw.get("status") or "occurred",
            place=Place(name=place["name"], country=place.get("country")) if place else None,
            codes=dict(raw.get("codes") or {}), attributes=dict(raw.get("attributes") or {}),
            confidence=float(raw.get("confidence", 1.0)), reported_at=published,
            participants=participants,
            reports=[Report(article_id=art_id, sentence=evidence.get("sentence", ""),
                            start=int(evidence.get("start", 0)), end=int(evidence.get("end", 0)))],
        )

    def _find_twin(self, event: Event, published: str | None) -> Event | None:
        """An existing event this one is another report of, under the merge rule."""
        anchor = _day(event.date) or _day(published)
        actor_ids = sorted({p.actor_id for p in event.participants})
        if anchor is None or not actor_ids:
            return None
        flt = EventFilter(actor=actor_ids[0], counterpart=actor_ids[1] if len(actor_ids) > 1 else None,
                          types=[event.type], status=event.status,
                          date_from=anchor - self.window, date_to=anchor + self.window)
        best: tuple[timedelta, Event] | None = None
        for item in self.store.events(flt, limit=50).items:
            other = item.event
            if other.id == event.id:
                return other
            if sorted({p.actor_id for p in other.participants}) != actor_ids:
                continue
            if event.date and other.date and event.date[:10] != other.date[:10]:
                continue
            if not _places_agree(event.place, other.place):
                continue
            other_day = _day(other.date) or _day(other.reported_at) or anchor
            gap = abs(other_day - anchor)
            if best is None or gap < best[0]:
                best = (gap, other)
        return best[1] if best else None

    @staticmethod
    def _merge(twin: Event, new: Event) -> Event:
        """The twin, completed with what the new report adds; the store appends the new report."""
        dated = twin if twin.date else new
        return twin.model_copy(update={
            "date": dated.date, "date_precision": dated.date_precision,
            "place": twin.place or new.place,
            "attributes": {**new.attributes, **twin.attributes},
            "codes": twin.codes or new.codes,
            "confidence": max(twin.confidence, new.confidence),
            "reported_at": min(filter(None, [twin.reported_at, new.reported_at]), default=None),
            "reports": new.reports,
        })
