"""Local article sources: JSON Lines, JSON, text with front matter, HTML, directory trees."""

from __future__ import annotations

from pathlib import Path

from ingest.articles import ArticleIn
from ingest.sources import SourceProblem, estimate_total, read_sources
from ingest.sources.files import read_path
from ingest.sources.text import article_from_text

DATA = Path(__file__).parent / "data"
TREE = DATA / "src_tree"


def _articles(path: Path) -> dict[str, ArticleIn]:
    items = list(read_path(path))
    assert all(isinstance(i, ArticleIn) for i in items), items
    return {i.title or "": i for i in items if isinstance(i, ArticleIn)}


def test_read_directory_tree_finds_every_kind() -> None:
    by_title = _articles(TREE)
    assert set(by_title) == {"Ministers meet in Oslo", "Talks in Rome", "Call between leaders",
                             "Envoy arrives in Nairobi", "Summit in Hanoi"}
    assert by_title["Talks in Rome"].id == "src-json-2"
    assert by_title["Call between leaders"].published_at == "2025-03-04"


def test_read_text_file_takes_front_matter_fields() -> None:
    note = _articles(TREE / "nested" / "note.md")["Envoy arrives in Nairobi"]
    assert note.published_at == "2025-03-05"
    assert note.url == "https://news.example/envoy-nairobi"
    assert note.source == "Example Wire"
    assert note.text.startswith("The Somali special envoy arrived in Nairobi")
    assert "---" not in note.text
    assert note.id.startswith("art:")  # derived from the URL, so re-reading gives the same id


def test_read_text_without_front_matter_keeps_whole_text() -> None:
    item = article_from_text("Plain words about a treaty.\n", where="x.txt")
    assert isinstance(item, ArticleIn)
    assert item.text == "Plain words about a treaty."
    assert item.title is None


def test_read_html_file_keeps_main_text_and_page_metadata() -> None:
    page = _articles(TREE / "nested" / "page.html")["Summit in Hanoi"]
    assert page.text.startswith("The Vietnamese prime minister received the Thai prime minister")
    assert "Subscribe" not in page.text and "Sport" not in page.text
    assert page.published_at == "2025-03-06"
    assert page.url == "https://times.example/2025/03/06/summit-hanoi"


def test_read_json_reports_each_bad_record_by_number() -> None:
    items = list(read_path(DATA / "src_bad.json"))
    assert isinstance(items[0], ArticleIn) and items[0].id == "ok-1"
    problems = [str(i) for i in items[1:]]
    assert "src_bad.json: article 2" in problems[0] and "id" in problems[0]
    assert "src_bad.json: article 3" in problems[1] and "text: missing" in problems[1]


def test_read_bad_front_matter_is_a_problem_not_an_exception() -> None:
    (item,) = read_path(DATA / "src_bad_front.md")
    assert isinstance(item, SourceProblem)
    assert "bad front matter" in item.message


def test_read_missing_path_and_unsupported_file_are_problems(tmp_path: Path) -> None:
    (tmp_path / "notes.docx").write_text("x")
    items = list(read_sources([str(tmp_path / "absent"), str(tmp_path / "notes.docx")]))
    assert [type(i) for i in items] == [SourceProblem, SourceProblem]
    assert items[0].message == "no such file or directory"  # type: ignore[union-attr]
    assert "unsupported file type .docx" in items[1].message  # type: ignore[union-attr]


def test_estimate_total_counts_lines_and_files() -> None:
    assert estimate_total([str(TREE)]) == 5
    assert estimate_total(["https://news.example/feed"]) is None


def test_read_jsonl_names_a_bad_line_once(tmp_path: Path) -> None:
    lines = tmp_path / "mixed.jsonl"
    lines.write_text('{"id": "a", "text": "Fine."}\n\n{broken\n')
    good, bad = read_path(lines)
    assert isinstance(good, ArticleIn)
    assert str(bad) == f"{lines}: line 3: malformed JSON (Expecting property name enclosed in double quotes " \
                       "at column 2)"
