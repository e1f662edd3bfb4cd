"""The store interface every backend implements (SQLite now, PostgreSQL later).

Kept small on purpose: what ingestion, the CLI and the web app need, and nothing that ties
a caller to one database. Two promises hold on every backend: a document is stored whole or
not at all, and storing the same document twice stores it once.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import TracebackType
from typing import NamedTuple

from ..errors import StoreError
from ..records import Record

# The lock (Store.exclusive) every update of the corpus views holds: `ingest`, `sankore views`.
VIEWS_LOCK = "corpus views"


class SearchHit(NamedTuple):
    doc_id: str
    title: str | None
    snippet: str  # the matching passage, matched words between [ and ]


@dataclass
class AddSummary:
    """What `add_many` did: counts, and the reason for each document not stored."""

    stored: int = 0
    skipped: int = 0  # already stored (same document id)
    errors: list[StoreError] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.errors)


class Store(ABC):
    """A database of `sankore/1` records, one document with all its records at a time."""

    @abstractmethod
    def add(self, record: Record) -> bool:
        """Store `record` in one transaction: True if stored, False if its document id was
        already present. Raises `StoreError` (naming the document) if it could not be
        stored, and then nothing of it was written."""

    def add_many(self, records: Iterable[Record]) -> AddSummary:
        """Store each record in its own transaction; a failure is counted, not raised, so
        that one bad document does not stop a batch (and a rerun resumes where this one
        stopped: what was stored is skipped)."""
        summary = AddSummary()
        for record in records:
            try:
                if self.add(record):
                    summary.stored += 1
                else:
                    summary.skipped += 1
            except StoreError as error:
                summary.errors.append(error)
        return summary

    @staticmethod
    def _error(doc_id: str | None, reason: str) -> StoreError:
        """The error a backend raises when a document could not be stored (none of it was)."""
        error = StoreError(f"document {doc_id} not stored: {reason}")
        error.doc_id = doc_id  # type: ignore[attr-defined]
        return error

    @abstractmethod
    def has(self, doc_id: str) -> bool:
        """Whether a document with this id is stored (lets ingestion skip the analysis)."""

    @abstractmethod
    def get(self, doc_id: str) -> Record | None:
        """The stored record, exactly as it was added; None if there is none."""

    @abstractmethod
    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Documents whose title or text match `query`, best first."""

    @abstractmethod
    def count(self) -> int:
        """Number of documents stored."""

    @abstractmethod
    def query(self, sql: str, params: Sequence[object] = ()) -> list[tuple]:
        """Rows of a read-only query (placeholders written `?` on every backend)."""

    @abstractmethod
    def iter_query(self, sql: str, params: Sequence[object] = (), size: int = 1000
                   ) -> tuple[list[str], Iterator[list[tuple]]]:
        """Column names, and the rows in lists of `size`: for reads larger than memory."""

    @abstractmethod
    def write(self, statements: Sequence[tuple[str, Sequence[Sequence[object]]]]) -> None:
        """Run `(sql, rows)` pairs in one transaction: all of them or none."""

    def doc_ids(self) -> list[str]:
        return [row[0] for row in self.query("SELECT id FROM documents ORDER BY id")]

    def records(self) -> Iterator[Record]:
        """Every stored record, one at a time (for corpus views over the whole store)."""
        for doc_id in self.doc_ids():
            if (record := self.get(doc_id)) is not None:
                yield record

    @contextmanager
    def exclusive(self, name: str) -> Iterator[None]:
        """Hold the store-wide lock `name` for the block: another process asking for the same
        lock waits until it is released, or until this process dies. Two ingests ending at
        once each read what the corpus views still lack and then write it; run one after the
        other, the second finds nothing left, and no merge is missed between them. The same
        holds for the near-duplicate clusters, which ingest updates under the same lock.

        PostgreSQL: an advisory lock; SQLite: an flock on a file beside the database (both
        released when the process dies). This default, for a backend with neither, holds none."""
        yield

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
