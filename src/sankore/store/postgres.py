"""The PostgreSQL store: the same tables, migrations and promises as the SQLite one, for
shared, multi-user deployments. `open_store("postgresql://user@host/db")`.

- One transaction per document; the duplicate check is the primary key itself
  (`INSERT … ON CONFLICT (id) DO NOTHING`), so two ingests storing the same document at once
  store it once, without a table lock.
- Migrations run under a transaction-scoped advisory lock, so two processes opening a new
  database do not both migrate it; each runs in one transaction with its `schema_version`
  row (PostgreSQL DDL is transactional).
- Full-text search: `documents.fts`, a stored `to_tsvector('simple', title || text)` with a
  GIN index ('simple': no stemming, as SQLite's unicode61 tokenizer; migration 8), queried
  with `websearch_to_tsquery`, which accepts any text a user types.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Any

import psycopg
from psycopg.rows import dict_row

from ..errors import StoreError
from ..records import Record
from .base import SearchHit, Store
from .migrations import MIGRATIONS, SCHEMA_VERSION_TABLE, Migration, postgres_sql, statements
from .rows import TABLES, Row, record_from_rows, record_to_rows

CONNECT_TIMEOUT_S = 10
MIGRATION_LOCK = 0x53414E4B  # advisory lock key ('SANK'): any constant shared by all Sankores
_FTS = "d.fts"  # the stored vector (migration 8)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _sql(sql: str) -> str:
    """`?` placeholders (the interface's, as sqlite3) as psycopg's `%s`."""
    return sql.replace("%", "%%").replace("?", "%s")


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        info = psycopg.conninfo.conninfo_to_dict(url)
    except psycopg.Error:
        return "postgresql://…"
    user, host, port, name = (info.get(key, "") for key in ("user", "host", "port", "dbname"))
    return f"postgresql://{user}@{host}:{port}/{name}"


class PostgresStore(Store):
    def __init__(self, url: str) -> None:
        self.url = _safe(url)
        try:
            self._conn = psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S)
        except psycopg.Error as error:
            raise StoreError(f"cannot connect to PostgreSQL at {self.url}: {str(error).strip()}") from error
        try:
            self.migrate()
        except BaseException as error:
            self._conn.close()
            if isinstance(error, psycopg.Error):
                raise StoreError(f"cannot use {self.url} as a Sankore database: {error}") from error
            raise

    # -- schema -----------------------------------------------------------------------

    def schema_version(self) -> int:
        row = self._conn.execute("SELECT max(version) FROM schema_version").fetchone()
        return (row[0] if row else None) or 0

    def migrate(self, migrations: Sequence[Migration] = MIGRATIONS) -> list[int]:
        applied = []
        latest = max(m.version for m in migrations)
        for migration in sorted(migrations, key=lambda m: m.version):
            with self._conn.transaction():
                self._conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
                self._conn.execute(SCHEMA_VERSION_TABLE)
                current = self.schema_version()
                if current > latest:
                    raise StoreError(
                        f"{self.url} has schema version {current}, newer than this Sankore "
                        f"knows ({latest}): upgrade Sankore to use it")
                if migration.version <= current:
                    continue
                for statement in statements(postgres_sql(migration)):
                    self._conn.execute(statement)
                self._conn.execute(
                    "INSERT INTO schema_version (version, description, applied_at) VALUES (%s, %s, %s)",
                    (migration.version, migration.description, _now()))
                applied.append(migration.version)
        return applied

    # -- writing ----------------------------------------------------------------------

    def add(self, record: Record) -> bool:
        doc_id = record.doc.id
        try:
            rows = record_to_rows(record, ingested_at=_now())
        except Exception as error:
            raise self._error(doc_id, f"cannot convert the record to rows: {error}") from error
        try:
            with self._conn.transaction():
                document = rows["documents"][0]
                columns = ", ".join(document)
                inserted = self._conn.execute(
                    f"INSERT INTO documents ({columns}) VALUES ({', '.join(['%s'] * len(document))}) "
                    "ON CONFLICT (id) DO NOTHING", tuple(document.values()))
                if inserted.rowcount == 0:
                    return False  # leaving the block commits an empty transaction
                for table in TABLES[1:]:
                    self._insert(doc_id, table, rows[table])
            return True
        except StoreError:
            raise
        except Exception as error:  # the transaction block has rolled back: nothing of it stays
            raise self._error(doc_id, str(error).strip()) from error

    def _insert(self, doc_id: str, table: str, rows: list[Row]) -> None:
        if not rows:
            return
        # Table and column names come from migrations.py/rows.py, never from input.
        columns = ", ".join(rows[0])
        marks = ", ".join(["%s"] * len(rows[0]))
        with self._conn.cursor() as cursor:
            try:
                cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})",
                                   [tuple(row.values()) for row in rows])
            except psycopg.Error as error:
                raise self._error(doc_id, f"{table}: {str(error).strip()}") from error

    # -- reading ----------------------------------------------------------------------

    def has(self, doc_id: str) -> bool:
        return self._conn.execute("SELECT 1 FROM documents WHERE id = %s", (doc_id,)).fetchone() is not None

    def get(self, doc_id: str) -> Record | None:
        rows: dict[str, list[dict[str, Any]]] = {}
        # REPEATABLE READ: every table is read from one snapshot, as SQLite's read transaction.
        self._conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")
        try:
            with self._conn.cursor(row_factory=dict_row) as cursor:
                for table in TABLES:
                    if table == "evidence":
                        continue
                    key, order = ("id", "") if table == "documents" else ("doc_id", " ORDER BY position")
                    rows[table] = cursor.execute(f"SELECT * FROM {table} WHERE {key} = %s{order}",
                                                 (doc_id,)).fetchall()
                for row in rows["documents"]:
                    row.pop("fts", None)  # derived from the text, not a field of the record
        finally:
            self._conn.execute("COMMIT")
        if not rows["documents"]:
            return None
        return record_from_rows(rows)

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        if not query.strip():
            return []
        found = self._conn.execute(
            f"SELECT d.id, d.title, ts_headline('simple', d.text, q, "
            "'StartSel=[, StopSel=], MaxWords=16, MinWords=8, FragmentDelimiter=…, MaxFragments=1') "
            f"FROM documents AS d, websearch_to_tsquery('simple', %s) AS q "
            f"WHERE {_FTS} @@ q ORDER BY ts_rank({_FTS}, q) DESC, d.id LIMIT %s", (query, limit)).fetchall()
        return [SearchHit(doc_id, title, snippet) for doc_id, title, snippet in found]

    def count(self) -> int:
        row = self._conn.execute("SELECT count(*) FROM documents").fetchone()
        assert row is not None  # count(*) always returns one row
        return int(row[0])

    # -- plain SQL for corpus views and exports (`?` placeholders, as on SQLite) ------------

    def query(self, sql: str, params: Sequence[object] = ()) -> list[tuple]:
        return [tuple(row) for row in self._conn.execute(_sql(sql), tuple(params)).fetchall()]

    def iter_query(self, sql: str, params: Sequence[object] = (), size: int = 1000
                   ) -> tuple[list[str], Iterator[list[tuple]]]:
        # A server-side cursor (it needs a transaction) streams rows instead of loading all.
        self._conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")
        cursor = self._conn.cursor(name="sankore_export")
        cursor.execute(_sql(sql), tuple(params))
        names = [column.name for column in cursor.description or []]

        def batches() -> Iterator[list[tuple]]:
            try:
                while rows := cursor.fetchmany(size):
                    yield [tuple(row) for row in rows]
            finally:
                cursor.close()
                self._conn.execute("COMMIT")

        return names, batches()

    def write(self, statements: Sequence[tuple[str, Sequence[Sequence[object]]]]) -> None:
        with self._conn.transaction(), self._conn.cursor() as cursor:
            for sql, rows in statements:
                if all(rows):
                    cursor.executemany(_sql(sql), [tuple(row) for row in rows])
                else:  # a statement without parameters ("DELETE FROM duplicates")
                    for row in rows:
                        cursor.execute(_sql(sql), tuple(row) or None)

    @contextmanager
    def exclusive(self, name: str) -> Iterator[None]:
        # A session-level advisory lock: held across the block's transactions, released by
        # the server when the connection ends, so a killed process never leaves it held.
        key = int.from_bytes(hashlib.sha256(f"sankore:{name}".encode()).digest()[:8], "big", signed=True)
        self._conn.execute("SELECT pg_advisory_lock(%s)", (key,))
        try:
            yield
        finally:
            if not self._conn.closed:
                self._conn.execute("SELECT pg_advisory_unlock(%s)", (key,))

    def close(self) -> None:
        self._conn.close()
