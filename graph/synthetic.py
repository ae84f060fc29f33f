"""A deterministic synthetic event graph for benchmarks: Zipf-active actors, 20 years, every event type.

    for batch in synthetic_batches(100_000, seed=7):
        batch.write_to(store)

The first batch carries every actor; each batch's articles report only that batch's events.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate
from typing import TYPE_CHECKING

from graph.models import EVENT_TYPES, Actor, ActorKind, Article, Event, Participant, Place, Report

if TYPE_CHECKING:
    from graph.store import GraphStore

START, DAYS = date(2006, 1, 1), 20 * 365
SYLLABLES = ("ka", "lo", "mi", "ra", "ven", "tor", "sa", "bel", "dun", "ari", "os", "qui", "zan", "el", "mar",
             "ti", "nor", "ga", "pel", "ru", "sek", "ha", "lin", "do", "vr", "ish", "om", "tal", "ce", "bru")
ROLES: dict[str, tuple[str, str]] = {
    "call": ("initiator", "recipient"), "visit": ("visitor", "host"), "meeting": ("party", "party"),
    "prisoner_exchange": ("party", "party"), "appointment": ("appointer", "appointee"),
    "dismissal": ("appointer", "appointee"), "agreement": ("party", "party"),
    "sanction": ("imposer", "target"), "statement": ("initiator", "target"),
}
# In EVENT_TYPES order, cumulative: calls and meetings dominate.
TYPE_CUM_WEIGHTS = tuple(accumulate((30, 12, 20, 1, 4, 3, 8, 6, 16)))
PARTICIPANT_COUNTS, PARTICIPANT_CUM_WEIGHTS = (1, 2, 3, 4), tuple(accumulate((15, 60, 17, 8)))


@dataclass
class SyntheticBatch:
    """Models to upsert in this order: articles, actors, events."""

    articles: list[Article] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def write_to(self, store: GraphStore) -> None:
        """Upsert the batch in the order its references need: articles, actors, then events."""
        store.upsert_articles(self.articles)
        store.upsert_actors(self.actors)
        store.upsert_events(self.events)


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def _kind(index: int, n_countries: int, rng: random.Random) -> ActorKind:
    if index < n_countries:
        return "country"
    draw = rng.random()
    return "organisation" if draw < 0.12 else "group" if draw < 0.2 else "person"


def synthetic_actors(n_actors: int, *, seed: int = 0) -> list[Actor]:
    """n actors: up to 200 countries first, then persons, organisations and groups with invented names."""
    rng = random.Random(seed)
    n_countries = min(200, max(1, n_actors // 10))
    codes = [f"S{i:02X}" for i in range(n_countries)]
    actors = []
    for index in range(n_actors):
        kind = _kind(index, n_countries, rng)
        if kind == "country":
            name = _word(rng, 3) + rng.choice(("ia", "land", "stan", "a"))
            actors.append(Actor(id=f"country:{codes[index]}", name=name, kind=kind, country=codes[index],
                                aliases=[f"Republic of {name}"]))
            continue
        name = f"{_word(rng, 2)} {_word(rng, 3)}"
        if kind != "person":
            name += rng.choice((" Council", " Front", " Union", " Bank", " Agency"))
        aliases = ["".join(word[0] for word in name.split())] if kind != "person" else []
        actors.append(Actor(id=f"{kind}:syn-{index}", name=name, kind=kind, country=rng.choice(codes),
                            aliases=aliases))
    return actors


def _activity(actors: list[Actor], rng: random.Random, exponent: float) -> tuple[list[str], list[float]]:
    """Actor ids in activity order with Zipf cumulative weights; countries tend to rank highest."""
    ranked = sorted(actors, key=lambda a: rng.random() * (0.02 if a.kind == "country" else 1.0))
    weights = [1.0 / (rank + 1) ** exponent for rank in range(len(ranked))]
    return [actor.id for actor in ranked], list(accumulate(weights))


def synthetic_batches(
    n_events: int, *, seed: int = 0, batch_size: int = 1000, zipf_exponent: float = 1.0
) -> Iterator[SyntheticBatch]:
    """Yield n_events events (about n/20 actors, n/2 articles) in batches; same seed, same graph."""
    rng = random.Random(seed)
    actors = synthetic_actors(max(10, n_events // 20), seed=seed)
    actor_ids, cum_weights = _activity(actors, rng, zipf_exponent)
    places = [Place(name=_word(rng, 2) + rng.choice((" City", "grad", "port", "")), country=None)
              for _ in range(500)]
    batch = SyntheticBatch(actors=actors)
    article_no, left_in_article = 0, 0
    for number in range(n_events):
        if left_in_article == 0:
            article_no, left_in_article = article_no + 1, rng.randint(1, 3)
            day = START + timedelta(days=rng.randrange(DAYS))
            batch.articles.append(Article(id=f"syn-a{article_no:08d}", url=f"https://synthetic.example/{article_no}",
                                          source="synthetic", title=f"Synthetic report {article_no}",
                                          published_at=day.isoformat(), content_hash=f"{article_no:016x}"))
        left_in_article -= 1
        batch.events.append(_event(number, batch.articles[-1], actor_ids, cum_weights, places, rng))
        if len(batch.events) >= batch_size and left_in_article == 0:
            yield batch
            batch = SyntheticBatch()
    if batch.events or batch.actors:
        yield batch


def _event(number: int, article: Article, actor_ids: list[str], cum_weights: list[float],
           places: list[Place], rng: random.Random) -> Event:
    event_type = rng.choices(EVENT_TYPES, cum_weights=TYPE_CUM_WEIGHTS)[0]
    wanted = rng.choices(PARTICIPANT_COUNTS, cum_weights=PARTICIPANT_CUM_WEIGHTS)[0]
    chosen = list(dict.fromkeys(rng.choices(actor_ids, cum_weights=cum_weights, k=wanted)))
    first_role, other_role = ROLES[event_type]
    published = date.fromisoformat(article.published_at or START.isoformat())
    dated = rng.random() > 0.05
    day = published - timedelta(days=rng.randrange(30))
    return Event(
        id=f"syn-e{number:08d}", type=event_type, date=day.isoformat() if dated else None,
        date_precision="day" if dated else "unknown",
        status="planned" if rng.random() < 0.05 else "occurred",
        place=rng.choice(places) if rng.random() < 0.3 else None,
        reported_at=article.published_at, confidence=round(rng.uniform(0.5, 1.0), 2),
        participants=[Participant(actor_id=actor, role=first_role if i == 0 else other_role)
                      for i, actor in enumerate(chosen)],
        reports=[Report(article_id=article.id, sentence=f"Synthetic sentence about event {number}.",
                        start=0, end=40)],
    )
