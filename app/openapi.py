"""The OpenAPI document tells the truth about errors: every operation's 4xx/5xx answers have the one error shape."""

from __future__ import annotations

import json
from typing import Any

from fastapi import FastAPI

ERROR_SCHEMA_NAME = "ErrorBody"
ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "title": ERROR_SCHEMA_NAME,
    "description": 'Every error answer: {"error": {"code": "not_found", "message": "..."}}.',
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
        }
    },
}
# Status codes any operation may answer: the error handler in app/errors.py and the guards in app/limits.py.
KEYED_PREFIX = "/v1/"  # the only paths an API key can guard
ERROR_STATUSES = {
    "401": "API key missing or unknown (writes; reads too when open_reads is false)",
    "404": "Not found",
    "413": "Over a size limit (body, page size, depth)",
    "422": "Invalid input",
    "503": "The store is unavailable or timed out; retry after Retry-After seconds",
}


def _with_error_responses(schema: dict[str, Any]) -> dict[str, Any]:
    ref = {"$ref": f"#/components/schemas/{ERROR_SCHEMA_NAME}"}
    schema.setdefault("components", {}).setdefault("schemas", {})[ERROR_SCHEMA_NAME] = ERROR_SCHEMA
    for path, operations in schema.get("paths", {}).items():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for status, description in ERROR_STATUSES.items():
                if status == "401" and not path.startswith(KEYED_PREFIX):
                    continue
                # replaces FastAPI's 422 HTTPValidationError, a shape this API never sends
                responses[status] = {"description": description, "content": {"application/json": {"schema": ref}}}
    components = schema["components"]["schemas"]
    for unused in ("HTTPValidationError", "ValidationError"):
        if unused in components and f"/{unused}\"" not in json.dumps({**schema, "components": {}}):
            del components[unused]
    return schema


def document_errors(app: FastAPI) -> None:
    """Make app.openapi() list the error answers of every operation, with the one error body schema."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = _with_error_responses(build())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
