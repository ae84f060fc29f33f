"""A bulk-ingest corpus of our own: 24 leader-to-leader events, 16 of them reported a second time."""

from __future__ import annotations

from itertools import combinations
from typing import Any

LEADERS = ["Emmanuel Macron", "Olaf Scholz", "Narendra Modi", "Anthony Albanese", "Recep Tayyip Erdogan",
           "Giorgia Meloni", "Pedro Sanchez", "Fumio Kishida"]
CITIES = ["Paris", "Berlin", "Delhi", "Canberra", "Ankara", "Rome", "Madrid", "Tokyo"]
DEEDS = ["met {b} in {city} on {day} May 2024.",
         "spoke by phone with {b} on {day} May 2024.",
         "signed a trade agreement with {b} in {city} on {day} May 2024."]
EVENTS = 24  # one per pair of leaders, for the first 24 pairs
SECOND_REPORTS = 16  # the first 16 events are reported again by another article: merged, not doubled


def bulk_articles(events: int = EVENTS, second_reports: int = SECOND_REPORTS) -> list[dict[str, Any]]:
    """40 articles in queue input form (by default); second reports put other words around the event sentence."""
    firsts: list[dict[str, Any]] = []
    seconds: list[dict[str, Any]] = []
    for n, (a, b) in enumerate(list(combinations(range(len(LEADERS)), 2))[:events]):
        sentence = f"{LEADERS[a]} " + DEEDS[n % 3].format(b=LEADERS[b], city=CITIES[a], day=1 + n)
        firsts.append({"id": f"faults-{n:02d}", "url": f"https://wire.example/faults/{n:02d}",
                       "published_at": f"2024-05-{1 + n:02d}", "title": f"Bulletin {n}",
                       "text": f"{sentence} Both offices confirmed it afterwards."})
        if n < second_reports:
            seconds.append({"id": f"faults-{n:02d}-b", "url": f"https://other.example/faults/{n:02d}",
                            "published_at": f"2024-05-{2 + n:02d}", "title": f"Digest {n}",
                            "text": f"From our correspondent. {sentence}"})
    return firsts + seconds
