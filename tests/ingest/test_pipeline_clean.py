"""Boilerplate removal keeps offsets, drops furniture and keeps the reporting."""

from __future__ import annotations

import yaml

from ingest.stages.clean import clean_text
from ingest.stages.rules import RULES_DIR
from ingest.stages.segment import split_sentences


def test_clean_text_blanks_furniture_and_keeps_length() -> None:
    text = ("Home / World / Europe\nBy Jane Doe\nKarin BERG, NRD: The ministers met.\n"
            "Read more: other stories\nSign up for our weekly newsletter\n"
            "Photo: Reuters/File\nKYIV, Feb 20 (Wire Service) - Aid arrived.")
    cleaned = clean_text(text)
    assert len(cleaned) == len(text)
    kept = [s.text for s in split_sentences(cleaned)]
    assert kept == ["The ministers met.", "Aid arrived."]


def test_clean_text_keeps_ordinary_paragraphs() -> None:
    text = "Olaf Scholz arrived in Paris.\n\nHe met Emmanuel Macron."
    assert clean_text(text) == text


def test_split_sentences_offsets_match_text() -> None:
    text = "The U.S. envoy met Mr. Li on Feb. 3. They spoke for an hour.\nHeadline without a stop"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "The U.S. envoy met Mr. Li on Feb. 3.", "They spoke for an hour.", "Headline without a stop"]
    assert all(text[s.start:s.end] == s.text for s in sentences)


def test_rule_files_hold_no_yaml_booleans() -> None:
    # YAML 1.1 reads on/off/yes/no as booleans: a rule keyed `on:` would silently vanish.
    def walk(node: object) -> list[object]:
        if isinstance(node, dict):
            return [k for k in node if isinstance(k, bool)] + [x for v in node.values() for x in walk(v)]
        if isinstance(node, list):
            return [v for v in node if isinstance(v, bool)] + [x for v in node for x in walk(v)]
        return []

    for path in RULES_DIR.glob("*.yaml"):
        assert walk(yaml.safe_load(path.read_text(encoding="utf-8"))) == [], path.name
