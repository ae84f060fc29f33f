"""GET /metrics: Prometheus text format (behind the API key too when reads are closed)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from app.deps import SettingsDep
from app.metrics import exposition

router = APIRouter(tags=["operations"], include_in_schema=False)


@router.get("/metrics", summary="Prometheus metrics of this server (and its workers, in multiprocess mode)")
def metrics(settings: SettingsDep) -> Response:
    body, media_type = exposition(settings.prometheus_multiproc_dir)
    return Response(body, media_type=media_type, headers={"Cache-Control": "no-store"})
