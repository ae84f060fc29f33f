"""Terms learned from extracted appointment and dismissal events, kept under the data dir across loads."""

from __future__ import annotations

import csv
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from ingest.kb import KnowledgeBase
from ingest.kb.learning import LearnedFiles
from ingest.kb.records import Term

DATA = Path(__file__).parent / "data" / "kb"
FILES = [DATA / "persons.csv", DATA / "roles.csv"]


def load(data_dir: Path) -> KnowledgeBase:
    return KnowledgeBase.load(files=FILES, data_dir=data_dir)


def holder(kb: KnowledgeBase, mention: str, date: str) -> str | None:
    found = kb.resolve(mention, date=date)
    return found.actor.id if found else None


def person(id_: str, name: str, role: str) -> dict[str, Any]:
    return {"id": id_, "name": name, "kind": "person", "role": role, "aliases": []}


def job_change(kind: str, position: str, *people: dict[str, Any], date: str | None = None,
               status: str = "occurred") -> dict[str, Any]:
    """An event as `geokg extract` writes it for "X was appointed <position>"."""
    return {"type": kind, "status": status, "date": date, "date_precision": "day" if date else "unknown",
            "participants": list(people), "attributes": {"position": position}, "confidence": 0.8,
            "evidence": {"sentence": "...", "start": 0, "end": 3}}


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_learn_appointment_changes_who_a_role_phrase_means(tmp_path: Path) -> None:
    kb = load(tmp_path)
    event = job_change("appointment", "foreign minister",
                       person("tokayev-kassym-jomart", "Kassym-Jomart Tokayev", "initiator"),
                       person("person:aida-qwerty", "Aida Qwerty", "appointee"), date="2025-03-10")
    assert holder(kb, "the Kazakh foreign minister", "2025-04-01") == "nurtleu-murat"
    term = kb.learn_from_event(event, article_id="art:1", published_at="2025-03-11T08:00:00Z")
    assert term is not None
    assert (term.role, term.country, term.start, term.source, term.article_id) == (
        "foreign_minister", "KAZ", "2025-03-10", "learned", "art:1")
    assert holder(kb, "the Kazakh foreign minister", "2025-04-01") == "person:aida-qwerty"
    assert holder(kb, "the Kazakh foreign minister", "2025-03-01") == "nurtleu-murat"
    assert rows(tmp_path / "kb" / "learned" / "persons.csv") == [
        {"id": "person:aida-qwerty", "name": "Aida Qwerty", "country": "KAZ", "aliases": "", "article_id": "art:1"}]


def test_learned_terms_persist_across_loads(tmp_path: Path) -> None:
    first = load(tmp_path)
    first.learn_from_event(job_change("appointment", "Kazakhstan's new foreign minister",
                                      person("person:aida-qwerty", "Aida Qwerty", "appointee")),
                           article_id="art:2", published_at="2025-03-12")
    again = load(tmp_path)
    found = again.resolve("the Kazakh foreign minister", date="2025-06-01")
    assert found is not None and found.actor.id == "person:aida-qwerty"
    assert "[learned]" in found.evidence
    assert holder(again, "Qwerty", "2025-06-01") == "person:aida-qwerty"
    actor = again.get("person:aida-qwerty")
    assert actor is not None
    assert [(t.role, t.country, t.start, t.end, t.source, t.article_id) for t in actor.roles] == [
        ("foreign_minister", "KAZ", "2025-03-12", None, "learned", "art:2")]
    assert again.problems == []


def test_learn_dismissal_closes_file_term_after_reload(tmp_path: Path) -> None:
    kb = load(tmp_path)
    fired = job_change("dismissal", "Azerbaijan's foreign minister",
                       person("bayramov-jeyhun", "Jeyhun Bayramov", "appointee"), date="2025-05-31")
    closed = kb.learn_from_event(fired, article_id="art:3")
    assert closed is not None and (closed.start, closed.end) == ("2020-07-16", "2025-05-31")
    assert kb.learn_from_event(fired, article_id="art:4") is None  # a second report changes nothing
    again = load(tmp_path)
    assert holder(again, "the Azerbaijani foreign minister", "2025-05-01") == "bayramov-jeyhun"
    assert holder(again, "the Azerbaijani foreign minister", "2025-07-01") is None
    minister = again.get("bayramov-jeyhun")
    assert minister is not None
    assert [(t.start, t.end, t.source, t.article_id) for t in minister.roles] == [
        ("2020-07-16", "2025-05-31", "learned", "art:3")]
    assert len(rows(tmp_path / "kb" / "learned" / "roles.csv")) == 1


