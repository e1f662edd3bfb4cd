"""A token that changes whenever something is written to a store, for readers that keep
answers (the web app's cache): equal tokens, same data."""

from __future__ import annotations

import os
from typing import Any

from .base import Store
from .sqlite import SQLiteStore


def _file(path: str) -> tuple[int, int] | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_mtime_ns, found.st_size


def sqlite_state(path: str) -> Any:
    """The size and modification time (ns) of the database file and of its WAL: every commit
    appends to the WAL, and a checkpoint rewrites the file. Read without a connection."""
    return _file(path), _file(path + "-wal")


def store_state(store: Store) -> Any:
    """SQLite: `sqlite_state`. PostgreSQL: the server's current snapshot, which changes when
    a transaction that writes starts or ends (one that only reads takes no transaction id)."""
    if isinstance(store, SQLiteStore):
        return sqlite_state(store.path)
    return store.query("SELECT pg_current_snapshot()::text")[0][0]
