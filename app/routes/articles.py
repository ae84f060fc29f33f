"""POST /v1/articles: queue articles for the workers (API key required); size limits answer 413."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, ValidationError

from app.auth import ApiKeyDep
from app.deps import SettingsDep
from graph.errors import InvalidInput, TooLarge
from graph.settings import Settings
from ingest.articles import ArticleIn
from ingest.ids import article_id, content_hash
from ingest.jobs import JobQueue, open_queue

router = APIRouter(prefix="/v1", tags=["ingestion"])


def get_queue(request: Request) -> JobQueue:
    """The job queue, opened on first use and kept on the app."""
    queue: JobQueue | None = getattr(request.app.state, "queue", None)
    if queue is None:
        queue = request.app.state.queue = open_queue(request.app.state.settings)
    return queue


QueueDep = Annotated[JobQueue, Depends(get_queue)]


class QueuedArticle(BaseModel):
    job_id: str
    article_id: str


class Queued(BaseModel):
    """The jobs created, one per article, in the order posted; poll GET /v1/jobs/{job_id}."""

    jobs: list[QueuedArticle]


async def _read_body(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 as soon as it passes `limit` bytes (declared or streamed)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise TooLarge(f"request body of {declared} bytes is over the limit of {limit}")
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > limit:
            raise TooLarge(f"request body is over the limit of {limit} bytes")
    return bytes(body)


def parse_articles(body: bytes, settings: Settings) -> list[ArticleIn]:
    """One article object, or {"articles": [...]}; ids default to ones derived from the URL or text."""
    try:
        data = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"body is not valid JSON: {exc}") from exc
    batch = isinstance(data, dict) and "articles" in data
    records = data["articles"] if batch else [data]
    if not isinstance(records, list) or not records:
        raise InvalidInput('expected an article object or {"articles": [one or more article objects]}')
    if len(records) > settings.max_batch_articles:
        raise TooLarge(f"{len(records)} articles in one request; the limit is {settings.max_batch_articles}")
    return [_article(record, f"articles.{n}." if batch else "", settings) for n, record in enumerate(records)]


def _article(record: Any, where: str, settings: Settings) -> ArticleIn:
    if not isinstance(record, dict):
        raise InvalidInput(f"{where or 'body'}: expected an article object")
    text = record.get("text")
    if isinstance(text, str) and len(text) > settings.max_article_chars:
        raise TooLarge(f"{where}text has {len(text)} characters; the limit is {settings.max_article_chars}")
    if not record.get("id") and isinstance(text, str):
        record = {**record, "id": article_id(record.get("url"), None, content_hash(record.get("title"), text))}
    try:
        return ArticleIn.model_validate(record)
    except ValidationError as exc:
        raise InvalidInput("; ".join(f"{where}{'.'.join(str(p) for p in e['loc'])}: "
                                     f"{e['msg'].removeprefix('Value error, ')}" for e in exc.errors())) from exc


@router.post("/articles", status_code=202, response_model=Queued,
             summary="Queue one article, or {\"articles\": [...]}, for extraction (API key required)")
async def post_articles(request: Request, _key: ApiKeyDep, settings: SettingsDep, queue: QueueDep) -> Queued:
    articles = parse_articles(await _read_body(request, settings.max_body_bytes), settings)
    job_ids = await run_in_threadpool(queue.enqueue, [a.model_dump() for a in articles])
    return Queued(jobs=[QueuedArticle(job_id=j, article_id=a.id) for j, a in zip(job_ids, articles, strict=True)])
