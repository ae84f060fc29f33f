"""The Explorer: a static web page for journalists at `/`, built only on the public /v1 API."""

from __future__ import annotations

import os
from pathlib import Path as FilePath
from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import FileResponse, Response
from starlette.staticfiles import StaticFiles

STATIC_DIR = FilePath(__file__).resolve().parent.parent / "static"

router = APIRouter(tags=["explorer"], include_in_schema=False)

# A route that delegates to StaticFiles rather than `app.mount`, so the explorer registers like
# every other router (include_router does not carry mounts) and keeps StaticFiles' ETag handling
# and its guard against paths that escape the directory.
_static_files = StaticFiles(directory=STATIC_DIR)


@router.get("/", summary="The Explorer web page")
def index() -> FileResponse:
    # no-cache: the page is tiny and must pick up new asset versions after a deploy
    return FileResponse(STATIC_DIR / "index.html", headers={"Cache-Control": "no-cache"})


@router.get("/static/{path:path}", summary="The Explorer's scripts, styles and vendored libraries")
async def static_file(request: Request, path: Annotated[str, Path(max_length=300)]) -> Response:
    # the same normalisation StaticFiles applies to its own mount path ('..' and '.' collapse)
    relative = os.path.normpath(os.path.join("", *path.split("/"))) if path else "."
    return await _static_files.get_response(relative, request.scope)
