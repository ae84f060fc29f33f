"""Guards in front of every route: request body size, closed reads (API key for GET /v1), CORS."""

from __future__ import annotations

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.auth import require_api_key
from app.errors import error_body
from app.metrics import count_error
from graph.errors import TooLarge
from graph.settings import Settings

READ_METHODS = frozenset({"GET", "HEAD"})
GUARDED_READ_PREFIXES = ("/v1/", "/metrics")


class BodyLimitMiddleware:
    """Answers 413 to a declared Content-Length over the limit, and stops a streamed body once it passes it."""

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length", b"").decode("latin-1")
        if declared.isascii() and declared.isdigit() and int(declared) > self.max_bytes:
            count_error(TooLarge.code)
            # the articles route's wording, so clients see one message whichever check fires first
            message = f"request body of {declared} bytes is over the limit of {self.max_bytes}"
            response = JSONResponse(error_body(TooLarge.code, message), status_code=413,
                                    headers={"Connection": "close"})
            await response(scope, receive, send)
            return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    # raised inside the route that reads the body, so the one error handler answers 413
                    raise TooLarge(f"request body passed {received} bytes, over the limit of {self.max_bytes}")
            return message

        await self.app(scope, counting_receive, send)


class ReadGuardMiddleware:
    """With settings.open_reads false, GET /v1/* and /metrics need the same API key as writes (401 otherwise)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (scope["type"] == "http" and scope["method"] in READ_METHODS
                and scope["path"].startswith(GUARDED_READ_PREFIXES)):
            request = Request(scope)
            try:
                require_api_key(request)
            except HTTPException as exc:
                response = JSONResponse(error_body("unauthorized", str(exc.detail)), status_code=exc.status_code,
                                        headers=exc.headers)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def install_limits(app: FastAPI, settings: Settings) -> None:
    """Add the body limit, the read guard (if reads are closed) and CORS (if origins are configured)."""
    if not settings.open_reads:
        app.add_middleware(ReadGuardMiddleware)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    if settings.cors_origins:
        # added last, so it runs first: preflight OPTIONS requests are answered before any guard
        app.add_middleware(
            CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type", "If-None-Match", "X-Request-ID"],
            expose_headers=["ETag", "X-Request-ID"], max_age=600,
        )
