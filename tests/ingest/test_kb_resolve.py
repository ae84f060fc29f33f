"""Resolving person and role mentions on a date, against this test's own small data files."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.errors import InvalidInput
from ingest.kb import KnowledgeBase

DATA = Path(__file__).parent / "data" / "kb"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load(files=[DATA / "persons.csv", DATA / "roles.csv"])


def resolved_id(kb: KnowledgeBase, mention: str, **kwargs: object) -> str | None:
    found = kb.resolve(mention, **kwargs)  # type: ignore[arg-type]
    return found.actor.id if found else None


@pytest.mark.parametrize("mention", [
    "the Kazakh foreign minister", "Kazakhstan's foreign minister", "Kazakhstan’s Foreign Minister",
    "Astana's top diplomat", "the foreign minister of Kazakhstan", "Kazakhstani FM",
])
def test_resolve_role_phrase_across_change_of_office(kb: KnowledgeBase, mention: str) -> None:
    assert resolved_id(kb, mention, date="2022-06-01") == "tileuberdi-mukhtar"
    assert resolved_id(kb, mention, date="2024-06-01") == "nurtleu-murat"


def test_resolve_role_phrase_reports_how_and_term(kb: KnowledgeBase) -> None:
    found = kb.resolve("Baku's top diplomat", date="2019-01-10")
    assert found is not None
    assert (found.actor.id, found.how) == ("mammadyarov-elmar", "role")
    assert "2004-04-02" in found.evidence
    assert resolved_id(kb, "Baku's top diplomat", date="2021-01-10") == "bayramov-jeyhun"


def test_resolve_bare_role_uses_country_hint(kb: KnowledgeBase) -> None:
    assert resolved_id(kb, "the president", country_hint="KZ", date="2023-01-01") == "tokayev-kassym-jomart"
    assert resolved_id(kb, "the president", country_hint="Turkey", date="2023-01-01") == "erdogan-recep-tayyip"
    assert resolved_id(kb, "the president", date="2023-01-01") is None


def test_resolve_role_before_term_starts_is_none(kb: KnowledgeBase) -> None:
    assert resolved_id(kb, "the Kazakh president", date="2018-01-01") is None
    assert resolved_id(kb, "the Turkish prime minister", date="2010-01-01") == "erdogan-recep-tayyip"
    assert resolved_id(kb, "the Turkish prime minister", date="2016-01-01") is None


@pytest.mark.parametrize("mention", [
    "Tokayev", "Tokaev", "Kassym-Jomart Tokayev", "President Tokayev", "KASSYM-JOMART TOKAYEV",
    "Kazakh President Kassym-Jomart Tokaev", "Tokaiev",
])
def test_resolve_transliteration_variants(kb: KnowledgeBase, mention: str) -> None:
    assert resolved_id(kb, mention, date="2024-01-01") == "tokayev-kassym-jomart"


@pytest.mark.parametrize("mention", ["Erdoğan", "Erdogan", "Recep Tayyip Erdogan", "Mr Erdoğan's"])
def test_resolve_diacritics_and_possessives(kb: KnowledgeBase, mention: str) -> None:
    found = kb.resolve(mention, date="2024-01-01")
    assert found is not None and found.actor.id == "erdogan-recep-tayyip"


def test_resolve_full_name_scores_higher_than_surname(kb: KnowledgeBase) -> None:
    full = kb.resolve("Jeyhun Bayramov")
    surname = kb.resolve("Bayramov")
    assert full is not None and surname is not None
    assert (full.how, surname.how) == ("name", "surname")
    assert full.score > surname.score


@pytest.mark.parametrize("mention", ["John Qwertyson", "Mr Zzyzx", "the foreign minister of Atlantis", ""])
def test_resolve_unknown_mention_is_none(kb: KnowledgeBase, mention: str) -> None:
    assert kb.resolve(mention, date="2024-01-01") is None


def test_resolve_shared_surname_prefers_office_holder_on_date(kb: KnowledgeBase) -> None:
    assert resolved_id(kb, "Kim", date="2024-01-01") == "kim-jong-un"
    # In February 2018 both Kims held an office; the one leading the country wins a bare surname.
    assert resolved_id(kb, "Kim", date="2018-02-10") == "kim-jong-un"
    assert resolved_id(kb, "Kim Yo Jong", date="2018-02-10") == "kim-yo-jong"
    # With a premier named Kim too, the head of state keeps the bare surname.
    assert resolved_id(kb, "Kim", date="2022-01-01") == "kim-jong-un"
    assert resolved_id(kb, "Kim Tok Hun", date="2022-01-01") == "kim-tok-hun"
    # Two envoys named Smith in office at once: a bare surname is ambiguous.
    assert resolved_id(kb, "Smith", date="2020-06-01") is None
    assert resolved_id(kb, "Smith", date="2019-06-01") is None


def test_resolve_shared_surname_between_terms_is_the_one_who_held_office(kb: KnowledgeBase) -> None:
    # Out of office on the date, the former minister still carries the bare surname; a namesake who
    # never held office does not make it ambiguous.
    assert resolved_id(kb, "Lindqvist", date="2012-06-01") == "lindqvist-greta"
    assert resolved_id(kb, "Lindqvist", date="2020-06-01") == "lindqvist-greta"
    assert resolved_id(kb, "Lars Lindqvist", date="2020-06-01") == "lindqvist-lars"


def test_resolve_shared_surname_uses_country_hint(kb: KnowledgeBase) -> None:
    assert resolved_id(kb, "Smith", date="2024-01-01") is None
    assert resolved_id(kb, "Smith", country_hint="GB", date="2024-01-01") == "smith-anna"
    assert resolved_id(kb, "Smith", country_hint="American", date="2024-01-01") == "smith-boris"


def test_resolve_accepts_date_objects_and_rejects_bad_dates(kb: KnowledgeBase) -> None:
    import datetime as dt

    assert resolved_id(kb, "the Kazakh foreign minister", date=dt.date(2022, 6, 1)) == "tileuberdi-mukhtar"
    assert resolved_id(kb, "the Kazakh foreign minister", date="2022-06") == "tileuberdi-mukhtar"
    assert resolved_id(kb, "the Kazakh foreign minister", date="2024-06-01T08:30:00Z") == "nurtleu-murat"
    assert resolved_id(kb, "the Kazakh foreign minister", date=dt.datetime(2024, 6, 1, 8)) == "nurtleu-murat"
    with pytest.raises(InvalidInput, match="2022-13-01"):
        kb.resolve("the Kazakh foreign minister", date="2022-13-01")


def test_holders_accepts_role_keys_phrases_and_country_forms(kb: KnowledgeBase) -> None:
    assert [a.id for a in kb.holders("foreign_minister", country="KAZ", date="2020-01-01")] == ["tileuberdi-mukhtar"]
    assert [a.id for a in kb.holders("top diplomat", country="Azerbaijan", date="2020-01-01")] == [
        "mammadyarov-elmar"]
    assert kb.holders("foreign minister", country="KZ", date="2010-01-01") == []
    with pytest.raises(InvalidInput, match="Atlantis"):
        kb.holders("foreign minister", country="Atlantis")


def test_get_returns_person_with_terms(kb: KnowledgeBase) -> None:
    actor = kb.get("erdogan-recep-tayyip")
    assert actor is not None and actor.kind == "person" and actor.country == "TUR"
    assert [(t.role, t.start) for t in actor.roles] == [
        ("head_of_government", "2003-03-14"), ("head_of_state", "2014-08-28")]
    assert kb.get("nobody-at-all") is None


def test_resolve_near_miss_only_for_transliterated_names(kb: KnowledgeBase) -> None:
    assert resolved_id(kb, "Bayramow", date="2024-01-01") == "bayramov-jeyhun"
    assert resolved_id(kb, "Smitth", country_hint="GB", date="2024-01-01") is None


def test_resolve_deputy_role_is_not_the_minister(kb: KnowledgeBase) -> None:
    assert resolved_id(kb, "the Kazakh foreign minister", date="2024-01-01") == "nurtleu-murat"
    assert kb.resolve("Kazakhstan's deputy foreign minister", date="2024-01-01") is None
    assert kb.resolve("deputy foreign minister", country_hint="KAZ", date="2024-01-01") is None
    assert "deputy foreign minister" in kb.role_phrases()


@pytest.mark.parametrize(("mention", "date", "expected"), [
    ("the Tokayev administration", "2024-01-01", "country:KAZ"),
    ("the Erdogan government", "2012-01-01", "country:TUR"),
    ("Kazakh authorities", "2024-01-01", "country:KAZ"),
])
def test_resolve_governments_to_their_state(kb: KnowledgeBase, mention: str, date: str, expected: str) -> None:
    found = kb.resolve(mention, date=date)
    assert found is not None and (found.actor.id, found.how) == (expected, "country")


def test_resolve_near_miss_needs_matching_given_name_or_title(kb: KnowledgeBase) -> None:
    assert resolved_id(kb, "Jeyhun Bayramow", date="2024-01-01") == "bayramov-jeyhun"
    assert resolved_id(kb, "Foreign Minister Bayramow", date="2024-01-01") == "bayramov-jeyhun"
    assert resolved_id(kb, "Rashad Bayramow", date="2024-01-01") is None


@pytest.mark.parametrize(("mention", "expected"), [
    ("Kazakh President Kassym-Jomart Tokayev", "tokayev-kassym-jomart"),
    ("Kazakhstan's Tokayev", "tokayev-kassym-jomart"),
    ("Foreign Minister Jeyhun Bayramov", "bayramov-jeyhun"),
    ("Sheikh Bayramov", "bayramov-jeyhun"),
    ("Rashad Bayramov", None),
    ("Aigerim Tokayev", None),
])
def test_resolve_name_after_titles_but_not_after_other_given_names(
        kb: KnowledgeBase, mention: str, expected: str | None) -> None:
    assert resolved_id(kb, mention, date="2024-01-01") == expected


def test_resolve_role_of_a_named_leader_country(kb: KnowledgeBase) -> None:
    assert resolved_id(kb, "Tokayev's top diplomat", date="2024-01-01") == "nurtleu-murat"
    assert resolved_id(kb, "Aliyev's chief of staff", date="2024-01-01") == "nuriyev-samir"


def test_military_chief_of_staff_is_read_as_military_chief(kb: KnowledgeBase) -> None:
    assert resolved_id(kb, "the chief of staff", country_hint="AZE", date="2024-01-01") == "nuriyev-samir"
    assert resolved_id(kb, "the army chief", country_hint="AZE", date="2024-01-01") == "valiyev-karim"
    valiyev = kb.get("valiyev-karim")
    assert valiyev is not None and [t.role for t in valiyev.roles] == ["military_chief"]


def test_resolve_generic_role_needs_a_country_even_when_one_title_matches(tmp_path: Path) -> None:
    titled = tmp_path / "titled.csv"
    titled.write_text("person_id,role,title,country,organisation,start,end\n"
                      "nurtleu-murat,foreign_minister,Foreign Minister,KAZ,,2023-09-01,\n"
                      "bayramov-jeyhun,interior_minister,Minister of Internal Affairs,AZE,,2024-01-01,\n"
                      "tileuberdi-mukhtar,special_envoy,Special Envoy to Azerbaijan,KAZ,,2024-01-01,\n",
                      encoding="utf-8")
    kb = KnowledgeBase.load(extra=[titled], files=[DATA / "persons.csv", DATA / "roles.csv"])
    assert kb.resolve("the foreign minister", date="2024-01-01") is None
    assert resolved_id(kb, "the foreign minister", country_hint="KAZ", date="2024-01-01") == "nurtleu-murat"
    assert kb.resolve("the Minister of Internal Affairs", date="2024-06-01") is None
    assert resolved_id(kb, "Special Envoy to Azerbaijan", date="2024-06-01") == "tileuberdi-mukhtar"


def test_monarchs_have_no_regnal_number_surname(kb: KnowledgeBase) -> None:
    assert resolved_id(kb, "King Abdullah II", date="2024-01-01") == "abdullah-ii"
    assert resolved_id(kb, "the Jordanian king", date="2024-01-01") == "abdullah-ii"
    assert kb.resolve("II", date="2024-01-01") is None


def test_surname_that_is_a_common_word_is_not_offered_to_the_matcher(kb: KnowledgeBase) -> None:
    offered = {(f.text, f.how) for f in kb.surface_forms()}
    assert ("Rice", "surname") not in offered
    assert ("Bayramov", "surname") in offered
    assert ("Condoleezza Rice", "name") in offered
    assert resolved_id(kb, "Rice", date="2006-01-01") == "rice-condoleezza"


def test_resolve_role_word_before_a_surname_spelled_the_same(kb: KnowledgeBase) -> None:
    assert resolved_id(kb, "the King", country_hint="JOR", date="2024-01-01") == "abdullah-ii"
    assert resolved_id(kb, "King", date="2024-01-01") == "king-angus"
    assert resolved_id(kb, "Angus King", date="2024-01-01") == "king-angus"


def test_callers_cannot_change_the_base_through_returned_actors(kb: KnowledgeBase) -> None:
    found = kb.resolve("Jeyhun Bayramov")
    assert found is not None
    found.actor.name = "Someone Else"
    found.actor.roles.clear()
    again = kb.get("bayramov-jeyhun")
    assert again is not None and again.name == "Jeyhun Bayramov" and again.roles


def test_resolve_rejects_paragraphs_quickly(kb: KnowledgeBase) -> None:
    assert kb.resolve("Tokayev " * 100, date="2024-01-01") is None
    assert resolved_id(kb, "  Tokayev  ", date="2024-01-01") == "tokayev-kassym-jomart"