def test_user_file_beats_learned_terms(tmp_path: Path) -> None:
    (tmp_path / "kb").mkdir()
    (tmp_path / "kb" / "corrections.csv").write_text(
        "person_id,role,title,country,organisation,start,end\n"
        "bayramov-jeyhun,foreign_minister,,AZE,,2020-07-16,\n", encoding="utf-8")
    kb = load(tmp_path)
    fired = job_change("dismissal", "foreign minister", person("bayramov-jeyhun", "Jeyhun Bayramov", "appointee"),
                       date="2025-05-31")
    assert kb.learn_from_event(fired, article_id="art:5") is None
    hired = job_change("appointment", "foreign minister of Azerbaijan",
                       person("person:xavier-rival", "Xavier Rival", "appointee"), date="2025-06-01")
    assert kb.learn_from_event(hired, article_id="art:6") is not None
    for base in (kb, load(tmp_path)):
        assert holder(base, "the Azerbaijani foreign minister", "2025-07-01") == "bayramov-jeyhun"
        assert holder(base, "Xavier Rival", "2025-07-01") == "person:xavier-rival"
    learned_roles = rows(tmp_path / "kb" / "learned" / "roles.csv")
    assert [(r["person_id"], r["start"], r["article_id"]) for r in learned_roles] == [
        ("person:xavier-rival", "2025-06-01", "art:6")]


def test_learned_term_wins_over_file_term_only_where_they_overlap(tmp_path: Path) -> None:
    kb = load(tmp_path)
    event = job_change("appointment", "Kazakhstan's foreign minister",
                       person("person:omar-qwerty", "Omar Qwerty", "appointee"), date="2021-03")
    assert kb.learn_from_event(event, article_id="art:7") is not None
    assert holder(kb, "the Kazakh foreign minister", "2021-02-15") == "tileuberdi-mukhtar"
    assert holder(kb, "the Kazakh foreign minister", "2021-06-01") == "person:omar-qwerty"


@pytest.mark.parametrize("event", [
    job_change("appointment", "foreign minister", person("person:aida-qwerty", "Aida Qwerty", "appointee"),
               date="2025-03-10", status="planned"),
    job_change("appointment", "grand vizier of Kazakhstan", person("person:aida-qwerty", "Aida Qwerty", "appointee"),
               date="2025-03-10"),
    job_change("appointment", "foreign minister", person("person:aida", "aida", "appointee"), date="2025-03-10"),
    job_change("meeting", "foreign minister", person("bayramov-jeyhun", "Jeyhun Bayramov", "party"), date="2025-03-10"),
    job_change("appointment", "foreign minister", date="2025-03-10"),
])
def test_learn_from_event_ignores_what_it_cannot_place(tmp_path: Path, event: dict[str, Any]) -> None:
    kb = load(tmp_path)
    assert kb.learn_from_event(event, article_id="art:8", published_at="2025-03-11") is None
    assert not (tmp_path / "kb" / "learned").exists()


def test_learn_from_event_needs_a_date(tmp_path: Path) -> None:
    kb = load(tmp_path)
    event = job_change("appointment", "Kazakhstan's foreign minister",
                       person("person:aida-qwerty", "Aida Qwerty", "appointee"))
    assert kb.learn_from_event(event, article_id="art:9", published_at=None) is None


def _append_many(directory: str, worker: int) -> None:
    files = LearnedFiles(Path(directory))
    for index in range(50):
        files.add_term(Term(person_id=f"p{worker}-{index}", role="foreign_minister", country="KAZ",
                            start="2025-01-01", source="learned", article_id=f"a{worker}"), closes=False)


def test_learned_files_stay_whole_under_concurrent_processes(tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=4, mp_context=context) as pool:
        list(pool.map(_append_many, [str(tmp_path)] * 4, range(4)))
    text = (tmp_path / "roles.csv").read_text(encoding="utf-8")
    assert text.count("person_id,role") == 1
    learned = rows(tmp_path / "roles.csv")
    assert len(learned) == 200
    assert {r["person_id"] for r in learned} == {f"p{w}-{i}" for w in range(4) for i in range(50)}


