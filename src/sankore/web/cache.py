"""Answers kept per state of the store: the app only reads, so a page or an API answer stays
right until something writes to the database (an ingest, `sankore views`).

Profiled on the 100,000-event bench store (benchmarks/web_bench.py), the time of a busy
server goes to the same few requests computed again and again: the capped count and the
page of a filter an analyst pages through, a broad full-text search ranked over every
match (50-250 ms each), a reader page read from eleven tables and rendered (10-30 ms). Kept,
each is a dictionary look-up. And twenty clients asking the same new question wait for one
computation instead of running twenty.

The state is read before each answer is computed, so a kept answer is never older than the
state it is filed under:
- SQLite: the size and modification time (ns) of the database file and its WAL: every
  commit appends to the WAL, and a checkpoint rewrites the database file;
- PostgreSQL: `pg_current_snapshot()`, which changes when a transaction that writes starts
  or ends anywhere on the server (a read-only one takes no transaction id).

Only GET answers with status 200 are kept, at most `max_bytes` of them (least recently used
go first); downloads and the API schema are not.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from ..store import Store
from ..store.state import sqlite_state, store_state

# What is kept: the pages and API answers that read the store (not downloads or static files).
CACHED_PREFIXES = ("/api/search", "/api/events?", "/api/events/", "/api/timeline", "/api/places",
                   "/api/relations", "/api/network", "/api/corpus-events/", "/api/documents/",
                   "/api/stats", "/api/mentions", "/search", "/doc/", "/corpus-event/")
MAX_ANSWER_BYTES = 4 * 1024 * 1024  # a larger answer (a network of a whole corpus) is not kept


def _rebuilt(status: int, body: bytes, headers: list[tuple[bytes, bytes]]) -> Response:
    response = Response(body, status_code=status)
    response.raw_headers = [(b"content-length", str(len(body)).encode()), *headers]
    return response


class ResponseCache:
    """GET answers by (path and query, store state), least recently used dropped past
    `max_bytes`."""

    def __init__(self, sqlite_file: str | None, store_of: Callable[[], Store], max_bytes: int) -> None:
        self.sqlite_file = sqlite_file
        self.store_of = store_of
        self.max_bytes = max_bytes
        self.size = 0
        self.hits = self.misses = 0
        self._state: Any = None
        self._answers: OrderedDict[str, tuple[int, bytes, list[tuple[bytes, bytes]]]] = OrderedDict()
        self._pending: dict[str, asyncio.Future[None]] = {}

    def keeps(self, request: Request) -> bool:
        if self.max_bytes <= 0 or request.method != "GET":
            return False
        target = request.url.path + ("?" + request.url.query if request.url.query else "")
        return target.startswith(CACHED_PREFIXES) or request.url.path == "/api/events"

    async def state(self) -> Any:
        if self.sqlite_file is not None:
            return sqlite_state(self.sqlite_file)
        return await run_in_threadpool(lambda: store_state(self.store_of()))

    async def answer(self, request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        state = await self.state()
        if state != self._state:  # something was written: every kept answer may be wrong
            self._answers.clear()
            self.size = 0
            self._state = state
        key = request.url.path + "?" + request.url.query
        while (waiting := self._pending.get(key)) is not None:
            await asyncio.shield(waiting)  # the same question is being answered: wait for it
        if (kept := self._answers.get(key)) is not None:
            self._answers.move_to_end(key)
            self.hits += 1
            return _rebuilt(*kept)
        self.misses += 1
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._pending[key] = done
        try:
            response = await call_next(request)
            if response.status_code != 200:
                return response
            body = b"".join([chunk async for chunk in response.body_iterator])  # type: ignore[attr-defined]
            headers = [(k, v) for k, v in response.raw_headers if k.lower() != b"content-length"]
            if len(body) <= MAX_ANSWER_BYTES and self._state == state:
                self._answers[key] = (response.status_code, body, headers)
                self.size += len(body)
                while self.size > self.max_bytes and self._answers:
                    _, (_, dropped, _) = self._answers.popitem(last=False)
                    self.size -= len(dropped)
            return _rebuilt(response.status_code, body, headers)
        finally:
            del self._pending[key]
            done.set_result(None)
