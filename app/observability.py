"""Logging for the API: plain or JSON lines, a request id on every record of a request, one access line each."""

from __future__ import annotations

import json
import logging
import os
import re
import sys
import time
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any, TextIO

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graph.errors import ConfigError
from graph.settings import Settings

REQUEST_ID_HEADER = "x-request-id"
REQUEST_ID_HEADER_RAW = REQUEST_ID_HEADER.encode("latin-1")
HANDLER_NAME = "geokg"
PLAIN_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
# The fields a JSON line carries besides time, level, logger and message, when the record has them.
REQUEST_FIELDS = ("request_id", "method", "path", "status", "duration_ms")
# A caller's id is echoed only if it is short and plain, so it cannot forge log lines or bloat them.
_SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")

access_logger = logging.getLogger("geokg.access")
_request: ContextVar[tuple[str, str, str] | None] = ContextVar("geokg_request", default=None)


class _StderrHandler(logging.StreamHandler[TextIO]):
    """Writes to whatever sys.stderr is at emit time (test runners swap it)."""

    @property
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, _: TextIO) -> None:
        pass


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message and the request fields present."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for field in REQUEST_FIELDS:
            value = getattr(record, field, None)
            if value is not None:
                line[field] = value
        if record.exc_info:
            line["exc_info"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


def _install_record_factory() -> None:
    """Every LogRecord made while a request is served carries its id, method and path (once per process)."""
    previous = logging.getLogRecordFactory()
    if getattr(previous, "geokg", False):
        return

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        request = _request.get()
        record.request_id, record.method, record.path = request if request else ("-", None, None)
        return record

    factory.geokg = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(factory)


def configure_logging(settings: Settings) -> None:
    """Send geokg and uvicorn logs to stderr as plain text or JSON lines (settings.log_json); idempotent."""
    level = logging.getLevelName(settings.log_level.upper())
    if not isinstance(level, int):
        raise ConfigError(f"log level {settings.log_level!r}: use DEBUG, INFO, WARNING, ERROR or CRITICAL")
    _install_record_factory()
    handler = _StderrHandler()
    handler.set_name(HANDLER_NAME)
    handler.setFormatter(JsonFormatter() if settings.log_json else logging.Formatter(PLAIN_FORMAT))
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == HANDLER_NAME]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    for name in ("uvicorn", "uvicorn.error"):
        # uvicorn's own handlers would print its lines a second time, and never as JSON
        uvicorn_logger = logging.getLogger(name)
        uvicorn_logger.handlers.clear()
        uvicorn_logger.propagate = True
    # our access line replaces uvicorn's, which knows neither the request id nor the duration
    logging.getLogger("uvicorn.access").disabled = True


def loggable(text: str, limit: int = 1000) -> str:
    """The text with control and invisible characters escaped and its length capped: no forged or hidden lines."""
    if len(text) <= limit and text.isprintable():
        return text  # the common case, at C speed
    shown = "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text[:limit])
    return shown + "..." if len(text) > limit else shown


def _request_id(scope: Scope) -> str:
    for name, value in scope.get("headers", ()):
        if name == REQUEST_ID_HEADER_RAW:
            candidate = value.decode("latin-1")
            if _SAFE_REQUEST_ID.fullmatch(candidate):
                return candidate
    return os.urandom(16).hex()  # as random as uuid4, without building a UUID object per request


class RequestIdMiddleware:
    """Takes X-Request-ID from the request (or makes one), returns it, tags every log record, logs access."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = _request_id(scope)
        request_id_raw = request_id.encode("latin-1")
        path = loggable(scope["path"])
        # Not reset on the way out: the server runs each request in its own task, whose context dies with it,
        # and Starlette logs an unhandled error in ServerErrorMiddleware, outside every user middleware, later.
        _request.set((request_id, scope["method"], path))
        started = time.perf_counter()
        status = 500  # what the client gets if the app raises before answering

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", ()), (REQUEST_ID_HEADER_RAW, request_id_raw)]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            duration_ms = round((time.perf_counter() - started) * 1000, 2)
            access_logger.info("%s %s %d %.1fms", scope["method"], path, status, duration_ms,
                               extra={"status": status, "duration_ms": duration_ms})
