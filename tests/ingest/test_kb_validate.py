"""`geokg actors validate|lookup|who` and the data-file checks behind them."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from app.commands.actors import cli
from ingest.kb.validate import validate_files

DATA = Path(__file__).parent / "data" / "kb"
runner = CliRunner()


def test_validate_own_test_files_is_clean() -> None:
    assert validate_files([DATA / "persons.csv", DATA / "roles.csv"]) == []


def test_validate_catches_overlap_bad_role_country_and_date() -> None:
    problems = validate_files([DATA / "persons.csv", DATA / "overlap_roles.csv"])
    found = {(Path(p.file).name, p.line): p.message for p in problems}
    assert "overlaps tileuberdi-mukhtar" in found[("overlap_roles.csv", 3)]
    assert "unknown role 'foreign_ministre'" in found[("overlap_roles.csv", 4)]
    assert "2023-02-30" in found[("overlap_roles.csv", 5)]
    assert len(problems) == 3


def test_validate_accepts_handover_on_the_same_day(tmp_path: Path) -> None:
    roles = tmp_path / "roles.csv"
    roles.write_text("person_id,role,title,country,organisation,start,end\n"
                     "tileuberdi-mukhtar,foreign_minister,,KAZ,,2019-05-18,2023-09-01\n"
                     "nurtleu-murat,foreign_minister,,KAZ,,2023-09-01,\n"
                     "tokayev-kassym-jomart,head_of_state,President,KAZ,,2019-03,\n"
                     "kim-yo-jong,head_of_state,President,KAZ,,2019-05-01,2019-05-01\n", encoding="utf-8")
    problems = validate_files([DATA / "persons.csv", roles])
    assert [(p.line, "overlaps tokayev" in p.message) for p in problems] == [(5, True)]


def test_validate_reports_unknown_person_country_and_header(tmp_path: Path) -> None:
    persons = tmp_path / "persons.csv"
    persons.write_text("id,name,country,aliases\nBad Id,Someone,KAZ,\ndoe-jane,Jane Doe,XYZ,\n", encoding="utf-8")
    roles = tmp_path / "roles.csv"
    roles.write_text("person_id,role,title,country,organisation,start,end\n"
                     "ghost-person,foreign_minister,,KAZ,,2020-01-01,\n"
                     "doe-jane,org_head,,,org:atlantis,2020-01-01,\n", encoding="utf-8")
    other = tmp_path / "notes.csv"
    other.write_text("a,b\n1,2\n", encoding="utf-8")
    messages = [f"{Path(p.file).name}:{p.line}: {p.message}" for p in validate_files([persons, roles, other])]
    assert any(m.startswith("persons.csv:2: bad person id") for m in messages)
    assert any(m.startswith("persons.csv:3: unknown country 'XYZ'") for m in messages)
    assert any(m.startswith("roles.csv:2: unknown person_id 'ghost-person'") for m in messages)
    assert any(m.startswith("roles.csv:3: unknown organisation 'org:atlantis'") for m in messages)
    assert any(m.startswith("notes.csv:1: header is neither") for m in messages)


def test_cli_validate_exits_non_zero_with_file_and_line() -> None:
    result = runner.invoke(cli, ["validate", str(DATA / "persons.csv"), str(DATA / "overlap_roles.csv")])
    assert result.exit_code == 1
    assert "overlap_roles.csv:3:" in result.output
    clean = runner.invoke(cli, ["validate", str(DATA / "persons.csv"), str(DATA / "roles.csv")])
    assert (clean.exit_code, clean.output.strip()) == (0, "ok")


def test_cli_lookup_prints_actor_how_and_evidence() -> None:
    result = runner.invoke(cli, ["lookup", "the Kremlin"])
    assert result.exit_code == 0
    assert "country:RUS  Russia (country)" in result.output
    assert "how: metonym" in result.output
    missing = runner.invoke(cli, ["lookup", "John Qwertyson"])
    assert missing.exit_code == 1


def test_cli_lookup_rejects_bad_date() -> None:
    result = runner.invoke(cli, ["lookup", "the Kremlin", "--date", "2025-02-31"])
    assert result.exit_code != 0
    assert "2025-02-31" in str(result.exception)


def test_cli_who_accepts_iso2_iso3_and_names() -> None:
    outputs = {country: runner.invoke(cli, ["who", "Secretary of State", "--country", country,
                                            "--date", "2022-11-15"]).output
               for country in ("US", "USA", "United States")}
    assert len(set(outputs.values())) == 1
    assert "blinken-antony" in outputs["US"]


def test_validate_catches_one_office_spelt_two_ways(tmp_path: Path) -> None:
    roles = tmp_path / "roles.csv"
    roles.write_text("person_id,role,title,country,organisation,start,end\n"
                     "smith-anna,org_head,United Nations High Commissioner for Refugees,,org:unhcr,2020-01-01,\n"
                     "smith-anna,org_head,UN High Commissioner for Refugees,,org:unhcr,2020-01-01,\n"
                     "kim-yo-jong,military_chief,Chief of the General Staff,PRK,,2020-01-01,\n"
                     "kim-yo-jong,military_chief,Commander of the Joint Forces,PRK,,2020-01-01,\n",
                     encoding="utf-8")
    problems = validate_files([DATA / "persons.csv", roles])
    assert [(p.line, "one office, one row" in p.message) for p in problems] == [(3, True)]


def test_check_reference_files_reports_bad_organisation_links(tmp_path: Path) -> None:
    from ingest.kb.validate import check_reference_files

    organisations = tmp_path / "organisations.yaml"
    organisations.write_text(
        '- {id: "org:ok", name: Fine Body}\n'
        '- {id: "org:bad", name: Bad Body, country: XYZ, head_role: grand_vizier, parent: "org:none"}\n',
        encoding="utf-8")
    messages = [f"{p.line}: {p.message}" for p in check_reference_files(organisations_file=organisations)]
    assert messages == ["2: org:bad: unknown country 'XYZ'", "2: org:bad: unknown head_role 'grand_vizier'",
                        "2: org:bad: unknown parent 'org:none'"]
