"""Dates stage: find date expressions in a trigger's sentence and resolve them against publication."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from ingest.stages.types import Candidate, Context, Sentence

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?P<weekday>" + "|".join(WEEKDAYS) + r")"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")),
    ("day", re.compile(rf"\b(?:{_WEEKDAY},?\s+)?(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?\b", re.I)),
    ("day", re.compile(rf"\b(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?\b"
                       r"(?!\s*(?:%|percent|million|billion))", re.I)),
    ("month", re.compile(rf"\b(?:(?:early|mid|late|the end of|the start of|the beginning of|the middle of)"
                         rf"[\s-]+)?{_MONTH}(?:\s+(?:of\s+)?{_YEAR})?\b", re.I)),
    ("year", re.compile(rf"\b(?:in|during|early|late|mid-?)\s+{_YEAR}\b")),
    ("relative", re.compile(r"\b(?P<rel>yesterday|today|tonight|tomorrow|last night|this (?:morning|afternoon|evening)"
                            r"|(?:earlier|later) today|the day before yesterday"
                            r"|(?:last|this|next|earlier this|later this) (?:month|year)"
                            r"|(?P<n>\d+|one|two|three|four|five|six|seven|ten) days? (?:ago|earlier))\b", re.I)),
    ("weekday", re.compile(rf"\b(?P<prefix>(?:on|last|this|next|late|early|by)\s+)?{_WEEKDAY}\b"
                           rf"(?!\s*,?\s*(?:[0-3]?\d\b|{_MONTH}))", re.I)),
]
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "ten": 10}
# "May" is a month and a modal verb: only take it as a month with a day, a year or "in" before it.
_AMBIGUOUS_MONTHS = {"may", "march"}


@dataclass(frozen=True)
class DateHit:
    """A date expression found in a sentence, resolved."""

    start: int
    end: int
    value: str
    precision: str


def find_dates(text: str, published: dt.date | None, future: bool) -> list[DateHit]:
    """Resolved date expressions of a sentence (non-overlapping, earlier patterns win)."""
    return list(_find_dates(text, published, future))


@lru_cache(maxsize=1024)
def _find_dates(text: str, published: dt.date | None, future: bool) -> tuple[DateHit, ...]:
    # cached: a candidate's search for its paragraph's time frame reads the same earlier sentences again
    hits: list[DateHit] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            resolved = _resolve(kind, match, text, published, future)
            if resolved is None:
                continue
            value, precision = resolved
            hits.append(DateHit(match.start(), match.end(), value, precision))
            taken.append(match.span())
    return tuple(sorted(hits, key=lambda h: h.start))


def _resolve(kind: str, m: re.Match[str], text: str, pub: dt.date | None,
             future: bool) -> tuple[str, str] | None:
    groups = m.groupdict()
    if kind in ("iso", "day", "month"):
        month_text = groups["month"].lower().rstrip(".")
        month = int(month_text) if month_text.isdigit() else MONTHS[month_text]
        year = int(groups["year"]) if groups.get("year") else None
        after_preposition = re.search(r"\b(in|since|by|early|late|mid|of)[\s-]+$", text[:m.start()], re.I)
        if kind == "month" and month_text in _AMBIGUOUS_MONTHS and year is None and not after_preposition:
            return None
        if year is None:
            if pub is None:
                return None
            year = _nearest_year(pub, month, int(groups.get("day") or 1), future)
        if kind == "month":
            return f"{year:04d}-{month:02d}", "month"
        try:
            return dt.date(year, month, int(groups["day"])).isoformat(), "day"
        except ValueError:
            return None
    if kind == "year":
        return groups["year"], "year"
    if pub is None:
        return None
    if kind == "weekday":
        prefix = (groups.get("prefix") or "").strip().lower()
        return _weekday(pub, WEEKDAYS[groups["weekday"].lower()], future or prefix == "next").isoformat(), "day"
    return _relative(groups["rel"].lower(), groups.get("n"), pub)


def _nearest_year(pub: dt.date, month: int, day: int, future: bool) -> int:
    year = pub.year
    try:
        candidate = dt.date(year, month, min(day, 28))
    except ValueError:
        return year
    if future and candidate < pub - dt.timedelta(days=60):
        return year + 1
    if not future and candidate > pub + dt.timedelta(days=7):
        return year - 1
    return year


def _weekday(pub: dt.date, weekday: int, future: bool) -> dt.date:
    if future:
        return pub + dt.timedelta(days=(weekday - pub.weekday()) % 7)
    back = (pub.weekday() - weekday) % 7
    return pub - dt.timedelta(days=back)


def _relative(rel: str, n: str | None, pub: dt.date) -> tuple[str, str] | None:
    if n is not None:
        days = int(n) if n.isdigit() else NUMBERS[n]
        return (pub - dt.timedelta(days=days)).isoformat(), "day"
    if rel in ("today", "tonight", "earlier today", "later today") or (rel.startswith("this ") and rel.endswith(
            ("morning", "afternoon", "evening"))):
        return pub.isoformat(), "day"
    if rel in ("yesterday", "last night"):
        return (pub - dt.timedelta(days=1)).isoformat(), "day"
    if rel == "the day before yesterday":
        return (pub - dt.timedelta(days=2)).isoformat(), "day"
    if rel == "tomorrow":
        return (pub + dt.timedelta(days=1)).isoformat(), "day"
    unit = rel.split()[-1]
    shift = -1 if rel.startswith("last") else 1 if rel.startswith("next") else 0
    if unit == "year":
        return f"{pub.year + shift:04d}", "year"
    month_index = pub.year * 12 + pub.month - 1 + shift
    return f"{month_index // 12:04d}-{month_index % 12 + 1:02d}", "month"


def assign_dates(ctx: Context) -> None:
    """Stage: give each candidate the date expression nearest its trigger in the same sentence, else the
    time frame the paragraph (or a date heading such as "March 3.") has set before it."""
    _find_dates.cache_clear()  # per article: its candidates look through the same earlier sentences
    for candidate in ctx.candidates:
        _assign(candidate, ctx.published)
        if candidate.date is None:
            heading = _frame(ctx, candidate.sentence, headings_only=True)
            frame = heading or _frame(ctx, candidate.sentence) or _lead_date(ctx, candidate)
            if frame is not None:
                candidate.date, candidate.date_precision = frame.value, frame.precision
                candidate.date_inferred = heading is None  # a dated heading ("March 3.") is as good as the text
                candidate.confidence = max(0.3, candidate.confidence - 0.1)


HEADING_WORDS = 5
LEAD_SENTENCES = 3


def _lead_date(ctx: Context, candidate: Candidate) -> DateHit | None:
    """The day the story's lead is about, for a later sentence that reports the same news without a date."""
    if candidate.status == "planned" or candidate.trigger.tag_ in ("VBP", "VBZ"):
        return None
    for sentence in ctx.sentences[:LEAD_SENTENCES]:
        if sentence.end > candidate.sentence.start:
            break
        hits = [h for h in find_dates(sentence.text, ctx.published, False) if h.precision == "day"]
        if hits:
            return hits[0]
    return None


