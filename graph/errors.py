"""One exception hierarchy for the whole of geokg; every error carries a stable `code`."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


class GeokgError(Exception):
    """Root of every error geokg raises on purpose."""

    code = "geokg_error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(GeokgError):
    """An actor, event or article id that the store does not hold."""

    code = "not_found"


class Conflict(GeokgError):
    """A write that contradicts what the store already holds."""

    code = "conflict"


class InvalidInput(GeokgError, ValueError):
    """Input that geokg cannot use: a bad parameter, line, date or URL."""

    code = "invalid_input"


class TooLarge(InvalidInput):
    """Input over one of the configured size limits."""

    code = "too_large"


class StoreUnavailable(GeokgError):
    """The configured store cannot be reached or answered with a transient failure."""

    code = "store_unavailable"


class ExtractionFailed(GeokgError):
    """An article could not be turned into events."""

    code = "extraction_failed"


class ConfigError(GeokgError):
    """A setting that cannot work, such as a malformed store URL."""

    code = "config_error"


@contextmanager
def map_exceptions(mapping: dict[type[BaseException], type[GeokgError]], prefix: str = "") -> Iterator[None]:
    """Re-raise a lower library's exception as the mapped geokg error, so callers see only ours."""
    try:
        yield
    except GeokgError:
        raise
    except tuple(mapping) as exc:
        for source, target in mapping.items():
            if isinstance(exc, source):
                raise target(f"{prefix}{exc}") from exc
        raise
