"""`sankore ingest` end to end (real pipeline, real SQLite file, real subprocess), and the
library side, `sankore.ingest`, on both store backends."""

import sqlite3

import duckdb
import pytest

from sankore.corpus.dedupe import clusters, independent_count
from sankore.export import export
from sankore.ingest import ingest
from sankore.readers import Article, document_id
from sankore.store import open_store

from .conftest import EXAMPLE, ROOT
from .test_cli import run
from .test_store import db_path, url  # noqa: F401 (the two-backend database fixture)


def test_ingest_stores_once_and_reports(tmp_path):
    db = tmp_path / "sankore.db"
    db_url = f"sqlite:///{db}"
    first = run("ingest", str(EXAMPLE), str(ROOT / "examples" / "aes_2025-04-30.html"), "--db", db_url)
    assert first.returncode == 0, first.stderr
    assert "stored 2, skipped 0 already stored, failed 0" in first.stdout
    again = run("ingest", str(EXAMPLE), "--db", db_url)
    assert "stored 0, skipped 1 already stored, failed 0" in again.stdout
    with sqlite3.connect(db) as con:
        assert con.execute("select count(*) from documents").fetchone() == (2,)
        (published, author) = con.execute(
            "select published, author from documents where source = ?", (str(EXAMPLE),)).fetchone()
        assert (published, author) == ("2025-04-30", "Abayomi Azikiwe")
        lavrov = con.execute("select code from entities where name = 'Sergei Lavrov'").fetchall()
        assert ("RUS GOV",) in lavrov
        hits = con.execute("select count(*) from documents_fts where documents_fts match 'Ouagadougou'")
        assert hits.fetchone()[0] >= 1
        # every entity mention is in the evidence table and points at its text
        rows = con.execute(
            "select substr(d.text, e.span_start + 1, e.span_end - e.span_start), m.name "
            "from evidence e join documents d on d.id = e.doc_id "
            "join entities m on m.doc_id = e.doc_id and m.id = e.record_id "
            "where e.record_kind = 'entity' and m.name = 'Sergei Lavrov'").fetchall()
        assert {text for text, _ in rows} >= {"Sergei Lavrov", "Lavrov"}


def test_bad_input_fails_alone_and_leaves_the_store_intact(tmp_path):
    db = tmp_path / "sankore.db"
    db_url = f"sqlite:///{db}"
    assert run("ingest", str(EXAMPLE), "--db", db_url).returncode == 0
    (tmp_path / "empty.txt").write_bytes(b"")
    good = tmp_path / "good.txt"
    good.write_text("Chad asked French troops to leave the country on Thursday.", encoding="utf-8")
    result = run("ingest", str(tmp_path / "empty.txt"), str(good), "--db", db_url,
                 "--published", "2024-11-28")
    assert result.returncode == 1
    assert "empty.txt: empty file" in result.stderr
    assert "stored 1, skipped 0 already stored, failed 1" in result.stdout
    with sqlite3.connect(db) as con:
        assert con.execute("select count(*) from documents").fetchone() == (2,)


def test_ingest_into_a_file_that_is_not_a_database(tmp_path):
    bogus = tmp_path / "notes.db"
    bogus.write_text("my precious notes", encoding="utf-8")
    result = run("ingest", str(EXAMPLE), "--db", f"sqlite:///{bogus}")
    assert result.returncode == 1
    assert result.stderr.startswith("sankore: error: [S300]") and "Traceback" not in result.stderr
    assert bogus.read_text("utf-8") == "my precious notes"


# -- the library side: sankore.ingest, on each backend ------------------------------------

def test_ingest_with_workers_dedupes_and_exports_on_each_backend(url, tmp_path):  # noqa: F811
    article = EXAMPLE.read_text("utf-8")
    repost = ("Reposted from Pan-African News Wire. Share this:\n\n" + article
              + "\n\nLike this:\nLike Loading...")
    others = ["Chad asked French troops to leave the country on Thursday, officials said.",
              "Mali's junta suspended all political parties on Wednesday, state television said."]
    sources = [EXAMPLE, Article(repost, source="repost"), *(Article(t, source=f"short{i}")
                                                            for i, t in enumerate(others))]
    failures = []
    summary = ingest([*sources, Article("", source="empty")], url, workers=2, batch_size=2,
                     progress=False, on_failure=failures.append)
    assert (summary.stored, summary.duplicates) == (4, 0)
    assert [(f.source, bool(f.reason)) for f in summary.failed] == [("empty", True)] == \
        [(f.source, bool(f.reason)) for f in failures]
    assert summary.clusters == 1
    again = ingest(sources, url, workers=1, progress=False)
    assert (again.stored, again.duplicates, len(again.failed)) == (0, 4, 0)
    with open_store(url) as store:
        assert store.count() == 4
        assert [sorted(m) for m in clusters(store).values()] == [
            sorted([document_id(article), document_id(repost)])]
        assert independent_count(store) == 3
        record = store.get(document_id(article))
        assert record.doc.published == "2025-04-30"
        assert any(e.name == "Sergei Lavrov" for e in record.entities)
        assert export(store, "parquet", tmp_path / "documents.parquet", table="documents") == 4
    rows = duckdb.sql(f"SELECT count(DISTINCT cluster_id), count(*) FROM '{tmp_path / 'documents.parquet'}'")
    assert rows.fetchall() == [(3, 4)]


