"""`geokg extract`: JSON Lines articles in, one JSON line of events per article out."""

from __future__ import annotations


def extract() -> None:
    """Extract typed events from JSON Lines articles (not built yet)."""
    raise NotImplementedError
