"""Countries, capitals, demonyms, metonyms and organisations from the packaged data files."""

from __future__ import annotations

import pytest

from ingest.kb import KnowledgeBase


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load(files=[])


@pytest.mark.parametrize(("mention", "actor_id", "how"), [
    ("the Kremlin", "country:RUS", "metonym"),
    ("the White House", "country:USA", "metonym"),
    ("Downing Street", "country:GBR", "metonym"),
    ("the Élysée", "country:FRA", "metonym"),
    ("the Elysee Palace", "country:FRA", "metonym"),
    ("Zhongnanhai", "country:CHN", "metonym"),
    ("the Blue House", "country:KOR", "metonym"),
    ("Whitehall", "country:GBR", "metonym"),
    ("the Pentagon", "org:usa-dod", "metonym"),
    ("Foggy Bottom", "org:usa-state-department", "metonym"),
    ("the Quai d'Orsay", "org:fra-foreign-ministry", "metonym"),
    ("Moscow", "country:RUS", "capital"),
    ("Beijing", "country:CHN", "capital"),
    ("Astana", "country:KAZ", "capital"),
    ("Nur-Sultan", "country:KAZ", "capital"),
    ("Kyiv", "country:UKR", "capital"),
])
def test_resolve_metonyms_and_capitals(kb: KnowledgeBase, mention: str, actor_id: str, how: str) -> None:
    found = kb.resolve(mention)
    assert found is not None
    assert (found.actor.id, found.how) == (actor_id, how)


@pytest.mark.parametrize(("mention", "iso3"), [
    ("Russian", "RUS"), ("Russians", "RUS"), ("Kazakh", "KAZ"), ("Kazakhstani", "KAZ"), ("Emirati", "ARE"),
    ("Beninese", "BEN"), ("Azerbaijani", "AZE"), ("Turkish", "TUR"), ("North Korean", "PRK"),
    ("South Korean", "KOR"), ("American", "USA"), ("British", "GBR"), ("Filipino", "PHL"),
])
def test_resolve_demonyms(kb: KnowledgeBase, mention: str, iso3: str) -> None:
    found = kb.resolve(mention)
    assert found is not None
    assert (found.actor.id, found.how) == (f"country:{iso3}", "demonym")


@pytest.mark.parametrize(("text", "iso3"), [
    ("Kazakh", "KAZ"), ("Kazakhstan", "KAZ"), ("Astana", "KAZ"), ("Kazakhstan's", "KAZ"), ("KZ", "KAZ"),
    ("KAZ", "KAZ"), ("U.S.", "USA"), ("US", "USA"), ("American", "USA"), ("Washington", "USA"),
    ("United States of America", "USA"), ("UK", "GBR"), ("Türkiye", "TUR"), ("Turkey", "TUR"),
    ("Ivory Coast", "CIV"), ("Côte d'Ivoire", "CIV"), ("Kosovo", "XKX"), ("Palestine", "PSE"),
    ("the Vatican", "VAT"), ("Taiwan", "TWN"), ("DPRK", "PRK"), ("UAE", "ARE"), ("Czechia", "CZE"),
    ("country:KAZ", "KAZ"),
])
def test_country_from_codes_names_and_forms(kb: KnowledgeBase, text: str, iso3: str) -> None:
    assert kb.country(text) == iso3


@pytest.mark.parametrize("text", ["Atlantis", "", "NATO", "XX", "Pentagon", "in", "and", "can", "us"])
def test_country_of_non_country_is_none(kb: KnowledgeBase, text: str) -> None:
    assert kb.country(text) is None


def test_country_actors_use_common_short_names(kb: KnowledgeBase) -> None:
    names = {iso3: kb.get(f"country:{iso3}").name for iso3 in  # type: ignore[union-attr]
             ("USA", "RUS", "CHN", "IRN", "GBR", "KOR", "SYR", "VNM", "TUR", "PRK", "BOL", "TZA")}
    assert names == {"USA": "United States", "RUS": "Russia", "CHN": "China", "IRN": "Iran",
                     "GBR": "United Kingdom", "KOR": "South Korea", "SYR": "Syria", "VNM": "Vietnam",
                     "TUR": "Turkey", "PRK": "North Korea", "BOL": "Bolivia", "TZA": "Tanzania"}
    usa = kb.get("country:USA")
    assert usa is not None and {"US", "U.S.", "USA", "America", "United States of America"} <= set(usa.aliases)


def test_lowercase_pronoun_is_not_a_country(kb: KnowledgeBase) -> None:
    assert kb.resolve("us") is None
    found = kb.resolve("US")
    assert found is not None and found.actor.id == "country:USA"


@pytest.mark.parametrize(("mention", "actor_id", "kind"), [
    ("NATO", "org:nato", "organisation"), ("the United Nations", "org:un", "organisation"),
    ("Ramstein format", "org:udcg", "organisation"), ("the Ramstein group", "org:udcg", "organisation"),
    ("OPEC+", "org:opec-plus", "organisation"), ("OPEC", "org:opec", "organisation"),
    ("the IAEA", "org:iaea", "organisation"), ("Hezbollah", "org:hezbollah", "group"),
    ("the Houthis", "org:houthis", "group"), ("Wagner Group", "org:wagner", "group"),
    ("CIA", "org:usa-cia", "organisation"), ("Mossad", "org:isr-mossad", "organisation"),
])
def test_resolve_organisations_and_groups(kb: KnowledgeBase, mention: str, actor_id: str, kind: str) -> None:
    found = kb.resolve(mention)
    assert found is not None
    assert (found.actor.id, found.actor.kind) == (actor_id, kind)


def test_agency_keeps_its_country(kb: KnowledgeBase) -> None:
    pentagon = kb.get("org:usa-dod")
    assert pentagon is not None and pentagon.country == "USA"


@pytest.mark.parametrize(("mention", "iso3"), [
    ("the Russian government", "RUS"), ("Chinese authorities", "CHN"), ("Iran's foreign ministry", "IRN"),
])
def test_resolve_institution_of_country_to_country(kb: KnowledgeBase, mention: str, iso3: str) -> None:
    found = kb.resolve(mention)
    assert found is not None and found.actor.id in {f"country:{iso3}", "org:irn-mfa"}


def test_every_un_member_style_country_has_capital_and_demonym(kb: KnowledgeBase) -> None:
    lacking = [c.iso3 for c in kb.countries.values()
               if c.iso3 in {"KAZ", "BEN", "ARE", "AZE", "TUR", "BRA", "NGA", "IDN", "PAK", "MEX"}
               and not (c.capitals and c.demonyms)]
    assert lacking == []


def test_surface_forms_drop_lower_case_articles_but_keep_the_hague(kb: KnowledgeBase) -> None:
    texts = {form.text for form in kb.surface_forms()}
    assert {"Taliban", "United Nations", "The Hague", "The Gambia"} <= texts
    assert not {"the Taliban", "the United Nations", "Hague"} & texts


@pytest.mark.parametrize("mention", ["the Commission", "Security Council", "who", "MIT"])
def test_ambiguous_or_common_forms_resolve_to_nothing(kb: KnowledgeBase, mention: str) -> None:
    assert kb.resolve(mention) is None
