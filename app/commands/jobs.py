"""`geokg jobs`: what the queue holds, the failed articles with their errors, and retrying them."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import typer

from ingest.jobs import FAILED, STATES, open_queue


def jobs_command(
    job_id: str | None = typer.Argument(None, help="Show one job in full."),
    state: str | None = typer.Option(None, help=f"List jobs in this state: {', '.join(STATES)}."),
    limit: int = typer.Option(20, min=1, help="How many jobs to list."),
    retry_failed: bool = typer.Option(False, "--retry-failed", help="Queue every failed job again."),
) -> None:
    """Count jobs by state and list the newest ones (failed ones with their error)."""
    if state is not None and state not in STATES:
        raise typer.BadParameter(f"state must be one of {', '.join(STATES)}", param_hint="--state")
    queue = open_queue()
    try:
        if job_id:
            typer.echo(json.dumps(queue.get(job_id).public(), indent=2))
            return
        if retry_failed:
            typer.echo(f"queued {queue.retry_failed()} failed jobs again")
        counts = queue.counts()
        typer.echo("  ".join(f"{name} {counts[name]}" for name in STATES))
        for job in queue.jobs(state=state or (FAILED if counts[FAILED] else None), limit=limit):
            when = datetime.fromtimestamp(job.updated_at, UTC).strftime("%Y-%m-%d %H:%M:%S")
            line = f"{job.id}  {job.state:<7} {when}  {job.article.get('id')}"
            typer.echo(line + (f"  {job.error}" if job.error else ""))
    finally:
        queue.close()
