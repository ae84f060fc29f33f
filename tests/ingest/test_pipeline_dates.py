"""Date expressions resolved against the publication date, with their precision."""

from __future__ import annotations

import datetime as dt

import pytest

from ingest.stages.dates import find_dates

THURSDAY = dt.date(2025, 2, 13)


@pytest.mark.parametrize("text, future, value, precision", [
    ("They spoke yesterday.", False, "2025-02-12", "day"),
    ("They met on Tuesday.", False, "2025-02-11", "day"),
    ("They will meet on Tuesday.", True, "2025-02-18", "day"),
    ("They met on Thursday.", False, "2025-02-13", "day"),
    ("The talks were held last month.", False, "2025-01", "month"),
    ("He travelled there in early February.", False, "2025-02", "month"),
    ("The two met on Nov 3.", False, "2024-11-03", "day"),
    ("The summit opens on March 3.", True, "2025-03-03", "day"),
    ("They signed it on 12 February 2025.", False, "2025-02-12", "day"),
    ("The deal of July 22, 2022 still holds.", False, "2022-07-22", "day"),
    ("The envoy visited in 2019.", False, "2019", "year"),
    ("He arrived three days ago.", False, "2025-02-10", "day"),
])
def test_find_dates_resolves_against_publication(text: str, future: bool, value: str, precision: str) -> None:
    [hit] = find_dates(text, THURSDAY, future)
    assert (hit.value, hit.precision) == (value, precision)


@pytest.mark.parametrize("text", [
    "She may travel to Paris.",
    "Borders since 2014 are disputed.",
    "Talks will resume soon.",
])
def test_find_dates_ignores_non_dates(text: str) -> None:
    assert find_dates(text, THURSDAY, False) == []


def test_find_dates_without_publication_keeps_only_absolute_dates() -> None:
    hits = find_dates("On Monday they recalled the 4 March 2023 accord.", None, False)
    assert [(h.value, h.precision) for h in hits] == [("2023-03-04", "day")]
