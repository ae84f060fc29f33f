"""ETag and Cache-Control for JSON read endpoints, with 304 Not Modified on a matching If-None-Match."""

from __future__ import annotations

import hashlib

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_AGE_S = 10


class ETagMiddleware:
    """Buffers GET /v1 JSON responses (not streamed exports) to tag them with a content hash."""

    def __init__(self, app: ASGIApp, *, prefix: str = "/v1/", skip_prefix: str = "/v1/export/") -> None:
        self.app, self.prefix, self.skip_prefix = app, prefix, skip_prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if (scope["type"] != "http" or scope["method"] != "GET" or not path.startswith(self.prefix)
                or path.startswith(self.skip_prefix)):
            await self.app(scope, receive, send)
            return
        start: Message | None = None
        chunks: list[bytes] = []

        async def buffer(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body"):
                return
            assert start is not None
            await self._send_tagged(scope, start, b"".join(chunks), send)

        await self.app(scope, receive, buffer)

    @staticmethod
    async def _send_tagged(scope: Scope, start: Message, body: bytes, send: Send) -> None:
        headers = MutableHeaders(raw=list(start["headers"]))
        status = start["status"]
        if status == 200 and headers.get("content-type", "").startswith("application/json"):
            etag = 'W/"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'
            headers["ETag"] = etag
            headers["Cache-Control"] = f"public, max-age={MAX_AGE_S}"
            if etag in Headers(scope=scope).get("if-none-match", ""):
                del headers["content-length"]
                del headers["content-type"]
                await send({"type": "http.response.start", "status": 304, "headers": headers.raw})
                await send({"type": "http.response.body", "body": b""})
                return
        await send({"type": "http.response.start", "status": status, "headers": headers.raw})
        await send({"type": "http.response.body", "body": body})