def test_default_kb_and_stats_count_learned_terms(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from app.commands.actors import cli
    from graph.settings import get_settings
    from ingest.kb import default_kb

    monkeypatch.setenv("GEOKG_DATA_DIR", str(tmp_path))
    get_settings.cache_clear()
    default_kb.cache_clear()
    try:
        before = default_kb().size()
        event = job_change("appointment", "Kazakhstan's foreign minister",
                           person("person:aida-qwerty", "Aida Qwerty", "appointee"), date="2026-01-05")
        assert default_kb().learn_from_event(event, article_id="art:10") is not None
        default_kb.cache_clear()
        after = default_kb().size()
        assert (after["persons"], after["terms_learned"]) == (before["persons"] + 1, before["terms_learned"] + 1)
        found = default_kb().resolve("Kazakhstan's foreign minister", date="2026-02-01")
        assert found is not None and found.actor.id == "person:aida-qwerty"
        result = CliRunner().invoke(cli, ["stats"])
        assert result.exit_code == 0
        assert f"learned {after['terms_learned']}," in result.output
        assert f"persons: {after['persons']}\n" in result.output
    finally:
        get_settings.cache_clear()
        default_kb.cache_clear()


def test_learned_agency_head_joins_that_agencys_office(tmp_path: Path) -> None:
    kb = KnowledgeBase.load(data_dir=tmp_path)
    event = job_change("appointment", "Britain's new MI6 chief",
                       person("person:jane-qwerty", "Jane Qwerty", "appointee"), date="2026-06-01")
    term = kb.learn_from_event(event, article_id="art:11")
    assert term is not None and (term.role, term.country, term.title) == ("intelligence_chief", "GBR", "Chief of MI6")
    for base in (kb, KnowledgeBase.load(data_dir=tmp_path)):
        assert holder(base, "MI6 chief", "2026-07-01") == "person:jane-qwerty"
        assert holder(base, "MI6 chief", "2026-05-01") == "metreweli-blaise"
        assert holder(base, "MI5 chief", "2026-07-01") == "mccallum-ken"


def test_learned_rival_prime_minister_leaves_the_recognised_one(tmp_path: Path) -> None:
    kb = KnowledgeBase.load(data_dir=tmp_path)
    event = job_change("appointment", "GNS prime minister", person("person:omar-qwerty", "Omar Qwerty", "appointee"),
                       date="2026-06-01")
    term = kb.learn_from_event(event, article_id="art:12")
    assert term is not None and term.title == "Prime Minister of the Government of National Stability"
    assert holder(kb, "GNS prime minister", "2026-07-01") == "person:omar-qwerty"
    assert holder(kb, "Libya's prime minister", "2026-07-01") == "dbeibah-abdul-hamid"


def test_validate_reads_learned_files_as_a_log(tmp_path: Path) -> None:
    from ingest.kb.validate import validate_files

    kb = load(tmp_path)
    kb.learn_from_event(job_change("appointment", "Azerbaijan's foreign minister",
                                   person("person:xavier-rival", "Xavier Rival", "appointee"), date="2025-01-10"),
                        article_id="art:13")
    kb.learn_from_event(job_change("dismissal", "Azerbaijan's foreign minister",
                                   person("bayramov-jeyhun", "Jeyhun Bayramov", "appointee"), date="2025-05-31"),
                        article_id="art:14")
    assert validate_files([DATA / "persons.csv", tmp_path / "kb" / "learned"]) == []


def test_learn_ignores_head_of_state_appointed_in_own_state(tmp_path: Path) -> None:
    kb = load(tmp_path)
    mistaken = job_change("appointment", "foreign minister",
                          person("tokayev-kassym-jomart", "Kassym-Jomart Tokayev", "appointee"), date="2025-03-10")
    assert kb.learn_from_event(mistaken, article_id="art:15") is None
    assert holder(kb, "the Kazakh foreign minister", "2025-04-01") == "nurtleu-murat"


def test_learn_ignores_dismissal_from_a_term_already_ended(tmp_path: Path) -> None:
    kb = load(tmp_path)
    stale = job_change("dismissal", "foreign minister",
                       person("tileuberdi-mukhtar", "Mukhtar Tileuberdi", "appointee"), date="2025-01-01")
    assert kb.learn_from_event(stale, article_id="art:16") is None
    assert holder(kb, "the Kazakh foreign minister", "2025-01-01") == "nurtleu-murat"