def _frame(ctx: Context, sentence: Sentence, headings_only: bool = False) -> DateHit | None:
    for previous in reversed([s for s in ctx.sentences if s.end <= sentence.start]):
        heading = len(previous.text.split()) <= HEADING_WORDS
        if headings_only and not heading:
            if previous.paragraph == sentence.paragraph and find_dates(previous.text, ctx.published, False):
                return None  # the paragraph sets its own time before any heading does
            continue
        if previous.paragraph != sentence.paragraph and not heading:
            continue
        hits = [h for h in find_dates(previous.text, ctx.published, False) if h.precision != "year"]
        if hits and (heading or previous.paragraph == sentence.paragraph):
            return min(hits, key=lambda h: (h.precision != "day", h.start))
        if heading and previous.paragraph != sentence.paragraph:
            continue
    return None


def _assign(candidate: Candidate, published: dt.date | None) -> None:
    future = candidate.status == "planned"
    hits = find_dates(candidate.sentence.text, published, future)
    if not hits:
        return
    trigger = candidate.trigger
    # A date inside a relative clause or apposition that does not hold the trigger dates something else.
    fenced = [(t.left_edge.idx, t.right_edge.idx + len(t.right_edge)) for t in trigger.doc
              if t.dep_ in ("relcl", "appos", "acl") and t != trigger and not t.is_ancestor(trigger)]
    hits = [h for h in hits if not any(s <= h.start < e for s, e in fenced)]
    if not hits:
        return
    anchor = trigger.idx
    best = min(hits, key=lambda h: min(abs(h.start - anchor), abs(h.end - anchor)))
    candidate.date, candidate.date_precision = best.value, best.precision
    if published is not None and best.precision == "day" and best.value > published.isoformat():
        candidate.status = "planned"
