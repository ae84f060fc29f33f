"""One exception handler, one JSON error shape: {"error": {"code", "message"}}."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.metrics import count_error
from graph.errors import (
    ConfigError,
    Conflict,
    GeokgError,
    InvalidInput,
    NotFound,
    StoreUnavailable,
    TooLarge,
)

logger = logging.getLogger(__name__)

STATUS_BY_ERROR: list[tuple[type[GeokgError], int]] = [
    (NotFound, 404),
    (Conflict, 409),
    (TooLarge, 413),
    (InvalidInput, 422),
    (StoreUnavailable, 503),
    (ConfigError, 500),
]


def error_body(code: str, message: str) -> dict[str, dict[str, str]]:
    return {"error": {"code": code, "message": message}}


def status_for(exc: GeokgError) -> int:
    return next((status for cls, status in STATUS_BY_ERROR if isinstance(exc, cls)), 500)


async def _geokg_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, GeokgError)
    status = status_for(exc)
    count_error(exc.code)
    headers = {"Retry-After": "5"} if status == 503 else None
    return JSONResponse(error_body(exc.code, exc.message), status_code=status, headers=headers)


async def _validation_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body"))
        parts.append(f"{where}: {err.get('msg')}" if where else str(err.get("msg")))
    return JSONResponse(error_body("invalid_input", "; ".join(parts) or "invalid request"), status_code=422)


async def _http_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = {404: "not_found", 405: "method_not_allowed", 401: "unauthorized", 403: "forbidden"}.get(
        exc.status_code, "http_error"
    )
    return JSONResponse(error_body(code, str(exc.detail)), status_code=exc.status_code,
                        headers=getattr(exc, "headers", None))


async def _unexpected_error(_: Request, exc: Exception) -> JSONResponse:
    logger.exception("unhandled error", exc_info=exc)
    return JSONResponse(error_body("internal_error", "internal error; see the server log"), status_code=500)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(GeokgError, _geokg_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected_error)
