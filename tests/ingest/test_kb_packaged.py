"""The packaged knowledge base as the extractor sees it: offices that changed hands, forms, phrases."""

from __future__ import annotations

import pytest

from ingest.kb import KnowledgeBase, SurfaceForm, default_kb


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return default_kb()


@pytest.mark.parametrize(("mention", "country", "date", "expected"), [
    ("the Secretary of State", None, "2022-11-15", "blinken-antony"),
    ("the US Secretary of State", None, "2025-03-01", "rubio-marco"),
    ("America's top diplomat", None, "2018-01-10", "tillerson-rex"),
    ("the Pentagon chief", None, "2025-02-13", "hegseth-pete"),
    ("the Pentagon chief", None, "2023-02-13", "austin-lloyd"),
    ("the US Treasury Secretary", None, "2022-06-01", "yellen-janet"),
    ("the president", "US", "2019-06-01", "trump-donald"),
    ("the president", "USA", "2022-06-01", "biden-joe"),
    ("NATO chief", None, "2020-01-01", "stoltenberg-jens"),
    ("NATO Secretary General", None, "2025-01-15", "rutte-mark"),
    ("the UN Secretary-General", None, "2016-05-05", "ban-ki-moon"),
    ("UN chief", None, "2023-01-01", "guterres-antonio"),
    ("EU foreign policy chief", None, "2022-01-01", "borrell-josep"),
    ("EU foreign policy chief", None, "2025-02-01", "kallas-kaja"),
    ("the IAEA chief", None, "2023-01-01", "grossi-rafael"),
    ("the head of the IAEA", None, "2018-01-01", "amano-yukiya"),
    ("ICC prosecutor", None, "2020-01-01", "bensouda-fatou"),
    ("the CIA chief", None, "2023-06-01", "burns-william"),
    ("FBI director", None, "2023-06-01", "wray-christopher"),
    ("Mossad chief", None, "2023-06-01", "barnea-david"),
    ("FSB chief", None, "2023-06-01", "bortnikov-alexander"),
    ("Wagner chief", None, "2023-06-24", "prigozhin-yevgeny"),
    ("Zelensky's chief of staff", None, "2023-06-01", "yermak-andriy"),
    ("the Supreme Leader", None, "2023-06-01", "khamenei-ali"),
    ("the Iranian president", None, "2023-06-01", "raisi-ebrahim"),
    ("the Iranian president", None, "2025-06-01", "pezeshkian-masoud"),
])
def test_resolve_office_holders_across_changes(kb: KnowledgeBase, mention: str, country: str | None,
                                               date: str, expected: str) -> None:
    found = kb.resolve(mention, country_hint=country, date=date)
    assert found is not None and found.how == "role"
    assert found.actor.id == expected


def test_surface_forms_cover_every_kind_of_form(kb: KnowledgeBase) -> None:
    forms = kb.surface_forms()
    assert all(isinstance(form, SurfaceForm) for form in forms)
    by_text = {(form.text, form.how): form.key for form in forms}
    assert by_text[("Kremlin", "metonym")] == "country:RUS"
    assert by_text[("Pentagon", "metonym")] == "org:usa-dod"
    assert by_text[("Foggy Bottom", "metonym")] == "org:usa-state-department"
    assert by_text[("Kazakh", "demonym")] == "country:KAZ"
    assert by_text[("Astana", "capital")] == "country:KAZ"
    assert by_text[("Ramstein format", "org")] == "org:udcg"
    assert by_text[("Zelenskyy", "alias")] == "zelensky-volodymyr"
    assert by_text[("Blinken", "surname")] == "blinken-antony"
    assert [f.exact for f in forms if f.text == "US" and f.how == "country"] == [True]
    assert len(forms[0].text) >= len(forms[-1].text)


def test_role_phrases_include_generic_and_country_titles(kb: KnowledgeBase) -> None:
    phrases = {phrase.lower() for phrase in kb.role_phrases()}
    assert {"foreign minister", "top diplomat", "defence secretary", "pentagon chief", "treasury secretary",
            "president", "prime minister", "premier", "chancellor", "spy chief", "special envoy",
            "secretary of state", "nato chief", "eu foreign policy chief"} <= phrases


def test_default_kb_is_built_once() -> None:
    assert default_kb() is default_kb()


def test_role_phrases_leave_out_acronyms_a_case_blind_matcher_would_misread(kb: KnowledgeBase) -> None:
    phrases = set(kb.role_phrases())
    assert not phrases & {"PM", "FM", "VP", "NSA"}
    found = kb.resolve("the PM", country_hint="GB", date="2023-06-01")
    assert found is not None and found.actor.id == "sunak-rishi"


def test_packaged_data_files_validate() -> None:
    from ingest.kb.validate import validate_files

    assert [str(problem) for problem in validate_files()] == []


def test_generic_phrase_prefers_the_primary_office_but_named_agencies_keep_theirs(kb: KnowledgeBase) -> None:
    spy_chief = kb.resolve("the US spy chief", date="2023-06-01")
    cia_chief = kb.resolve("the CIA chief", date="2023-06-01")
    assert spy_chief is not None and spy_chief.actor.id == "haines-avril"
    assert cia_chief is not None and cia_chief.actor.id == "burns-william"
    holders = {a.id for a in kb.holders("intelligence_chief", country="US", date="2023-06-01")}
    assert {"haines-avril", "burns-william", "wray-christopher"} <= holders
