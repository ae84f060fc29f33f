"""`geokg serve`: run the API and the explorer with uvicorn."""

from __future__ import annotations

import typer
import uvicorn

# uvicorn kills a worker that has not answered its health ping in this many seconds; a spawned
# worker first re-imports the CLI and the app, which takes longer than uvicorn's 5 s on a busy
# 2-core machine, and then it is killed and respawned forever.
WORKER_HEALTHCHECK_S = 60


def serve(
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
    workers: int = typer.Option(1, min=1, help="Worker processes."),
    reload: bool = typer.Option(False, help="Reload on code changes (development)."),
) -> None:
    """Serve the REST API (and the explorer page at /) with uvicorn."""
    typer.echo(f"geokg: serving on http://{host}:{port}/  (API docs at /docs)", err=True)
    uvicorn.run("app.main:create_app", factory=True, host=host, port=port, workers=workers, reload=reload,
                timeout_worker_healthcheck=WORKER_HEALTHCHECK_S)
