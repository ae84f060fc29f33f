"""An invented world for the browser tests: 8 actors, 39 events, 7 articles from 2023 to mid-2025.

Kestria's foreign minister Elena Marsh talks to Valdora's president Idris Kalu over a river dam;
Ornesia's prime minister Anika Rauth calls Marsh; Valdora sanctions Ornesia; a water accord is
signed in Geneva (reported twice); a visit and a commission meeting are planned for June 2025;
Petra Lind is appointed and shares no event with anyone (so no path reaches her); Valdora briefs
the press every month of 2023 and 2024, twice in June 2023 (25 one-actor statements), so its
timeline needs a second page, which starts inside June 2023.
"""

from __future__ import annotations

from typing import Any

from graph.models import Actor, RoleTerm
from graph.store import GraphStore
from ingest.loader import GraphLoader

KES, VAL, ORN = "country:KES", "country:VAL", "country:ORN"
MARSH, KALU, RAUTH, LIND = "person:elena-marsh", "person:idris-kalu", "person:anika-rauth", "person:petra-lind"
NRC = "organisation:northern-rivers-commission"

ACTORS = {actor.id: actor for actor in [
    Actor(id=KES, name="Kestria", kind="country", country="KES", aliases=["Republic of Kestria"]),
    Actor(id=VAL, name="Valdora", kind="country", country="VAL", aliases=["Valdoran Federation"]),
    Actor(id=ORN, name="Ornesia", kind="country", country="ORN"),
    Actor(id=MARSH, name="Elena Marsh", kind="person", country="KES", aliases=["E. Marsh"],
          roles=[RoleTerm(role="foreign_minister", country="KES", start="2023-05-02"),
                 RoleTerm(role="ambassador", title="Ambassador to Valdora", country="KES",
                          start="2019-01", end="2023-04")]),
    Actor(id=KALU, name="Idris Kalu", kind="person", country="VAL",
          roles=[RoleTerm(role="head_of_state", title="President", country="VAL", start="2021-09-14")]),
    Actor(id=RAUTH, name="Anika Rauth", kind="person", country="ORN",
          roles=[RoleTerm(role="head_of_government", title="Prime Minister", country="ORN", start="2024-02")]),
    Actor(id=LIND, name="Petra Lind", kind="person", country="KES"),
    Actor(id=NRC, name="Northern Rivers Commission", kind="organisation", aliases=["NRC"]),
]}


def _party(actor_id: str, role: str = "party") -> dict[str, Any]:
    actor = ACTORS[actor_id]
    return {"id": actor.id, "name": actor.name, "kind": actor.kind, "role": role}


def _event(kind: str, date: str, sentence: str, *parties: dict[str, Any], status: str = "occurred",
           place: tuple[str, str] | None = None) -> dict[str, Any]:
    return {"type": kind, "status": status, "date": date, "date_precision": "day", "participants": list(parties),
            "place": {"name": place[0], "country": place[1]} if place else None, "attributes": {}, "codes": {},
            "confidence": 0.9, "evidence": {"sentence": sentence}}


def _article(number: int, published: str, title: str, events: list[dict[str, Any]]) -> tuple[dict[str, Any],
                                                                                          list[dict[str, Any]]]:
    """The article's text is its events' sentences; evidence offsets point into it."""
    text = " ".join(event["evidence"]["sentence"] for event in events)
    for event in events:
        start = text.index(event["evidence"]["sentence"])
        event["evidence"] = {**event["evidence"], "start": start, "end": start + len(event["evidence"]["sentence"])}
    article = {"id": f"article:w{number}", "url": f"https://riverdesk.example/2025/story-{number}",
               "source": "River Desk", "title": title, "published_at": published, "text": text}
    return article, events


TERVIK, ALDMERE, GENEVA = ("Tervik", "VAL"), ("Aldmere", "KES"), ("Geneva", "CHE")
ACCORD = "Kestria and Valdora signed the Sella water-sharing accord in Geneva on Tuesday."

