"""Terms learned from articles, and their precedence: user files > learned > packaged files."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.errors import InvalidInput
from graph.models import Actor
from ingest.kb import KnowledgeBase

DATA = Path(__file__).parent / "data" / "kb"
FILES = [DATA / "persons.csv", DATA / "roles.csv"]


@pytest.fixture
def kb() -> KnowledgeBase:
    return KnowledgeBase.load(files=FILES)


def holder(kb: KnowledgeBase, mention: str, date: str) -> str | None:
    found = kb.resolve(mention, date=date)
    return found.actor.id if found else None


def test_learned_appointment_wins_over_file_data(kb: KnowledgeBase) -> None:
    newcomer = Actor(id="qwerty-aida", name="Aida Qwerty", kind="person", country="KAZ")
    kb.learn_role(newcomer, "foreign_minister", country="KZ", start="2025-03-10", article_id="a1")
    assert holder(kb, "the Kazakh foreign minister", "2025-01-01") == "nurtleu-murat"
    found = kb.resolve("the Kazakh foreign minister", date="2025-04-01")
    assert found is not None and found.actor.id == "qwerty-aida"
    assert "[learned]" in found.evidence
    learned = kb.get("qwerty-aida")
    assert learned is not None
    assert [(t.role, t.country, t.start, t.source, t.article_id) for t in learned.roles] == [
        ("foreign_minister", "KAZ", "2025-03-10", "learned", "a1")]
    assert holder(kb, "Aida Qwerty", "2025-04-01") == "qwerty-aida"


def test_learned_dismissal_closes_open_file_term(kb: KnowledgeBase) -> None:
    minister = kb.get("bayramov-jeyhun")
    assert minister is not None
    kb.learn_role(minister, "foreign_minister", country="AZE", end="2025-05-31", article_id="a2")
    assert holder(kb, "the Azerbaijani foreign minister", "2025-05-01") == "bayramov-jeyhun"
    assert holder(kb, "the Azerbaijani foreign minister", "2025-07-01") is None
    closed = kb.get("bayramov-jeyhun")
    assert closed is not None
    assert [(t.start, t.end, t.source) for t in closed.roles] == [("2020-07-16", "2025-05-31", "learned")]


def test_user_file_wins_over_learned_term(tmp_path: Path) -> None:
    user_roles = tmp_path / "my_roles.csv"
    user_roles.write_text("person_id,role,title,country,organisation,start,end\n"
                          "bayramov-jeyhun,foreign_minister,,AZE,,2020-07-16,\n", encoding="utf-8")
    kb = KnowledgeBase.load(extra=[user_roles], files=FILES)
    minister = kb.get("bayramov-jeyhun")
    assert minister is not None
    kb.learn_role(minister, "foreign_minister", country="AZE", end="2025-05-31")
    assert holder(kb, "the Azerbaijani foreign minister", "2025-07-01") == "bayramov-jeyhun"
    rival = Actor(id="rival-x", name="Xavier Rival", kind="person", country="AZE")
    kb.learn_role(rival, "foreign_minister", country="AZE", start="2025-06-01")
    assert holder(kb, "the Azerbaijani foreign minister", "2025-07-01") == "bayramov-jeyhun"


def test_user_file_overrides_packaged_term_and_person(tmp_path: Path) -> None:
    (tmp_path / "people.csv").write_text(
        "id,name,country,aliases\nnurtleu-murat,Murat Nurtleu,KAZ,Murat Nurtleuov\n"
        "doe-jane,Jane Doe,KAZ,\n", encoding="utf-8")
    (tmp_path / "terms.csv").write_text(
        "person_id,role,title,country,organisation,start,end\ndoe-jane,foreign_minister,,KAZ,,2024-01-01,\n",
        encoding="utf-8")
    kb = KnowledgeBase.load(extra=[tmp_path], files=FILES)
    assert holder(kb, "the Kazakh foreign minister", "2024-06-01") == "doe-jane"
    assert holder(kb, "the Kazakh foreign minister", "2023-10-01") == "nurtleu-murat"
    assert holder(kb, "Murat Nurtleuov", "2023-10-01") == "nurtleu-murat"


def test_learn_role_rejects_unknown_role_and_missing_dates(kb: KnowledgeBase) -> None:
    person = Actor(id="doe-john", name="John Doe", kind="person")
    with pytest.raises(InvalidInput, match="unknown role"):
        kb.learn_role(person, "grand_vizier", country="KAZ", start="2024-01-01")
    with pytest.raises(InvalidInput, match="start or an end"):
        kb.learn_role(person, "foreign_minister", country="KAZ")
    with pytest.raises(InvalidInput, match="bad date"):
        kb.learn_role(person, "foreign_minister", country="KAZ", start="2024-02-30")


def test_load_rejects_missing_extra_path(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="no such"):
        KnowledgeBase.load(extra=[tmp_path / "absent.csv"], files=FILES)


def test_default_kb_reads_user_files_under_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from graph.settings import get_settings
    from ingest.kb import default_kb

    (tmp_path / "kb").mkdir()
    (tmp_path / "kb" / "people.csv").write_text(
        "id,name,country,aliases\nqwerty-zed,Zed Qwerty,KAZ,Zed Q.\n", encoding="utf-8")
    monkeypatch.setenv("GEOKG_DATA_DIR", str(tmp_path))
    get_settings.cache_clear()
    default_kb.cache_clear()
    try:
        found = default_kb().resolve("Zed Qwerty")
        assert found is not None and found.actor.id == "qwerty-zed"
    finally:
        get_settings.cache_clear()
        default_kb.cache_clear()


def test_learned_end_without_known_term_claims_only_its_last_day(kb: KnowledgeBase) -> None:
    stranger = Actor(id="qwerty-omar", name="Omar Qwerty", kind="person", country="KAZ")
    kb.learn_role(stranger, "foreign_minister", country="KAZ", end="2021-03-01")
    assert holder(kb, "the Kazakh foreign minister", "2020-06-01") == "tileuberdi-mukhtar"
    learned = kb.get("qwerty-omar")
    assert learned is not None
    assert [(t.start, t.end) for t in learned.roles] == [("2021-03-01", "2021-03-01")]
