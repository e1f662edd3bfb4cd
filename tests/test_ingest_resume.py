"""Kill `sankore ingest` with SIGKILL in the middle of a 5,000-document run, run the same
command again, and the store holds every document exactly once, each one whole.

The documents are real news text: pairs of consecutive sentences of the IndiaPoliceEvents
articles (Times of India, 2002), so the pipeline does its real work on each."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from sankore.readers import document_id
from sankore.store import open_store

from .conftest import shared

N_DOCS = 5000
KILL_AFTER = 300  # documents stored before the kill


def write_documents(path, n: int) -> list[str]:
    texts: list[str] = []
    seen: set[str] = set()
    with shared("corpus", "india_police_events", "docs.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+", json.loads(line)["doc_text"])
                         if len(s.split()) >= 8]
            for i in range(0, len(sentences) - 1, 2):
                text = f"{sentences[i]} {sentences[i + 1]}"
                if document_id(text) not in seen:
                    seen.add(document_id(text))
                    texts.append(text)
            if len(texts) >= n:
                break
    assert len(texts) >= n, "not enough sentences in the corpus"
    texts = texts[:n]
    with path.open("w", encoding="utf-8") as out:
        for number, text in enumerate(texts):
            out.write(json.dumps({"id": number, "text": text, "date": "2002-03-10"}) + "\n")
    return texts


def stored(db) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.Error:  # not created or not migrated yet
        return 0


@pytest.mark.slow
def test_sigkill_mid_run_then_rerun_stores_each_document_once_and_whole(tmp_path):
    dump = tmp_path / "docs.jsonl"
    texts = write_documents(dump, N_DOCS)
    db = tmp_path / "sankore.db"
    command = [sys.executable, "-m", "sankore.cli", "ingest", str(dump), "--db", f"sqlite:///{db}",
               "--workers", "2", "--no-progress"]

    # Its own process group, so that SIGKILL takes the parent and its workers at once, as
    # an out-of-memory killer or a pulled plug would: no handler, no cleanup runs.
    first = subprocess.Popen(command, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 600
    while stored(db) < KILL_AFTER:
        assert first.poll() is None, first.communicate()
        assert time.monotonic() < deadline, "no progress"
        time.sleep(0.2)
    os.killpg(first.pid, signal.SIGKILL)
    first.wait()
    killed_at = stored(db)
    assert KILL_AFTER <= killed_at < N_DOCS, "the kill should land mid-run"

    again = subprocess.run(command, capture_output=True, text=True, timeout=1200)
    assert again.returncode == 0, again.stderr
    match = re.search(r"stored (\d+), skipped (\d+) already stored, failed (\d+)", again.stdout)
    assert match, again.stdout
    new, skipped, failed = map(int, match.groups())
    assert (failed, skipped, new) == (0, killed_at, N_DOCS - killed_at)

    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    ids = [row[0] for row in conn.execute("SELECT id FROM documents")]
    assert sorted(ids) == sorted(document_id(text) for text in texts)  # each exactly once
    # Whole: every document has its sentences and its evidence rows (written in the same
    # transaction as the document); none is a document row without its records.
    bare = conn.execute(
        "SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.doc_id = d.id) "
        "OR NOT EXISTS (SELECT 1 FROM evidence v WHERE v.doc_id = d.id)").fetchone()[0]
    assert bare == 0
    conn.close()
    # And each reads back as a valid record whose spans index its own text.
    with open_store(db) as store:
        for doc_id in ids[::250]:
            record = store.get(doc_id)
            assert record is not None and document_id(record.doc.text) == doc_id
            for sentence in record.sentences:
                assert 0 <= sentence.span[0] < sentence.span[1] <= len(record.doc.text)
