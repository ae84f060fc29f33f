"""`geokg jobs`: what the queue holds, the failed articles with their errors, retrying and pruning them."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

import typer

from ingest.jobs import DONE, FAILED, STATES, open_queue
from ingest.jobs.base import DEFAULT_DONE_RETENTION_S

PRUNE = "prune"
UNIT_S = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
DEFAULT_AGE = f"{DEFAULT_DONE_RETENTION_S / 86400:g}d"


def parse_age(text: str) -> float:
    """Seconds in an age such as 90s, 30m, 12h, 7d or 2w."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhdw])\s*", text.lower())
    if match is None:
        raise typer.BadParameter(f"{text!r} is not an age: use a number and a unit, e.g. 90s, 30m, 12h, 7d, 2w")
    return float(match[1]) * UNIT_S[match[2]]


def jobs_command(
    job_id: str | None = typer.Argument(None, help=f"Show one job in full; or `{PRUNE}` to delete old finished jobs."),
    state: str | None = typer.Option(None, help=f"List jobs in this state: {', '.join(STATES)}."),
    limit: int = typer.Option(20, min=1, help="How many jobs to list."),
    retry_failed: bool = typer.Option(False, "--retry-failed", help="Queue every failed job again."),
    older_than: str | None = typer.Option(
        None, "--older-than", help=f"With `{PRUNE}`: the age past which done jobs go, e.g. 12h, 7d "
                                   f"(default {DEFAULT_AGE})."),
    failed: bool = typer.Option(False, "--failed", help=f"With `{PRUNE}`: delete old failed jobs too."),
) -> None:
    """Count jobs by state and list the newest ones (failed ones with their error); `geokg jobs prune`."""
    if state is not None and state not in STATES:
        raise typer.BadParameter(f"state must be one of {', '.join(STATES)}", param_hint="--state")
    if job_id != PRUNE and (older_than is not None or failed):
        raise typer.BadParameter(f"only `geokg jobs {PRUNE}` takes --older-than and --failed")
    queue = open_queue()
    try:
        if job_id == PRUNE:
            age = older_than or DEFAULT_AGE
            states = (DONE, FAILED) if failed else (DONE,)
            pruned = queue.prune(older_than_s=parse_age(age), states=states)
            typer.echo(f"deleted {pruned} {' and '.join(states)} jobs older than {age}")
            return
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
