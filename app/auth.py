"""API keys: write endpoints need `Authorization: Bearer <key>` whose sha256 digest is in settings.api_keys."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Annotated

from fastapi import Depends, HTTPException, Request

from graph.settings import Settings

KEY_PREFIX = "gk_"


def new_key() -> str:
    """A new random API key (256 bits)."""
    return KEY_PREFIX + secrets.token_urlsafe(32)


def key_digest(key: str) -> str:
    """What settings store for a key: its sha256 hex digest, so a leaked .env does not leak keys."""
    return hashlib.sha256(key.encode()).hexdigest()


def _unauthorized(message: str) -> HTTPException:
    return HTTPException(status_code=401, detail=message, headers={"WWW-Authenticate": "Bearer"})


def require_api_key(request: Request) -> str:
    """The digest of the caller's valid key; 401 if the key is missing or unknown."""
    settings: Settings = request.app.state.settings
    scheme, _, key = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not key.strip():
        raise _unauthorized("this endpoint needs an API key: send 'Authorization: Bearer <key>'")
    digest = key_digest(key.strip())
    # Compare against every configured digest in constant time, so timing reveals nothing.
    if not any(hmac.compare_digest(digest, allowed.strip().lower()) for allowed in settings.api_keys):
        raise _unauthorized("unknown API key" if settings.api_keys
                            else "no API keys are configured on this server; see `geokg keys new`")
    return digest


ApiKeyDep = Annotated[str, Depends(require_api_key)]
