"""Merge stage: turn candidates into output events and report an event mentioned twice only once."""

from __future__ import annotations

from ingest.stages.rules import Rules
from ingest.stages.types import Candidate, Context, Evidence, ExtractedEvent, ParticipantOut

ROLE_ORDER = ["initiator", "visitor", "imposer", "appointee", "party", "recipient", "host", "target"]
PRECISION_RANK = {"day": 3, "month": 2, "year": 1, "unknown": 0}


def to_event(candidate: Candidate, rules: Rules) -> ExtractedEvent:
    """The output form of a candidate."""
    participants: list[ParticipantOut] = []
    for role in sorted(candidate.roles, key=lambda r: ROLE_ORDER.index(r) if r in ROLE_ORDER else 99):
        for actor in candidate.roles[role]:
            participants.append(ParticipantOut(id=actor.id, name=actor.name, kind=actor.kind, role=role,
                                               aliases=actor.aliases))
    sentence = candidate.sentence
    event = ExtractedEvent(
        type=candidate.type,
        status=candidate.status,
        date=candidate.date,
        date_precision=candidate.date_precision if candidate.date else "unknown",
        participants=participants,
        place=candidate.place,
        attributes=dict(candidate.attributes),
        codes=dict(rules.events[candidate.type].codes),
        confidence=candidate.confidence,
        evidence=Evidence(sentence=sentence.text, start=sentence.start, end=sentence.end),
    )
    event._date_inferred = candidate.date_inferred
    return event


def _split(event: ExtractedEvent) -> list[ExtractedEvent]:
    """A sanction is one imposer's measure against one target: "Italy and Spain expelled Russian diplomats"
    is two events, and sanctions on several targets are one event per target (each its own edge)."""
    imposers = [p for p in event.participants if p.role == "imposer"]
    targets = [p for p in event.participants if p.role == "target"]
    if event.type != "sanction" or (len(targets) < 2 and len(imposers) < 2):
        return [event]
    return [event.model_copy(update={"participants": [imposer, target]}, deep=True)
            for imposer in imposers for target in targets]


def _dates_agree(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a.startswith(b) or b.startswith(a)


def _same(a: ExtractedEvent, b: ExtractedEvent) -> bool:
    # a date only inferred from the paragraph or the lead does not keep two mentions apart
    date_a = None if a._date_inferred else a.date
    date_b = None if b._date_inferred else b.date
    if a.type != b.type or a.status != b.status or not _dates_agree(date_a, date_b):
        return False
    ids_a, ids_b = {p.id for p in a.participants}, {p.id for p in b.participants}
    if a.type in ("visit", "appointment", "dismissal"):
        if not ids_a & ids_b:
            return False
        if a.place and b.place and a.place.country != b.place.country:
            return False
        pos_a, pos_b = a.attributes.get("position"), b.attributes.get("position")
        return not (pos_a and pos_b and not _positions_agree(pos_a, pos_b))
    if a.type in ("meeting", "call") and date_a == date_b and (ids_a <= ids_b or ids_b <= ids_a):
        return True  # "talks between A and B" then "the talks, hosted by C": one meeting of three
    return ids_a == ids_b


def _positions_agree(a: str, b: str) -> bool:
    words_a, words_b = set(a.lower().split()), set(b.lower().split())
    return bool(words_a & words_b - {"of", "the", "minister", "secretary", "deputy"}) or a.lower() == b.lower()


def _absorb(kept: ExtractedEvent, other: ExtractedEvent) -> None:
    if (kept._date_inferred and not other._date_inferred and other.date) or (
            PRECISION_RANK[other.date_precision] > PRECISION_RANK[kept.date_precision]):
        kept.date, kept.date_precision = other.date, other.date_precision
        kept._date_inferred = other._date_inferred
    if kept.place is None or (other.place and kept.place.name == kept.place.country):
        kept.place = other.place or kept.place
    for key, value in other.attributes.items():
        kept.attributes.setdefault(key, value)
    known = {p.id for p in kept.participants}
    kept.participants.extend(p for p in other.participants if p.id not in known)
    kept.confidence = min(0.95, max(kept.confidence, other.confidence) + 0.05)


def merge_events(ctx: Context, rules: Rules) -> None:
    """Stage: build output events, merging repeated mentions of one event."""
    merged: list[ExtractedEvent] = []
    for event in (e for candidate in ctx.candidates for e in _split(to_event(candidate, rules))):
        for kept in merged:
            if _same(kept, event):
                _absorb(kept, event)
                break
        else:
            merged.append(event)
    ctx.events = merged
