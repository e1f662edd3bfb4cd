"""The web app: `create_app(db_url)` returns a FastAPI application over a store made by
`sankore ingest`. It only reads.

- Each worker thread opens its own connection to the store (a SQLite connection belongs to
  the thread that opened it), kept for the life of the app.
- Answers are kept until the store changes (cache.py).
- Every response carries a Content-Security-Policy that allows scripts from the app's own
  files only: no inline script, no event-handler attributes, no eval, nothing from another
  origin. Stored text is rendered by Jinja2 with autoescaping and set with `textContent` by
  the scripts, so an article holding markup shows it as text.
- A bad query parameter is a 400 (or FastAPI's 422) with a message naming it, never a 500.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager, suppress
from pathlib import Path

import jinja2
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import StoreError
from ..store import open_store
from ..store.sqlite import SQLiteStore
from .api import router as api_router
from .cache import ResponseCache
from .pages import error_page
from .pages import router as page_router
from .stores import Stores

HERE = Path(__file__).resolve().parent
DEFAULT_CACHE_MB = 64.0  # per server process (cache.py)
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def create_app(db_url: str, cache_mb: float = DEFAULT_CACHE_MB) -> FastAPI:
    """The app over the store at `db_url` (opened once here, so that a bad URL fails now),
    keeping up to `cache_mb` megabytes of answers per process (0: none)."""
    # Kept open while the app runs: the last SQLite connection to close deletes the WAL, and
    # its coming back on the next request would read as a change of the store (cache.py).
    first = open_store(db_url)
    sqlite_file = first.path if isinstance(first, SQLiteStore) else None
    stores = Stores(db_url)
    cache = ResponseCache(sqlite_file, stores.get, int(cache_mb * 1024 * 1024))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        stores.close()
        with suppress(Exception):  # opened in another thread (SQLite refuses): the process ends anyway
            first.close()

    app = FastAPI(
        title="Sankore", lifespan=lifespan, docs_url=None, redoc_url=None,
        description="Read-only API over a Sankore store: documents with their evidence-linked "
                    "records, event search and filters, timelines, places, actor-pair relations "
                    "and merged corpus events. Every page of the web app has its twin here.",
    )
    app.state.stores = stores
    app.state.cache = cache
    # Autoescape everything: no stored string is ever markup.
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(str(HERE / "templates")), autoescape=True)
    app.state.templates = Jinja2Templates(env=environment)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @app.middleware("http")
    async def kept_answers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        if cache.keeps(request):
            return await cache.answer(request, call_next)
        return await call_next(request)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]
                               ) -> Response:
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        messages = ["{}: {}".format(".".join(str(p) for p in error.get("loc", ())), error.get("msg"))
                    for error in exc.errors()]
        return JSONResponse({"detail": "bad request: " + "; ".join(messages)}, status_code=400)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> JSONResponse:
        return JSONResponse({"detail": f"the store cannot answer: {exc}"}, status_code=503)

    app.include_router(api_router)
    app.include_router(page_router)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        return error_page(request, exc.status_code, exc.detail)

    return app