ARTICLES = [
    _article(1, "2024-11-06", "Marsh and Kalu meet on the dam dispute", [
        _event("meeting", "2024-11-05", "Elena Marsh met Idris Kalu in Tervik to discuss the Sella dam.",
               _party(MARSH), _party(KALU), place=TERVIK)]),
    _article(2, "2025-01-23", "Kestria and Valdora reopen talks on the Sella dam", [
        _event("call", "2025-01-14", "Foreign Minister Elena Marsh telephoned President Idris Kalu on 14 January.",
               _party(MARSH, "initiator"), _party(KALU, "recipient")),
        _event("call", "2025-01-22", "Anika Rauth spoke by phone with Elena Marsh about river levels.",
               _party(RAUTH, "initiator"), _party(MARSH, "recipient"))]),
    _article(3, "2025-02-05", "Marsh in Tervik", [
        _event("visit", "2025-02-03", "Elena Marsh arrived in Tervik on Monday for a two-day visit to Valdora.",
               _party(MARSH, "visitor"), _party(VAL, "host"), place=TERVIK),
        _event("meeting", "2025-02-04", "Marsh and Kalu met for three hours at the presidential palace.",
               _party(MARSH), _party(KALU), place=TERVIK),
        _event("statement", "2025-02-20", "Kestria said Valdora had acted in good faith on the dam.",
               _party(KES, "speaker"), _party(VAL, "target"))]),
    _article(4, "2025-03-28", "Valdora freezes Ornesian assets", [
        _event("sanction", "2025-03-11", "Valdora froze the assets of three Ornesian shipping firms.",
               _party(VAL, "imposer"), _party(ORN, "target")),
        _event("call", "2025-03-25", "Rauth called Marsh again to ask Kestria to mediate with Valdora.",
               _party(RAUTH, "initiator"), _party(MARSH, "recipient"))]),
    _article(5, "2025-04-09", "Water accord signed in Geneva", [
        _event("agreement", "2025-04-08", ACCORD, _party(KES), _party(VAL), place=GENEVA),
        _event("meeting", "2025-04-08", "The Northern Rivers Commission hosted delegations from Kestria and Valdora.",
               _party(NRC, "host"), _party(KES), _party(VAL), place=GENEVA),
        _event("appointment", "2025-05-02", "Petra Lind was appointed head of the Kestrian water agency.",
               _party(LIND, "appointee"))]),
    _article(6, "2025-06-01", "Kalu to visit Aldmere in June", [
        _event("agreement", "2025-04-08", "The April accord binds Kestria and Valdora to share river data.",
               _party(KES), _party(VAL), place=GENEVA),
        _event("prisoner_exchange", "2025-05-30", "Valdora and Ornesia exchanged twelve detained sailors.",
               _party(VAL), _party(ORN)),
        _event("visit", "2025-06-12", "Idris Kalu will travel to Aldmere on 12 June, his office said.",
               _party(KALU, "visitor"), _party(KES, "host"), status="planned", place=ALDMERE),
        _event("meeting", "2025-06-20", "Marsh is due to meet the Northern Rivers Commission later in June.",
               _party(MARSH), _party(NRC), status="planned")]),
]


# Valdora's monthly briefings in 2023-2024: enough events that its timeline needs "load more".
BRIEFING_MONTHS = [f"{year}-{month:02d}" for year in (2023, 2024) for month in range(1, 13)]
BRIEFINGS = _article(7, "2025-01-02", "A year of Valdoran briefings", [
    *[_event("statement", f"{month}-15", f"Valdora's government spokesperson briefed reporters in {month}.",
             _party(VAL, "speaker")) for month in BRIEFING_MONTHS],
    _event("statement", "2023-06-02", "Valdora's spokesperson held an emergency briefing on the floods.",
           _party(VAL, "speaker"))])


def load_world(store: GraphStore) -> None:
    """Load the world through the ingest loader, as the pipeline would."""
    store.upsert_actors(list(ACTORS.values()))
    loader = GraphLoader(store, lookup_actor=ACTORS.get)
    for article, events in [*ARTICLES, BRIEFINGS]:
        loader.load(article, events)
