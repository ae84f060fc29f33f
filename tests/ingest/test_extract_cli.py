"""`geokg extract`: JSON Lines in, one line per good article out, bad lines named on stderr."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from app.commands.extract import extract
from graph.errors import InvalidInput
from ingest.articles import BadLine, parse_article, read_articles

DATA = Path(__file__).parent / "data" / "extract_mixed.jsonl"


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    cli = typer.Typer()
    cli.command()(extract)
    return cli


def test_extract_skips_bad_lines_and_keeps_order(app: typer.Typer) -> None:
    result = CliRunner().invoke(app, [str(DATA)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["a1", "a5"]
    [meeting] = [e for e in lines[0]["events"] if e["type"] == "meeting"]
    assert {p["name"] for p in meeting["participants"]} == {"Narendra Modi", "Anthony Albanese"}
    assert meeting["date"] == "2024-05-14" and meeting["place"]["name"] == "Sydney"
    assert meeting["evidence"]["sentence"].startswith("Narendra Modi met")
    [call] = [e for e in lines[1]["events"] if e["type"] == "call"]
    assert call["date"] == "2024-05-14"
    assert "line 2: malformed JSON" in result.stderr
    assert "line 3" in result.stderr and "text: missing" in result.stderr
    assert "line 4" in result.stderr and "published_at" in result.stderr


def test_extract_fail_stops_at_first_bad_line(app: typer.Typer) -> None:
    result = CliRunner().invoke(app, [str(DATA), "--on-error", "fail"])
    assert result.exit_code == 1
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["a1"]
    assert "line 2" in result.stderr


def test_extract_reads_stdin(app: typer.Typer) -> None:
    article = {"id": "s1", "text": "Xi Jinping met Lula in Beijing.", "published_at": "2023-04-14"}
    result = CliRunner().invoke(app, ["-"], input=json.dumps(article) + "\n")
    assert result.exit_code == 0
    [line] = [json.loads(x) for x in result.stdout.splitlines()]
    assert line["id"] == "s1" and [e["type"] for e in line["events"]] == ["meeting"]


def test_extract_missing_file_is_a_clear_error(app: typer.Typer, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, [str(tmp_path / "nope.jsonl")])
    assert result.exit_code == 2
    assert "no such file" in result.stderr


def test_parse_article_names_the_line_for_wrong_date() -> None:
    with pytest.raises(InvalidInput, match=r"line 7: invalid article \(id 'x'\): published_at"):
        parse_article('{"id": "x", "text": "t", "published_at": "2024-13-45"}', 7)


def test_read_articles_skips_blank_lines_and_counts_them() -> None:
    items = list(read_articles(['{"id": "a", "text": "t"}', "", "[1]"]))
    assert isinstance(items[1], BadLine) and items[1].line == 3
    assert "expected a JSON object" in items[1].message
