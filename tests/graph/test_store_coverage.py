"""Meta-test: every public GraphStore method is exercised by at least one test in this directory."""

from __future__ import annotations

import re
from pathlib import Path

from graph.store import GraphStore

HERE = Path(__file__).parent


def _protocol_methods() -> list[str]:
    return sorted(name for name, value in vars(GraphStore).items() if callable(value) and not name.startswith("_"))


def test_every_store_method_has_a_test() -> None:
    text = "\n".join(path.read_text() for path in HERE.glob("test_*.py") if path.name != Path(__file__).name)
    untested = [name for name in _protocol_methods() if not re.search(rf"\.{name}\(", text)]
    assert untested == [], f"GraphStore methods without a test: {untested}"


def test_protocol_methods_are_found() -> None:
    assert {"events", "network", "paths", "delete_article", "close"} <= set(_protocol_methods())
