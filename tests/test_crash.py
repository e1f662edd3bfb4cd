"""The crash suite (issue 21): `sankore ingest` killed with SIGKILL at random points, with 1
and 2 workers (the whole process group, or a single worker), then run again: every document
is stored exactly once with exactly the rows a clean run gives it. And two ingests at once,
into one SQLite file and into one PostgreSQL database: of the same documents, and of
near-duplicates of each other's documents.

A bounded number of kills here (CI); benchmarks/crash_long.py runs 20 and more.
"""

from __future__ import annotations

import json
import random
import subprocess
import time

import pytest

from sankore.corpus.dedupe import clusters
from sankore.readers import document_id
from sankore.store import open_store
from sankore.store.base import VIEWS_LOCK

from .crash_support import command, finish, integrity, row_counts, run_and_kill, stored
from .test_dedupe import guardian, wire_copy  # noqa: F401  (fixture: real articles)
from .test_ingest_resume import write_documents
from .test_store import db_path, url  # noqa: F401  (fixtures: a fresh database on each backend)

pytestmark = pytest.mark.slow
N_DOCS = 40


@pytest.fixture(scope="module")
def dump(tmp_path_factory):
    path = tmp_path_factory.mktemp("crash") / "docs.jsonl"
    write_documents(path, N_DOCS)
    return path


@pytest.fixture(scope="module")
def clean_db(dump, tmp_path_factory) -> str:
    """A store after one uninterrupted run."""
    db = f"sqlite:///{tmp_path_factory.mktemp('clean') / 'clean.db'}"
    result = finish(dump, db, 1)
    assert result.returncode == 0, result.stderr
    return db


@pytest.fixture(scope="module")
def clean(clean_db) -> dict:
    """Every document's row counts after one uninterrupted run."""
    counts = row_counts(clean_db)
    assert len(counts) == N_DOCS
    return counts


def corpus_events(db: str) -> set[frozenset[tuple[str, str]]]:
    """The corpus views' merged events, each as the set of its mentions (doc id, event id)."""
    groups: dict[str, set[tuple[str, str]]] = {}
    with open_store(db, create=False) as store:
        for doc_id, event_id, corpus_id in store.query(
                "SELECT doc_id, event_id, corpus_id FROM corpus_members"):
            groups.setdefault(corpus_id, set()).add((doc_id, event_id))
    return {frozenset(group) for group in groups.values()}


@pytest.mark.parametrize(("workers", "how"), [(1, "group"), (2, "group"), (2, "worker")])
def test_a_kill_then_a_rerun_gives_every_document_its_clean_rows(dump, clean, tmp_path, workers, how):
    db = f"sqlite:///{tmp_path / 'killed.db'}"
    rng = random.Random(f"{workers}-{how}")
    result = run_and_kill(dump, db, workers, N_DOCS, how, rng)
    assert result["killed"], "the kill should land mid-run"
    if how == "worker" and result["killed"]:
        # The parent outlives its worker: it restarts the pool and ends with its summary.
        assert "stored" in result["stdout"], result["stderr"]
    again = finish(dump, db, workers)
    assert again.returncode == 0, again.stderr
    assert row_counts(db) == clean  # none lost, none twice, none half-written
    integrity(db)


def test_two_ingests_at_once_store_each_document_once(dump, clean, clean_db, url):  # noqa: F811
    # Both runs end by updating the corpus views. Found here (2026-12-06): on PostgreSQL both
    # read the same pending documents and wrote the same `mentions` rows, and the second died
    # on mentions_pkey; with a retry, a merge between the two runs' documents could still be
    # missed. The update now holds the store's views lock (Store.exclusive): the runs take
    # turns, and the views are those of one clean run.
    runs = [subprocess.Popen(command(dump, url, 1), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True) for _ in range(2)]
    for run in runs:
        out, err = run.communicate(timeout=900)
        assert run.returncode == 0, err
    assert row_counts(url) == clean
    assert corpus_events(url) == corpus_events(clean_db)
    integrity(url)


def test_two_ingests_at_once_cluster_each_others_near_duplicates(url, guardian, tmp_path):  # noqa: F811
    # Each run clusters the documents it finds unclustered against those already clustered;
    # two runs doing so at once would each miss the other's (issue 19: on SQLite the views lock
    # held nothing). Both runs are made to end together: their documents stored, each waits
    # for the lock this test holds, then they take turns.
    texts = guardian[:2]
    dumps = {"originals": texts, "copies": [wire_copy(text).text for text in texts]}
    paths = []
    for name, batch in dumps.items():
        paths.append(tmp_path / f"{name}.jsonl")
        paths[-1].write_text("".join(json.dumps({"text": text}) + "\n" for text in batch), encoding="utf-8")
    with open_store(url) as holder, holder.exclusive(VIEWS_LOCK):
        runs = [subprocess.Popen(command(path, url, 1), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 text=True) for path in paths]
        deadline = time.monotonic() + 600
        while stored(url) < 4:
            assert time.monotonic() < deadline and all(run.poll() is None for run in runs), "no progress"
            time.sleep(0.5)
        time.sleep(2)
        assert all(run.poll() is None for run in runs)  # both waiting for the lock
    for run in runs:
        out, err = run.communicate(timeout=600)
        assert run.returncode == 0, err
    with open_store(url) as store:
        found = sorted(sorted(members) for members in clusters(store).values())
    assert found == sorted(sorted(document_id(t) for t in (text, dumps["copies"][i]))
                           for i, text in enumerate(texts))
