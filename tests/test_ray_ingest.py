"""`ingest --engine ray` on a real local Ray cluster (2 CPUs on 127.0.0.1, started and
stopped here): the records it stores equal the local engine's, document for document, and a
Ray worker killed mid-run costs a retry, never a lost, duplicated or partial document."""

from __future__ import annotations

import csv
import itertools
import os
import signal
import threading
import time
from pathlib import Path

import pytest

import sankore
from sankore.ingest import ingest
from sankore.readers import Article
from sankore.store import open_store

from .conftest import shared
from .test_store import POSTGRES_URL

DOCS = 8

pytestmark = pytest.mark.slow  # each Ray actor loads the pipeline: a minute or two a test


@pytest.fixture(scope="module")
def cluster():
    ray = pytest.importorskip("ray")
    ray.init(address="local", num_cpus=2, include_dashboard=False, _node_ip_address="127.0.0.1",
             log_to_driver=False)
    try:
        yield ray
    finally:
        ray.shutdown()


@pytest.fixture(scope="module")
def guardian(tmp_path_factory):
    """The first Guardian articles, as a CSV file ingest reads."""
    path = tmp_path_factory.mktemp("ray") / "guardian.csv"
    with shared("corpus", "guardian", "Guardian_SDF_sample.csv").open(encoding="utf-8") as source, \
            path.open("w", encoding="utf-8", newline="") as target:
        writer = csv.writer(target)
        writer.writerow(["date", "text", "source"])
        for row in itertools.islice(csv.DictReader(source), DOCS):
            writer.writerow([row["date"], row["text"], row["source"]])
    return path


@pytest.fixture(scope="module")
def expected(guardian, nlp):
    """What the local engine stores for each document: its records, by document id."""
    from sankore.readers import read_sources

    articles = [a for a in read_sources([guardian]) if isinstance(a, Article)]
    return {r.doc.id: r.to_dict() for r in sankore.analyze_many(articles, nlp=nlp)}


@pytest.fixture
def target(request, tmp_path):
    """A new database on the test PostgreSQL when there is one (as the issue asks), else a
    SQLite file (every actor of this one-machine cluster opens it)."""
    if POSTGRES_URL:
        return _postgres(request)
    return f"sqlite:///{tmp_path / 'ray.db'}"


def _postgres(request):
    import uuid
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    name = f"sankore_ray_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(POSTGRES_URL, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")

    def drop():
        with psycopg.connect(POSTGRES_URL, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    request.addfinalizer(drop)
    return urlunsplit(urlsplit(POSTGRES_URL)._replace(path=f"/{name}"))


def _stored(url: str) -> dict[str, dict]:
    with open_store(url) as store:
        return {doc_id: store.get(doc_id).to_dict() for doc_id in store.doc_ids()}


def test_ray_engine_stores_what_the_local_engine_stores(cluster, guardian, expected, target):
    summary = ingest([guardian], target, engine="ray", workers=2, batch_size=2, progress=False)
    assert (summary.stored, summary.duplicates, len(summary.failed)) == (DOCS, 0, 0)
    assert _stored(target) == expected
    again = ingest([guardian], target, engine="ray", workers=2, progress=False)  # a rerun stores nothing
    assert (again.stored, again.duplicates) == (0, DOCS)
    with open_store(target) as store:  # the corpus views were updated after the run
        assert store.query("SELECT count(*) FROM viewed")[0][0] == DOCS


def _ray_workers() -> list[int]:
    """Processes of this test's Ray cluster running the ingest actors (their title names them)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            cmdline = Path(f"/proc/{entry}/cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        if "_Analyzer" in cmdline and "ray::" in cmdline:
            found.append(int(entry))
    return found


def test_a_killed_ray_worker_costs_a_retry_not_a_document(cluster, guardian, expected, target):
    killed: list[int] = []

    def kill_one_once_a_document_is_stored() -> None:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and not killed:
            time.sleep(0.5)
            try:
                with open_store(target) as store:
                    if store.count() < 1:
                        continue
            except Exception:  # the store is being created
                continue
            for pid in _ray_workers()[:1]:
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)

    killer = threading.Thread(target=kill_one_once_a_document_is_stored, daemon=True)
    killer.start()
    summary = ingest([guardian], target, engine="ray", workers=2, batch_size=1, progress=False)
    killer.join(timeout=5)
    assert killed, "no Ray worker was found to kill"
    assert (summary.stored, len(summary.failed)) == (DOCS, 0), summary.failed
    stored = _stored(target)
    assert stored == expected  # every document once, each whole: no partial records
    with open_store(target) as store:
        assert store.query("SELECT count(*) FROM documents")[0][0] == DOCS


def test_out_writes_a_parquet_dataset_once_per_document(cluster, guardian, expected, tmp_path):
    """`--out DIR`: one row per record, each document once, even when two inputs hold it
    (read on the cluster, a task per input); an unreadable input fails alone; a rerun writes
    nothing."""
    import json

    import pyarrow.dataset as ds

    from sankore.records import Record

    copy = tmp_path / "inputs" / "copy.csv"
    copy.parent.mkdir()
    copy.write_bytes(guardian.read_bytes())
    empty = tmp_path / "inputs" / "empty.txt"
    empty.write_text("")
    out = tmp_path / "dataset"
    summary = ingest([guardian, copy.parent], None, engine="ray", out=out, workers=2, batch_size=3,
                     progress=False)
    assert (summary.stored, summary.duplicates) == (DOCS, DOCS)
    assert [f.source for f in summary.failed] == [str(empty)]
    table = ds.dataset(out).to_table()
    ids = table.column("doc_id").to_pylist()
    assert sorted(ids) == sorted(expected)  # each document once
    records = {i: Record.from_dict(json.loads(r)).to_dict()
               for i, r in zip(ids, table.column("record").to_pylist(), strict=True)}
    # Both inputs hold each text; whichever copy was analysed first is the one written, and
    # a row without a source column is named after its file: the source may be the copy's.
    for doc_id, record in records.items():
        source = record["doc"].pop("source")
        assert source == expected[doc_id]["doc"]["source"] or source.startswith(str(copy))
    assert records == {i: {**r, "doc": {k: v for k, v in r["doc"].items() if k != "source"}}
                       for i, r in expected.items()}
    parts = sorted(out.iterdir())
    again = ingest([guardian], None, engine="ray", out=out, workers=2, progress=False)
    assert (again.stored, again.duplicates) == (0, DOCS)
    assert sorted(out.iterdir()) == parts
