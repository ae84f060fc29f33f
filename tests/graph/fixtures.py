"""A small invented world for the store contract: 7 actors, 15 events, 4 articles.

Who shares events with whom (weights = shared events):
    Ardenia–Borvia 7, Borvia–Calteria 2, Borvia–Verek 2, Ardenia–Calteria 1, Ardenia–Solen 1,
    Borvia–Solen 1, Solen–Verek 1, Calteria–Port Authority 1; the Quiet League takes part in nothing.
"""

from __future__ import annotations

from graph.models import Actor, Article, Event, Participant, Place, Report, RoleTerm
from graph.store import GraphStore

ARD, BRV, CAL = "country:ARD", "country:BRV", "country:CAL"
SOLEN, VEREK = "person:mira-solen", "person:tomas-verek"
PORTS, QUIET = "organisation:borvian-port-authority", "group:quiet-league"

ACTORS = [
    Actor(id=ARD, name="Ardenia", kind="country", country="ARD", aliases=["Republic of Ardenia"]),
    Actor(id=BRV, name="Borvia", kind="country", country="BRV"),
    Actor(id=CAL, name="Calteria", kind="country", country="CAL"),
    Actor(id=SOLEN, name="Mira Solen", kind="person", country="ARD", aliases=["M. Solen"],
          roles=[RoleTerm(role="foreign minister", country="ARD", start="2020-05-01")]),
    Actor(id=VEREK, name="Tomas Verek", kind="person", country="BRV"),
    Actor(id=PORTS, name="Borvian Port Authority", kind="organisation", country="BRV", aliases=["BPA"]),
    Actor(id=QUIET, name="Quiet League", kind="group"),
]

A1, A2, A3, A4 = "article:a1", "article:a2", "article:a3", "article:a4"
ARTICLES = [
    Article(id=A1, url="https://news.example/a1", source="Example News", title="A busy year for Ardenia",
            published_at="2021-07-01", content_hash="hash-a1"),
    Article(id=A2, url="https://news.example/a2", source="Example News", title="Sanctions and a treaty",
            published_at="2022-09-10", content_hash="hash-a2"),
    Article(id=A3, url="https://wire.example/a3", source="Example Wire", title="Borvia's new cabinet",
            published_at="2023-08-01", content_hash="hash-a3"),
    Article(id=A4, url="https://wire.example/a4", source="Example Wire", title="Prisoners and plans",
            published_at="2024-08-08", content_hash="hash-a4"),
]

GENEVA, PORT_LIRA = Place(name="Geneva", country="CHE"), Place(name="Port Lira", country="CAL")


def _event(event_id: str, event_type: str, date: str | None, parties: list[tuple[str, str]],
           articles: list[str], **extra: object) -> Event:
    reports = [Report(article_id=article, sentence=f"{event_id} as told by {article}.", start=0, end=20)
               for article in articles]
    return Event.model_validate({
        "id": event_id, "type": event_type, "date": date, "date_precision": "day" if date else "unknown",
        "participants": [Participant(actor_id=actor, role=role) for actor, role in parties],
        "reports": reports, **extra,
    })


EVENTS = [
    _event("e01", "call", "2021-01-10", [(ARD, "initiator"), (BRV, "recipient")], [A1],
           codes={"cameo": "042"}),
    _event("e02", "meeting", "2021-03-05", [(ARD, "party"), (BRV, "party")], [A1], place=GENEVA),
    _event("e03", "visit", "2021-06-20", [(SOLEN, "visitor"), (BRV, "host")], [A1]),
    _event("e04", "sanction", "2022-02-14", [(ARD, "imposer"), (BRV, "target")], [A2],
           attributes={"measure": "asset freeze"}),
    _event("e05", "statement", "2022-02-15", [(ARD, "initiator"), (SOLEN, "speaker")], [A2]),
    _event("e06", "call", "2022-05-01", [(SOLEN, "initiator"), (VEREK, "recipient")], [A2]),
    _event("e07", "agreement", "2022-09-09", [(ARD, "party"), (BRV, "party"), (CAL, "party")], [A2, A3],
           place=GENEVA),
    _event("e08", "appointment", "2023-01-01", [(BRV, "appointer"), (VEREK, "appointee")], [A3]),
    _event("e09", "meeting", "2023-04-12", [(BRV, "party"), (CAL, "party")], [A3], place=PORT_LIRA),
    _event("e10", "call", "2023-04-12", [(ARD, "initiator"), (BRV, "recipient")], [A3]),
    _event("e11", "visit", "2023-07-30", [(CAL, "visitor"), (PORTS, "host")], [A3], place=PORT_LIRA),
    _event("e12", "dismissal", "2024-02-02", [(BRV, "appointer"), (VEREK, "appointee")], [A4]),
    _event("e13", "prisoner_exchange", "2024-06-01", [(ARD, "party"), (BRV, "party")], [A4]),
    _event("e14", "meeting", "2025-03-03", [(ARD, "party"), (BRV, "party")], [A4], status="planned",
           place=Place(name="geneva")),
    _event("e15", "statement", None, [(CAL, "initiator")], [A4], reported_at="2024-08-08"),
]

# What the fixture implies, spelled out once so tests read as facts about the world above.
ARD_TIMELINE_NEWEST_FIRST = ["e14", "e13", "e10", "e07", "e05", "e04", "e02", "e01"]
BRV_TIMELINE_NEWEST_FIRST = ["e14", "e13", "e12", "e10", "e09", "e08", "e07", "e04", "e03", "e02", "e01"]
ALL_NEWEST_FIRST = ["e14", "e15", "e13", "e12", "e11", "e10", "e09", "e08", "e07", "e06", "e05", "e04",
                    "e03", "e02", "e01"]


def load_fixture_graph(store: GraphStore) -> None:
    """Write the whole fixture world into an empty store."""
    store.upsert_articles(ARTICLES)
    store.upsert_actors(ACTORS)
    store.upsert_events(EVENTS)


def ids(items: list) -> list[str]:
    """The event ids of a page's items, in order."""
    return [item.event.id for item in items]
