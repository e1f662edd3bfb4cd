"""The `sankore serve` command (registered in sankore.cli). Imports only click at module
level, so that `sankore --help` stays fast; the app and uvicorn load when it runs."""

from __future__ import annotations

import sys

import click

DEFAULT_HOST = "127.0.0.1"  # this machine only; another address is a deliberate choice
DEFAULT_PORT = 8000


@click.command(name="serve")
@click.option("--db", required=True, help="Database URL: sqlite:///FILE or postgresql://…")
@click.option("--host", default=DEFAULT_HOST, show_default=True,
              help="Address to listen on (the default accepts connections from this machine only).")
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=click.IntRange(1, 65535),
              help="Port to listen on.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Server processes (each opens its own connections).")
@click.option("--cache-mb", default=64.0, show_default=True, type=click.FloatRange(0, 65536),
              help="Megabytes of answers each process keeps until the store changes (0: none).")
def serve(db: str, host: str, port: int, workers: int, cache_mb: float) -> None:
    """Serve the web app (search, reader, timeline, map, actor network) and its JSON API
    (documented at /docs) over a store made by `sankore ingest`. Read-only."""
    from ..errors import StoreError

    try:
        import uvicorn

        from .app import create_app

        create_app(db, cache_mb)  # fails here, with one line, on a bad URL or database
    except StoreError as error:
        click.echo(f"sankore: error: {error}", err=True)
        sys.exit(1)
    click.echo(f"Sankore serving on http://{host}:{port} (API documentation at /docs)", err=True)
    if workers == 1:
        uvicorn.run(create_app(db, cache_mb), host=host, port=port, log_level="warning")
    else:
        import os

        os.environ["SANKORE_SERVE_DB"] = db
        os.environ["SANKORE_SERVE_CACHE_MB"] = str(cache_mb)
        uvicorn.run("sankore.web.cli:app_from_env", factory=True, host=host, port=port,
                    workers=workers, log_level="warning")


def app_from_env() -> object:
    """The app for a worker process of `serve --workers N` (the URL passed in the environment)."""
    import os

    from .app import create_app

    return create_app(os.environ["SANKORE_SERVE_DB"], float(os.environ.get("SANKORE_SERVE_CACHE_MB", "64")))
