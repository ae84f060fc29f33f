"""Surnames derived from a person's name and id slug: family-name-first orders, suffixes, regnal numbers."""

from __future__ import annotations

import pytest

from ingest.kb.names import person_surnames
from ingest.kb.records import PersonRow


def surnames(person_id: str, name: str, country: str | None = None, aliases: tuple[str, ...] = ()) -> set[str]:
    return person_surnames(PersonRow(id=person_id, name=name, country=country, aliases=list(aliases)))


@pytest.mark.parametrize(("person_id", "name", "country", "expected"), [
    ("kim-jong-un", "Kim Jong Un", "PRK", {"kim"}),
    ("xi-jinping", "Xi Jinping", "CHN", {"xi"}),
    ("li-xi", "Li Xi", "CHN", {"li"}),
    ("moon-jae-in", "Moon Jae-in", "KOR", {"moon"}),
    ("orban-viktor", "Orbán Viktor", "HUN", {"orban"}),
    ("kishida-fumio", "Kishida Fumio", "JPN", {"kishida"}),
    ("kishida-fumio", "Fumio Kishida", "JPN", {"kishida"}),
    ("lopez-obrador-andres-manuel", "Andrés Manuel López Obrador", "MEX", {"lopez obrador"}),
    ("al-sudani-mohammed-shia", "Mohammed Shia al-Sudani", "IRQ", {"al sudani", "sudani"}),
])
def test_derive_surname_from_slug_in_either_order(person_id: str, name: str, country: str,
                                                  expected: set[str]) -> None:
    assert surnames(person_id, name, country) == expected


def test_derive_surname_from_slug_when_name_has_other_words() -> None:
    assert surnames("oligui-nguema-brice-clotaire", "Brice Oligui Nguema", "GAB") == {"oligui nguema"}
    assert surnames("bongo-sylvia", "Sylvia Bongo Ondimba", "GAB") == {"bongo"}


@pytest.mark.parametrize(("person_id", "name", "expected"), [
    ("brown-jr-charles-q", "Charles Q. Brown Jr.", {"brown"}),
    ("marcos-jr-ferdinand", "Ferdinand Marcos Jr.", {"marcos"}),
    ("aquino-iii-benigno", "Benigno Aquino III", {"aquino"}),
    ("king-martin-luther-iii", "Martin Luther King III", {"king"}),
    ("doe-john", "John Doe Sr.", {"doe"}),
])
def test_derive_surname_never_from_suffix(person_id: str, name: str, expected: set[str]) -> None:
    assert surnames(person_id, name, "USA") == expected


@pytest.mark.parametrize(("person_id", "name"), [
    ("charles-iii", "Charles III"), ("carl-xvi-gustaf", "Carl XVI Gustaf"), ("juan-carlos-i", "Juan Carlos I"),
    ("kelantan-muhammad-v", "Muhammad V of Kelantan"),
])
def test_derive_no_surname_for_regnal_names(person_id: str, name: str) -> None:
    assert surnames(person_id, name, "GBR") == set()


def test_derive_vietnamese_family_and_given_name() -> None:
    assert surnames("tran-dai-quang", "Trần Đại Quang", "VNM") == {"tran", "quang"}
    assert surnames("nguyen-xuan-phuc", "Nguyễn Xuân Phúc", "VNM") == {"nguyen", "phuc"}


def test_derive_surname_of_person_first_seen_in_article_from_last_word() -> None:
    assert surnames("person:aida-qwerty", "Aida Qwerty") == {"qwerty"}
    assert surnames("person:aida-qwerty-jr", "Aida Qwerty Jr.") == {"qwerty"}


def test_derive_surname_spelling_from_alias() -> None:
    found = surnames("zelensky-volodymyr", "Volodymyr Zelensky", "UKR", ("Volodymyr Zelenskyy", "Zelenskiy"))
    assert found == {"zelensky", "zelenskyy", "zelenskiy"}
