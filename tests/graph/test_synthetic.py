"""The synthetic benchmark graph: deterministic, realistic in shape, and loadable into every store."""

from __future__ import annotations

from collections import Counter

from graph.models import EVENT_TYPES, EventFilter
from graph.store import GraphStore
from graph.synthetic import synthetic_batches


def _flatten(n_events: int, seed: int) -> tuple[list, list, list]:
    articles, actors, events = [], [], []
    for batch in synthetic_batches(n_events, seed=seed, batch_size=500):
        articles += batch.articles
        actors += batch.actors
        events += batch.events
    return articles, actors, events


def test_synthetic_batches_are_deterministic_per_seed() -> None:
    assert _flatten(800, seed=3) == _flatten(800, seed=3)
    assert _flatten(800, seed=3)[2] != _flatten(800, seed=4)[2]


def test_synthetic_batches_have_the_promised_shape() -> None:
    articles, actors, events = _flatten(4000, seed=1)
    assert (len(events), len(actors)) == (4000, 200)
    assert len({event.id for event in events}) == 4000
    assert {event.type for event in events} == set(EVENT_TYPES)
    assert {actor.kind for actor in actors} == {"country", "person", "organisation", "group"}
    known = {actor.id for actor in actors}
    assert all(1 <= len(e.participants) <= 4 and {p.actor_id for p in e.participants} <= known for e in events)
    reports_per_article = Counter(report.article_id for event in events for report in event.reports)
    assert set(reports_per_article.values()) == {1, 2, 3}
    assert set(reports_per_article) == {article.id for article in articles}
    years = {event.sort_key[:4] for event in events}
    assert len(years) >= 19


def test_synthetic_activity_is_skewed() -> None:
    _, _, events = _flatten(4000, seed=1)
    activity = Counter(p.actor_id for event in events for p in event.participants)
    busiest = [count for _, count in activity.most_common()]
    assert busiest[0] > 20 * busiest[len(busiest) // 2]


def test_synthetic_batches_load_into_the_store(store: GraphStore) -> None:
    activity: Counter[str] = Counter()
    for batch in synthetic_batches(600, seed=2, batch_size=200):
        batch.write_to(store)
        for event in batch.events:
            activity.update({p.actor_id for p in event.participants})
    stats = store.stats()
    assert (stats.events, stats.actors, stats.reports) == (600, 30, 600)
    busiest, count = activity.most_common(1)[0]
    assert sum(store.actor_summary(busiest).event_counts.values()) == count
    assert len(store.events(EventFilter(actor=busiest), limit=600).items) == count
