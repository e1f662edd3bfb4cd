"""The store the web tests read: the founding article, three Guardian articles from the shared
sample, and a hostile article whose text, title and source hold markup and script."""

from __future__ import annotations

import csv
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from .conftest import EXAMPLE, shared

GUARDIAN_ROWS = 3
HOSTILE_TEXT = (
    "Hostile page test, Niamey, 12 March 2025.\n\n"
    "The government of Niger met Russian officials in Niamey on Monday, the foreign minister said. "
    "<script>window.__pwned = 'script';</script> The talks ended without an agreement. "
    "<img src=x onerror=\"window.__pwned = 'img'\"> Officials from Mali visited Niamey on Tuesday. "
    "<a href=\"javascript:window.__pwned = 'link'\">read more</a> and "
    "<b onmouseover=\"window.__pwned='b'\">this</b>."
)
HOSTILE_TITLE = "<script>window.__pwned = 'title'</script><img src=x onerror=\"window.__pwned='title-img'\">"
HOSTILE_SOURCE = "javascript:window.__pwned = 'source'"
_records: list = []


def web_records(nlp) -> list:
    """The records, analysed once per test session."""
    if _records:
        return _records
    import sankore

    founding = sankore.analyze(EXAMPLE, nlp=nlp)
    # As a user who ran `sankore ingest examples/…` would see it (and not this machine's path).
    relative = str(EXAMPLE.relative_to(EXAMPLE.parents[1]))
    _records.append(founding.model_copy(update={"doc": founding.doc.model_copy(update={"source": relative})}))
    guardian = shared("corpus", "guardian", "Guardian_SDF_sample.csv")
    csv.field_size_limit(1 << 30)
    with guardian.open(encoding="utf-8", newline="") as handle:
        rows = [row for _, row in zip(range(GUARDIAN_ROWS), csv.DictReader(handle), strict=False)]
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        part = Path(tmp) / "guardian.csv"
        with part.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
        _records.extend(sankore.analyze_many([part], nlp=nlp))
    hostile = sankore.analyze(HOSTILE_TEXT, nlp=nlp)
    doc = hostile.doc.model_copy(update={"title": HOSTILE_TITLE, "source": HOSTILE_SOURCE})
    _records.append(hostile.model_copy(update={"doc": doc}))
    return _records


def fill(url: str, records: list) -> str:
    from sankore.corpus import stored
    from sankore.store import open_store

    with open_store(url) as store:
        summary = store.add_many(records)
        assert not summary.errors, summary.errors
        stored.update(store)  # the corpus views, as `sankore ingest` leaves them
    return url


@contextmanager
def postgres_database() -> Iterator[str | None]:
    """A new PostgreSQL database on SANKORE_TEST_POSTGRES_URL's server, or None without one."""
    server = os.environ.get("SANKORE_TEST_POSTGRES_URL")
    if not server:
        yield None
        return
    import psycopg

    name = f"sankore_web_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    try:
        yield urlunsplit(urlsplit(server)._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