def test_a_document_that_kills_its_worker_fails_alone(tmp_path, monkeypatch):
    """A worker process that dies (segfault, out of memory) takes no other document with it:
    the pool is restarted, the chunks in flight are retried one document at a time, and only
    the culprit fails, with the reason."""
    import multiprocessing
    import os

    import sankore.ingest.workers as ingest_module

    if multiprocessing.get_start_method() != "fork":
        pytest.skip("the patched analysis reaches the workers only when they are forked")
    real = ingest_module.analyze_many

    def dies_on_poison(articles, **options):
        if any("POISON" in article.text for article in articles):
            os._exit(139)  # as a segfault would: no exception, no cleanup
        return real(articles, **options)

    monkeypatch.setattr(ingest_module, "analyze_many", dies_on_poison)
    texts = [f"Police in Lucknow arrested {n} protesters on Saturday, officials said." for n in range(2, 8)]
    articles = [Article(t, source=f"ok{i}") for i, t in enumerate(texts)]
    articles.insert(3, Article("POISON: this text kills the process that analyses it.", source="poison"))
    summary = ingest(articles, f"sqlite:///{tmp_path / 'sankore.db'}", workers=2, batch_size=2,
                     progress=False)
    assert summary.stored == len(texts)
    assert [(f.source, f.reason) for f in summary.failed] == [
        ("poison", "the worker process died while analysing it")]


def test_a_worker_that_dies_after_storing_part_of_its_chunk_counts_each_document_once(tmp_path, monkeypatch):
    """Workers store what they analyse: when one dies mid-chunk, the documents it stored
    before dying count as stored (not as skipped, not twice), and only the culprit fails."""
    import multiprocessing
    import os

    import sankore.ingest.workers as ingest_module

    if multiprocessing.get_start_method() != "fork":
        pytest.skip("the patched analysis reaches the workers only when they are forked")
    real = ingest_module.analyze_many

    def dies_on_reaching_poison(articles, **options):
        for article in articles:  # yields (so the worker stores) each record before the poison
            if "POISON" in article.text:
                os._exit(139)
            yield from real([article], **options)

    monkeypatch.setattr(ingest_module, "analyze_many", dies_on_reaching_poison)
    texts = [f"Police in Lucknow arrested {n} protesters on Saturday, officials said." for n in range(2, 9)]
    articles = [Article(t, source=f"ok{i}") for i, t in enumerate(texts)]
    articles.insert(5, Article("POISON: this text kills the process that analyses it.", source="poison"))
    db = tmp_path / "sankore.db"
    summary = ingest(articles, f"sqlite:///{db}", workers=2, batch_size=3, progress=False)
    assert (summary.stored, summary.duplicates) == (len(texts), 0)
    assert [(f.source, f.reason) for f in summary.failed] == [
        ("poison", "the worker process died while analysing it")]
    with open_store(db) as store:
        assert sorted(store.doc_ids()) == sorted(document_id(t) for t in texts)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_document_that_cannot_be_stored_fails_alone(tmp_path, monkeypatch, workers):
    """A write that fails (here: a patched store) is that document's failure, with the
    reason; the others are stored, whether the parent or the workers write."""
    import multiprocessing

    from sankore.store.sqlite import SQLiteStore

    if workers > 1 and multiprocessing.get_start_method() != "fork":
        pytest.skip("the patched store reaches the workers only when they are forked")
    real_add = SQLiteStore.add

    def add(self, record):
        if "UNSTORABLE" in record.doc.text:
            raise self._error(record.doc.id, "disk on fire")
        return real_add(self, record)

    monkeypatch.setattr(SQLiteStore, "add", add)
    texts = [f"Mali's junta met {n} party leaders in Bamako on Monday, state television said."
             for n in range(2, 7)]
    articles = [Article(t, source=f"ok{i}") for i, t in enumerate(texts)]
    articles.insert(2, Article("UNSTORABLE: Niger closed its border with Benin on Friday.", source="bad"))
    summary = ingest(articles, f"sqlite:///{tmp_path / 'sankore.db'}", workers=workers, batch_size=2,
                     progress=False, dedupe=False)
    assert (summary.stored, summary.duplicates) == (len(texts), 0)
    assert [(f.source, f.code) for f in summary.failed] == [("bad", "S300")]
    assert "disk on fire" in summary.failed[0].reason


def test_an_in_memory_store_with_workers_is_ingested_in_one_process():
    texts = ["Chad asked French troops to leave the country on Thursday, officials said.",
             "Mali's junta suspended all political parties on Wednesday, state television said."]
    summary = ingest([Article(t) for t in [*texts, texts[0]]], "sqlite:///:memory:", workers=2,
                     progress=False)
    assert (summary.stored, summary.duplicates, summary.failed, summary.clusters) == (2, 1, [], 0)


def test_the_last_chunks_are_split_so_that_workers_finish_together():
    from sankore.ingest.chunks import tapered as _tapered

    articles = [Article("word " * (1 + (n * 37) % 101), source=str(n)) for n in range(201)]
    chunks = [articles[start:start + 16] for start in range(0, 201, 16)]
    out = list(_tapered(iter(chunks), workers=2, batch_size=16))
    sizes = [len(chunk) for chunk in out]
    assert sizes[:11] == [16] * 11 and sizes[11:] == sorted(sizes[11:], reverse=True)
    assert sizes[-1] == 1 and max(sizes) == 16
    sent = [article for chunk in out for article in chunk]
    assert sent[:176] == articles[:176]  # full chunks as they came
    assert sorted(a.source for a in sent[176:]) == sorted(a.source for a in articles[176:])
    tail = [len(a.text) for a in sent[176:]]
    assert tail == sorted(tail, reverse=True)  # then the longest first
    assert list(_tapered(iter([]), workers=2, batch_size=16)) == []
    three = [Article("a b c"), Article("a"), Article("a b")]
    assert [[a.text for a in c] for c in _tapered(iter([three]), workers=2, batch_size=16)] == [
        ["a b c"], ["a b"], ["a"]]
