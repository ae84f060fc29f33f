"""`geokg stats`: counts of what the store holds."""

from __future__ import annotations


def stats() -> None:
    """Print store counts (not built yet)."""
    raise NotImplementedError
