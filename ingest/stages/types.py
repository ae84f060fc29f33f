"""What the extraction stages pass along: the output event models and the per-article working state."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr
from spacy.tokens import Doc, Token

from graph.models import Actor, DatePrecision, EventType, Status
from ingest.articles import ArticleIn

ActorKind = Literal["person", "country", "organisation", "group"]


class Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ActorRef(Out):
    """An actor as the extractor resolved it: a knowledge-base actor or a person found in the text."""

    id: str
    name: str
    kind: ActorKind
    aliases: list[str] = Field(default_factory=list)
    country: str | None = None
    via: str | None = Field(None, exclude=True)  # how the mention named it: name, role, capital, ...

    @classmethod
    def from_actor(cls, actor: Actor) -> ActorRef:
        """The reference to a knowledge-base actor."""
        return cls(id=actor.id, name=actor.name, kind=actor.kind, aliases=list(actor.aliases),
                   country=actor.country)


class ParticipantOut(Out):
    """An actor taking part in an event, with its role (initiator, recipient, visitor, host, ...)."""

    id: str
    name: str
    kind: ActorKind
    role: str = "party"
    aliases: list[str] = Field(default_factory=list)


class PlaceOut(Out):
    """Where an event happened: a city or country name and the country's ISO alpha-3 code."""

    name: str
    country: str | None = None


class Evidence(Out):
    """The sentence that reports the event and its character offsets in the article text."""

    sentence: str
    start: int
    end: int


class ExtractedEvent(Out):
    """One typed event found in one article."""

    type: EventType
    status: Status = "occurred"
    date: str | None = None
    date_precision: DatePrecision = "unknown"
    participants: list[ParticipantOut] = Field(default_factory=list)
    place: PlaceOut | None = None
    attributes: dict[str, Any] = Field(default_factory=dict)
    codes: dict[str, str] = Field(default_factory=dict)
    confidence: float = Field(0.5, ge=0.0, le=1.0)
    evidence: Evidence
    _date_inferred: bool = PrivateAttr(False)  # date taken from the paragraph or lead, not the sentence


@dataclass
class Mention:
    """A span of the article text that names an actor."""

    start: int
    end: int
    text: str
    actor: ActorRef
    how: str


@dataclass
class Sentence:
    """A sentence of the cleaned text; `doc` is set only for sentences that were parsed."""

    start: int
    end: int
    text: str
    paragraph: int = 0
    types: set[str] = field(default_factory=set)
    doc: Doc | None = None
    tokens: tuple[int, int] | None = None  # its token range in the article's Doc, when it is whole tokens


@dataclass
class Candidate:
    """An event being built from one trigger word; roles map to the actors found for them."""

    type: str
    sentence: Sentence
    trigger: Token
    roles: dict[str, list[ActorRef]] = field(default_factory=dict)
    place: PlaceOut | None = None
    date: str | None = None
    date_precision: str = "unknown"
    status: str = "occurred"
    date_inferred: bool = False
    keep: bool = True
    judged: bool = False  # status.judge has set keep and status from the sentence
    attributes: dict[str, Any] = field(default_factory=dict)
    confidence: float = 0.6

    def actors(self) -> list[ActorRef]:
        """Every actor in any role, once."""
        seen: dict[str, ActorRef] = {}
        for refs in self.roles.values():
            for ref in refs:
                seen.setdefault(ref.id, ref)
        return list(seen.values())


@dataclass
class Context:
    """One article's working state as it moves through the stages."""

    article: ArticleIn
    text: str = ""
    published: dt.date | None = None
    doc: Doc | None = None  # the cleaned text tokenized once (no pipeline components)
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    events: list[ExtractedEvent] = field(default_factory=list)
    book: Any = None  # the ActorBook, for stages that resolve role phrases in context
