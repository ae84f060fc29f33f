"""The fast path for hot read endpoints: one thread hop for the store call, JSON straight from the model.

A plain `def` endpoint costs FastAPI two thread-pool hops (the endpoint, then re-validating the returned
model) before it serialises; an `async def` endpoint that awaits the store call in the pool and returns
the model's own JSON skips the second hop and the re-validation. Declare `response_model=` on the route
so the OpenAPI schema still describes the body.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ParamSpec

import pydantic_core
from fastapi import Response
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

P = ParamSpec("P")


async def model_response(call: Callable[P, BaseModel], *args: P.args, **kwargs: P.kwargs) -> Response:
    """Run a blocking store call in the thread pool and answer with the model it returns, as JSON."""
    model = await run_in_threadpool(call, *args, **kwargs)
    return Response(model.model_dump_json(), media_type="application/json")


async def json_response(call: Callable[P, Any], *args: P.args, **kwargs: P.kwargs) -> Response:
    """Run a blocking call in the thread pool and answer with the plain JSON data it builds."""
    data = await run_in_threadpool(call, *args, **kwargs)
    return Response(pydantic_core.to_json(data), media_type="application/json")
