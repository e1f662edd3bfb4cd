"""Where records are kept: `open_store(url)` returns a `Store` for the URL's database.

    with open_store("sqlite:///sankore.db") as store:
        store.add(record)          # True if stored, False if already there
        store.search("Ouagadougou")

URLs: `sqlite:///relative/path.db`, `sqlite:////absolute/path.db` (the SQLAlchemy
convention: the path is what follows `sqlite:///`), `sqlite:///:memory:`, or a bare path;
`postgresql://user:password@host:port/dbname` (or `postgres://`) for PostgreSQL.

A URL that names no file (`""`, `sqlite://`, `sqlite:///`) is an error, not a silent
in-memory database that keeps nothing; only `sqlite:///:memory:` (or `:memory:`) asks for
one. `sqlite://name.db` (two slashes) and SQLite URL options (`?mode=ro`) are errors that
say so, rather than a file created under a literal name. `open_store(url, create=False)`
refuses a file that is not there (a reading command given a mistyped path).
"""

from __future__ import annotations

from pathlib import Path

from ..errors import StoreError
from .base import AddSummary, SearchHit, Store

__all__ = ["MEMORY", "AddSummary", "SearchHit", "Store", "StoreError", "open_store", "sqlite_path"]


MEMORY = ":memory:"


def sqlite_path(url: str | Path) -> str | None:
    """The file path of a SQLite URL or bare path (":memory:" for an in-memory database);
    None if `url` names another database. Raises `StoreError` for a URL that names none."""
    url = str(url)
    if not url.strip():
        raise StoreError("no database named: give a file path or URL such as sqlite:///sankore.db")
    if url.startswith("sqlite:"):
        path = url[len("sqlite:///"):] if url.startswith("sqlite:///") else None
        if path is None:
            rest = url[len("sqlite:"):].lstrip("/")
            hint = f": did you mean sqlite:///{rest}?" if rest else ""
            raise StoreError(f"{url!r} names no database file (a SQLite URL is sqlite:/// followed by "
                             f"the path){hint}")
        if not path:
            raise StoreError(f"{url!r} names no database file: an in-memory database keeps nothing "
                             "(name a file, e.g. sqlite:///sankore.db, or ask for sqlite:///:memory:)")
        if "?" in path:
            raise StoreError(f"{url!r}: SQLite URL options ({path.partition('?')[2]!r}) are not "
                             "supported; give the path alone")
        return path
    if "://" in url:
        return None
    return url


def open_store(url: str | Path, *, create: bool = True) -> Store:
    """Open (and create or migrate, if needed) the store at `url`.

    `create=False`: a SQLite file that does not exist is an error (reading commands)."""
    path = sqlite_path(url)
    if path is not None:
        from .sqlite import SQLiteStore

        if path != MEMORY and not Path(path).parent.is_dir():
            raise StoreError(f"cannot create SQLite database {path!r}: no folder {str(Path(path).parent)!r}")
        if path != MEMORY and not create and not Path(path).exists():
            raise StoreError(f"no database at {path!r} (sankore ingest creates one)")
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
