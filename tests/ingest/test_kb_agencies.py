"""Packaged data: agency heads named by the agency's word, armed groups' commanders, spokespeople, rival offices."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.kb import KnowledgeBase
from ingest.kb.validate import validate_files

DATA = Path(__file__).parent / "data" / "kb"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


def resolved_id(kb: KnowledgeBase, mention: str, date: str) -> str | None:
    found = kb.resolve(mention, date=date)
    return found.actor.id if found else None


@pytest.mark.parametrize(("mention", "date", "expected"), [
    ("MI6 chief", "2023-01-01", "moore-richard"),
    ("the chief of MI6", "2023-01-01", "moore-richard"),
    ("MI5 chief", "2023-01-01", "mccallum-ken"),
    ("GCHQ director", "2020-01-01", "fleming-jeremy"),
    ("Mossad chief", "2023-06-01", "barnea-david"),
    ("Shin Bet chief", "2023-06-01", "bar-ronen"),
    ("Israel's spy chief", "2023-06-01", "barnea-david"),
    ("head of Aman", "2023-06-01", "haliva-aharon"),
    ("IRGC commander", "2020-06-01", "salami-hossein"),
    ("the IRGC chief", "2020-06-01", "salami-hossein"),
    ("Revolutionary Guards commander", "2015-01-01", "jafari-mohammad-ali"),
    ("IRGC intelligence chief", "2023-01-01", "kazemi-mohammad"),
    ("Belarus's KGB chief", "2021-01-01", "tertel-ivan"),
    ("BND chief", "2020-01-01", "kahl-bruno"),
    ("BfV chief", "2020-01-01", "haldenwang-thomas"),
    ("Germany's spy chief", "2020-01-01", "kahl-bruno"),
    ("German spy chief", "2025-10-01", "jager-martin"),
    ("GRU chief", "2017-01-01", "korobov-igor"),
    ("the RSF commander", "2024-01-01", "dagalo-mohamed-hamdan"),
    ("M23 commander", "2024-01-01", "makenga-sultani"),
    ("Kremlin spokesman", "2023-01-01", "peskov-dmitry"),
    ("the Kremlin spokeswoman", "2023-01-01", "peskov-dmitry"),
    ("Russian foreign ministry spokeswoman", "2023-01-01", "zakharova-maria"),
    ("White House press secretary", "2023-01-01", "jean-pierre-karine"),
    ("the Pentagon press secretary", "2021-06-01", "kirby-john"),
])
def test_resolve_office_named_by_agency_or_seat(kb: KnowledgeBase, mention: str, date: str, expected: str) -> None:
    assert resolved_id(kb, mention, date) == expected


@pytest.mark.parametrize(("mention", "date"), [
    ("Russia's spy chief", "2023-01-01"),  # FSB, SVR and GRU: no primary office
    ("Hamas commander", "2024-09-01"),  # its head chairs the political bureau; a commander is someone else
    ("BfV chief", "2025-10-01"),  # vacant in the data: never the BND's president instead
])
def test_resolve_ambiguous_or_vacant_office_is_none(kb: KnowledgeBase, mention: str, date: str) -> None:
    assert resolved_id(kb, mention, date) is None


def test_resolve_rival_government_by_its_own_name_only(kb: KnowledgeBase) -> None:
    assert resolved_id(kb, "Libya's prime minister", "2024-01-01") == "dbeibah-abdul-hamid"
    assert resolved_id(kb, "the prime minister of the Government of National Stability", "2022-06-01") == (
        "bashagha-fathi")
    assert resolved_id(kb, "GNS prime minister", "2024-01-01") == "hammad-osama"
    assert resolved_id(kb, "GNU prime minister", "2024-01-01") == "dbeibah-abdul-hamid"
    assert [a.id for a in kb.holders("head_of_government", country="LBY", date="2024-01-01")] == [
        "dbeibah-abdul-hamid"]


def test_role_phrases_offer_commanders_only_where_the_title_says_so(kb: KnowledgeBase) -> None:
    phrases = set(kb.role_phrases())
    assert {"RSF commander", "IRGC commander", "M23 commander"} <= phrases
    assert "Hamas commander" not in phrases


@pytest.mark.parametrize(("mention", "date", "expected"), [
    ("Kim", "2024-01-01", "kim-jong-un"),
    ("Xi", "2024-01-01", "xi-jinping"),
    ("Moon", "2019-01-01", "moon-jae-in"),
    ("Aquino", "2015-01-01", "aquino-iii-benigno"),
    ("Marcos", "2023-01-01", "marcos-jr-ferdinand"),
])
def test_resolve_bare_family_name(kb: KnowledgeBase, mention: str, date: str, expected: str) -> None:
    assert resolved_id(kb, mention, date) == expected


def test_validate_exempts_rival_office_from_single_holder_check(tmp_path: Path) -> None:
    roles = tmp_path / "roles.csv"
    roles.write_text("person_id,role,title,country,organisation,start,end\n"
                     "bayramov-jeyhun,head_of_government,Prime Minister,LBY,,2021-03-15,\n"
                     "nurtleu-murat,head_of_government,Prime Minister of the Government of National Stability,LBY,,"
                     "2022-03-03,2023-05-16\n"
                     "smith-anna,head_of_government,Prime Minister of the Government of National Stability,LBY,,"
                     "2023-01-01,\n", encoding="utf-8")
    problems = validate_files([DATA / "persons.csv", roles])
    assert [(p.line, "overlaps nurtleu-murat" in p.message) for p in problems] == [(4, True)]
