"""Reading positions as offices (`kb.office`), the bridge from extracted appointments to `learn_role`."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.models import Actor
from ingest.kb import KnowledgeBase, Office

DATA = Path(__file__).parent / "data" / "kb"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load(files=[DATA / "persons.csv", DATA / "roles.csv"])


@pytest.mark.parametrize(("position", "hint", "expected"), [
    ("Kazakhstan's new foreign minister", None, Office("foreign_minister", country="KAZ")),
    ("foreign minister", "KZ", Office("foreign_minister", country="KAZ")),
    ("the foreign minister of Azerbaijan", None, Office("foreign_minister", country="AZE")),
    ("acting Turkish prime minister", None, Office("head_of_government", country="TUR", title="Prime Minister")),
    ("Secretary of State", None, Office("foreign_minister", country="USA", title="Secretary of State")),
    ("the Pentagon chief", None, Office("defence_minister", country="USA")),
    ("head of the CIA", None, Office("intelligence_chief", country="USA", organisation="org:usa-cia")),
    ("NATO secretary general", None, Office("org_head", organisation="org:nato")),
    ("the new head of the IAEA", None, Office("org_head", organisation="org:iaea")),
    ("Jordanian king", None, Office("head_of_state", country="JOR", title="King")),
])
def test_office_reads_role_and_place(kb: KnowledgeBase, position: str, hint: str | None, expected: Office) -> None:
    assert kb.office(position, country_hint=hint) == expected


@pytest.mark.parametrize("position", ["foreign minister", "grand vizier of Atlantis", "the new", ""])
def test_office_without_role_or_place_is_none(kb: KnowledgeBase, position: str) -> None:
    assert kb.office(position) is None


def test_office_feeds_learn_role() -> None:
    kb = KnowledgeBase.load(files=[DATA / "persons.csv", DATA / "roles.csv"])
    office = kb.office("Azerbaijan's new top diplomat")
    assert office is not None
    newcomer = Actor(id="qwerty-leyla", name="Leyla Qwerty", kind="person", country="AZE")
    kb.learn_role(newcomer, office.role, country=office.country, organisation=office.organisation,
                  title=office.title, start="2026-01-15")
    found = kb.resolve("Baku's top diplomat", date="2026-02-01")
    assert found is not None and found.actor.id == "qwerty-leyla"
