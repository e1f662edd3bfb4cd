"""Where records are kept: `open_store(url)` returns a `Store` for the URL's database.

    with open_store("sqlite:///sankore.db") as store:
        store.add(record)          # True if stored, False if already there
        store.search("Ouagadougou")

URLs: `sqlite:///relative/path.db`, `sqlite:////absolute/path.db` (the SQLAlchemy
convention: the path is what follows `sqlite:///`), `sqlite:///:memory:`, or a bare path;
`postgresql://user:password@host:port/dbname` (or `postgres://`) for PostgreSQL.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import StoreError
from .base import AddSummary, SearchHit, Store

__all__ = ["AddSummary", "SearchHit", "Store", "StoreError", "open_store", "sqlite_path"]


def sqlite_path(url: str | Path) -> str | None:
    """The file path of a SQLite URL or bare path; None if `url` names another database."""
    url = str(url)
    if url.startswith("sqlite:///"):
        return url[len("sqlite:///"):] or ":memory:"
    if url in ("sqlite://", "sqlite:"):
        return ":memory:"
    if "://" in url:
        return None
    return url


def open_store(url: str | Path) -> Store:
    """Open (and create or migrate, if needed) the store at `url`."""
    path = sqlite_path(url)
    if path is not None:
        from .sqlite import SQLiteStore

        if path != ":memory:" and not Path(path).parent.is_dir():
            raise StoreError(f"cannot create SQLite database {path!r}: no folder {str(Path(path).parent)!r}")
        return SQLiteStore(path)
    # Only the scheme goes into the message: the rest of a URL may hold a password.
    scheme = str(url).split("://", 1)[0]
    if scheme in ("postgres", "postgresql"):
        try:
            from .postgres import PostgresStore
        except ImportError as error:  # psycopg is an optional dependency
            raise StoreError(f"PostgreSQL needs psycopg: pip install 'psycopg[binary]' ({error})") from error
        return PostgresStore(str(url))
    raise StoreError(f"unknown database URL scheme {scheme!r}: expected sqlite:///path.db or a file path")
