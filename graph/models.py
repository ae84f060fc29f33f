"""The graph's data model: actors, events (nodes, so n-ary events stay whole) and articles."""

from __future__ import annotations

from datetime import date
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

ActorKind = Literal["person", "country", "organisation", "group"]
EventType = Literal[
    "call", "visit", "meeting", "prisoner_exchange", "appointment",
    "dismissal", "agreement", "sanction", "statement",
]
EVENT_TYPES: tuple[str, ...] = EventType.__args__  # type: ignore[attr-defined]
Status = Literal["occurred", "planned"]
DatePrecision = Literal["day", "month", "year", "unknown"]
Role = str  # initiator, recipient, visitor, host, appointee, imposer, target, party, ...

T = TypeVar("T")


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class RoleTerm(Model):
    """A position an actor held (or holds, when `end` is None), e.g. foreign minister of KZ."""

    role: str
    title: str | None = None  # the office's own name where not generic, e.g. "Secretary of State"
    country: str | None = None
    organisation: str | None = None
    start: str | None = None  # ISO date, or YYYY-MM / YYYY when that is all that is known
    end: str | None = None
    source: str = "file"  # file | learned | user
    article_id: str | None = None


class Actor(Model):
    """A person, country, organisation or group with a stable slug id (e.g. `country:RUS`)."""

    id: str = Field(min_length=1, max_length=200)
    name: str = Field(min_length=1, max_length=500)
    kind: ActorKind
    aliases: list[str] = Field(default_factory=list)
    country: str | None = None  # ISO alpha-3 for persons and organisations
    roles: list[RoleTerm] = Field(default_factory=list)


class Article(Model):
    """A news or commentary article that reports events."""

    id: str = Field(min_length=1, max_length=200)
    url: str | None = None
    source: str | None = None
    title: str | None = None
    published_at: str | None = None  # ISO date or datetime
    content_hash: str | None = None


class Participant(Model):
    actor_id: str
    role: Role = "party"


class Place(Model):
    name: str
    country: str | None = None  # ISO alpha-3 where known


class Report(Model):
    """Evidence that an article reports an event: the sentence and its character offsets."""

    article_id: str
    sentence: str = ""
    start: int = 0
    end: int = 0


class Event(Model):
    """A typed event; `reports` are the articles (with evidence) that report it."""

    id: str = Field(min_length=1, max_length=200)
    type: EventType
    date: str | None = None  # ISO date at the precision below (YYYY-MM-DD)
    date_precision: DatePrecision = "unknown"
    status: Status = "occurred"
    place: Place | None = None
    codes: dict[str, str] = Field(default_factory=dict)  # {"cameo": "042", "plover": "CONSULT"}
    attributes: dict[str, Any] = Field(default_factory=dict)
    confidence: float = Field(1.0, ge=0.0, le=1.0)
    first_seen: str | None = None  # ISO timestamp when geokg first stored it
    reported_at: str | None = None  # earliest publication date of its articles; orders undated events
    source_count: int = 0
    participants: list[Participant] = Field(default_factory=list)
    reports: list[Report] = Field(default_factory=list)

    @property
    def sort_key(self) -> str:
        """Timeline order: the event's date, else when it was first reported."""
        return (self.date or self.reported_at or "0000-00-00")[:10]


class Source(Model):
    """An article reporting an event, with its evidence."""

    article: Article
    sentence: str
    start: int
    end: int


class EventDetail(Model):
    event: Event
    actors: list[Actor]
    sources: list[Source]


class EventFilter(Model):
    """Filters shared by timelines and event listings."""

    actor: str | None = None
    counterpart: str | None = None
    types: list[EventType] | None = None
    status: Status | None = None
    place: str | None = None
    date_from: date | None = None
    date_to: date | None = None


class Page(Model, Generic[T]):
    items: list[T]
    next_cursor: str | None = None


class TimelineItem(Model):
    """An event with its participants' names, ready to show."""

    event: Event
    actors: list[Actor]
    evidence: Report | None = None


class ActorHit(Model):
    actor: Actor
    score: float
    matched: str  # the name or alias that matched


class Counterpart(Model):
    actor: Actor
    events: int


class ActorSummary(Model):
    """What an actor card shows beside the actor: event counts by type and top counterparts."""

    actor: Actor
    event_counts: dict[str, int]
    top_counterparts: list[Counterpart]
    first_event: str | None = None
    last_event: str | None = None


class Dyad(Model):
    """The history between two actors."""

    a: Actor
    b: Actor
    counts_by_type: dict[str, int]
    counts_by_year: dict[str, int]
    first_contact: str | None
    last_contact: str | None
    total: int


class Edge(Model):
    source: str
    target: str
    weight: int
    types: dict[str, int]


class Subgraph(Model):
    """An ego network: actors and co-participation edges weighted by shared events."""

    center: str
    nodes: list[Actor]
    edges: list[Edge]
    truncated: bool = False
    node_limit: int


class PathStep(Model):
    """One hop of a path: from an actor through an event to the next actor."""

    source: str
    event: Event
    target: str


class ActorPath(Model):
    actors: list[Actor]
    steps: list[PathStep]


class DeleteResult(Model):
    article_id: str
    events_deleted: int
    events_updated: int


class Stats(Model):
    actors: int
    events: int
    articles: int
    reports: int
    events_by_type: dict[str, int]
    backend: str
