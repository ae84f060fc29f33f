"""Opaque, insert-stable cursors: the (sort_key, id) of the last item served."""

from __future__ import annotations

import base64
import json

from graph.errors import InvalidInput


def encode_cursor(sort_key: str, item_id: str) -> str:
    raw = json.dumps([sort_key, item_id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[str, str]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        sort_key, item_id = json.loads(base64.urlsafe_b64decode(padded.encode()))
        if not isinstance(sort_key, str) or not isinstance(item_id, str):
            raise ValueError
        return sort_key, item_id
    except (ValueError, TypeError, UnicodeDecodeError) as exc:
        raise InvalidInput("invalid cursor: pass back the next_cursor of a previous page unchanged") from exc
