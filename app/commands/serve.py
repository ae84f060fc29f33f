"""`geokg serve`: run the API and the explorer with uvicorn."""

from __future__ import annotations


def serve() -> None:
    """Serve the API (not built yet)."""
    raise NotImplementedError
