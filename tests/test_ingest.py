"""`sankore ingest` end to end: real pipeline, real SQLite file, real subprocess."""

import sqlite3

from .conftest import EXAMPLE, ROOT
from .test_cli import run


def test_ingest_stores_once_and_reports(tmp_path):
    db = tmp_path / "sankore.db"
    url = f"sqlite:///{db}"
    first = run("ingest", str(EXAMPLE), str(ROOT / "examples" / "aes_2025-04-30.html"), "--db", url)
    assert first.returncode == 0, first.stderr
    assert "stored 2, skipped 0 already stored, failed 0" in first.stdout
    again = run("ingest", str(EXAMPLE), "--db", url)
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
    url = f"sqlite:///{db}"
    assert run("ingest", str(EXAMPLE), "--db", url).returncode == 0
    (tmp_path / "empty.txt").write_bytes(b"")
    good = tmp_path / "good.txt"
    good.write_text("Chad asked French troops to leave the country on Thursday.", encoding="utf-8")
    result = run("ingest", str(tmp_path / "empty.txt"), str(good), "--db", url,
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
