"""The SQLite store: one file the user can open with any SQLite tool.

All the SQLite-specific SQL is here and in migrations.py. Writes are one transaction per
document (`BEGIN IMMEDIATE`: the write lock is taken before the duplicate check, so two
processes ingesting the same document cannot both store it). WAL mode lets readers (the
web app) read while an ingest writes, and a crash loses at most the document in flight.
"""

from __future__ import annotations

import fcntl
import os
import re
import sqlite3
import stat
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from ..errors import StoreError
from ..records import Record
from .base import SearchHit, Store
from .migrations import MIGRATIONS, SCHEMA_VERSION_TABLE, Migration, statements
from .rows import TABLES, Row, record_from_rows, record_to_rows

# Seconds to wait for another writer's lock before giving up: an ingest in another process
# holds it only for one document.
BUSY_TIMEOUT_S = 30.0
SNIPPET_TOKENS = 16


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _as_phrases(query: str) -> str:
    """`query` with every word quoted, for text that is not valid FTS5 syntax ('U.S.', '"')."""
    return " ".join('"' + word.replace('"', '""') + '"' for word in query.split())


class SQLiteStore(Store):
    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            # isolation_level=None: no implicit transactions; this class opens and closes each
            # one itself, so what is atomic is written down in the code.
            self._conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        except sqlite3.Error as error:
            raise StoreError(f"cannot open SQLite database {self.path!r}: {error}") from error
        self._conn.row_factory = sqlite3.Row
        try:
            self._conn.execute("PRAGMA foreign_keys = ON")
            if self.path != ":memory:":
                self._conn.execute("PRAGMA journal_mode = WAL")
                # In WAL mode NORMAL keeps the database consistent after a crash; a power cut
                # may lose the last commits, which a rerun of the ingest stores again.
                self._conn.execute("PRAGMA synchronous = NORMAL")
            self.migrate()
        except BaseException as error:
            self._conn.close()
            if isinstance(error, sqlite3.Error):
                raise StoreError(f"cannot use {self.path!r} as a Sankore database: {error}") from error
            raise

    # -- schema -----------------------------------------------------------------------

    def schema_version(self) -> int:
        row = self._conn.execute("SELECT max(version) FROM schema_version").fetchone()
        return row[0] or 0

    def migrate(self, migrations: Sequence[Migration] = MIGRATIONS) -> list[int]:
        """Apply the migrations this database has not run yet; returns their versions.

        Each runs in one transaction with the row that records it, so a failure leaves the
        database at the previous version; the version is read under the write lock, so two
        processes opening a new database at once do not both migrate it.
        """
        applied = []
        latest = max(m.version for m in migrations)
        for migration in sorted(migrations, key=lambda m: m.version):
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                self._conn.execute(SCHEMA_VERSION_TABLE)
                current = self.schema_version()
                if current > latest:
                    raise StoreError(
                        f"{self.path!r} has schema version {current}, newer than this Sankore "
                        f"knows ({latest}): upgrade Sankore to use it")
                if migration.version <= current:
                    self._conn.execute("COMMIT")
                    continue
                for statement in statements(migration.sql):
                    self._conn.execute(statement)
                self._conn.execute(
                    "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)",
                    (migration.version, migration.description, _now()))
                self._conn.execute("COMMIT")
                applied.append(migration.version)
            except BaseException:
                self._rollback()
                raise
        return applied

    # -- writing ----------------------------------------------------------------------

    def add(self, record: Record) -> bool:
        doc_id = record.doc.id
        try:
            rows = record_to_rows(record, ingested_at=_now())
        except Exception as error:  # a record that does not serialize: say which one
            raise self._error(doc_id, f"cannot convert the record to rows: {error}") from error
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise self._error(doc_id, f"cannot start a transaction: {error}") from error
        try:
            if self.has(doc_id):
                self._conn.execute("ROLLBACK")
                return False
            for table in TABLES:
                self._insert(doc_id, table, rows[table])
            self._conn.execute("COMMIT")
            return True
        except StoreError:
            self._rollback()
            raise
        except Exception as error:
            self._rollback()
            raise self._error(doc_id, str(error)) from error
        except BaseException:  # KeyboardInterrupt mid-document: leave nothing of it, then stop
            self._rollback()
            raise

    def _insert(self, doc_id: str, table: str, rows: list[Row]) -> None:
        """Insert `rows` into `table`; a failing row is named in the error (table, position, id)."""
        for number, row in enumerate(rows):
            # Table and column names come from migrations.py/rows.py, never from input.
            columns = ", ".join(row)
            marks = ", ".join("?" * len(row))
            try:
                self._conn.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", tuple(row.values()))
            except sqlite3.Error as error:
                where = f"{table}[{number}]" + (f" (id {row['id']})" if "id" in row else "")
                raise self._error(doc_id, f"{where}: {error}") from error

    def _rollback(self) -> None:
        # SQLite rolls back by itself after some errors (disk full, I/O): then there is
        # nothing left to roll back, and trying would raise over the real error.
        if self._conn.in_transaction:
            self._conn.execute("ROLLBACK")

    # -- reading ----------------------------------------------------------------------

    def has(self, doc_id: str) -> bool:
        return self._conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None

    def get(self, doc_id: str) -> Record | None:
        # One read transaction, so that a concurrent writer cannot change the document
        # between the reads of its tables.
        self._conn.execute("BEGIN")
        try:
            rows: dict[str, list[sqlite3.Row]] = {}
            for table in TABLES:
                if table == "evidence":  # derived from the others; not part of the record
                    continue
                # `position` is per list: per document, or per entity / event for the link
                # tables, whose rows rows.py groups by their parent again.
                key, order = ("id", "") if table == "documents" else ("doc_id", " ORDER BY position")
                rows[table] = self._conn.execute(
                    f"SELECT * FROM {table} WHERE {key} = ?{order}", (doc_id,)).fetchall()
        finally:
            self._conn.execute("COMMIT")
        if not rows["documents"]:
            return None
        return record_from_rows(rows)  # type: ignore[arg-type]  # sqlite3.Row is a Mapping in all but name

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Full-text search (FTS5 syntax: words, "phrases", OR, NOT, prefix*), best first.

        Text that is not valid FTS5 syntax (a stray quote, 'U.S.') is searched as plain
        words instead of failing.
        """
        if not query.strip():
            return []
        sql = (
            "SELECT d.id, d.title, snippet(documents_fts, -1, '[', ']', '…', ?) AS snippet "
            "FROM documents_fts JOIN documents AS d ON d.rowid = documents_fts.rowid "
            "WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?"
        )
        try:
            found = self._conn.execute(sql, (SNIPPET_TOKENS, query, limit)).fetchall()
        except sqlite3.OperationalError:
            found = self._conn.execute(sql, (SNIPPET_TOKENS, _as_phrases(query), limit)).fetchall()
        return [SearchHit(row["id"], row["title"], row["snippet"]) for row in found]

    def count(self) -> int:
        return self._conn.execute("SELECT count(*) FROM documents").fetchone()[0]

    # -- plain SQL for corpus views and exports (`?` placeholders on every backend) ---------

    def query(self, sql: str, params: Sequence[object] = ()) -> list[tuple]:
        """Rows of a read-only query, as tuples, read in one transaction."""
        return [tuple(row) for row in self._conn.execute(sql, tuple(params)).fetchall()]

    def iter_query(self, sql: str, params: Sequence[object] = (), size: int = 1000
                   ) -> tuple[list[str], Iterator[list[tuple]]]:
        """Column names, and the rows in lists of `size`: for exports larger than memory."""
        cursor = self._conn.execute(sql, tuple(params))

        def batches() -> Iterator[list[tuple]]:
            while rows := cursor.fetchmany(size):
                yield [tuple(row) for row in rows]

        return [column[0] for column in cursor.description], batches()

    def write(self, statements: Sequence[tuple[str, Sequence[Sequence[object]]]]) -> None:
        """Run `(sql, rows)` pairs (executemany) in one transaction: all of them or none."""
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            for sql, rows in statements:
                self._conn.executemany(sql, [tuple(row) for row in rows])
            self._conn.execute("COMMIT")
        except BaseException:
            self._rollback()
            raise

    @contextmanager
    def exclusive(self, name: str) -> Iterator[None]:
        """An flock on a file beside the database, `<db>.<name>.lock` (made once, left there;
        the lock, not the file, is what excludes). flock, not fcntl: closing another handle
        on the database file would drop SQLite's own POSIX locks, and an flock is the handle's
        own; the kernel releases it when the process dies, so a killed ingest never leaves it
        held. Each call opens its own handle, so two stores in one process exclude each other
        too. An in-memory database is one connection's alone: nothing to lock."""
        if self.path == ":memory:":
            yield
            return
        path = f"{self.path}.{re.sub(r'[^a-z0-9]+', '-', name.lower()).strip('-') or 'store'}.lock"
        fd = self._lock_file(path)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # releases the lock

    @staticmethod
    def _lock_file(path: str) -> int:
        # O_NOFOLLOW and a regular file only: the lock file is created where a user may have
        # put something else, and must never open a link's target or a device.
        flags = os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | flags, 0o644)
        except PermissionError:  # a reader's read-only folder: an existing lock file will do
            try:
                fd = os.open(path, os.O_RDONLY | flags)
            except OSError as error:
                raise StoreError(f"cannot open the lock file {path!r}: {error}") from error
        except OSError as error:
            raise StoreError(f"cannot open the lock file {path!r}: {error}") from error
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise StoreError(f"cannot lock {path!r}: it is not a regular file")
        return fd

    def close(self) -> None:
        self._conn.close()
