"""`sankore export`: every format and table, read back with pandas and DuckDB."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from sankore.export import TABLES, export
from sankore.export.cameo import cameo_root, quad_class
from sankore.export.gdelt import COLUMNS as GDELT_COLUMNS
from sankore.export.gdelt import event_code, event_id, exported
from sankore.ingest import ingest
from sankore.store import open_store

from .conftest import EXAMPLE
from .test_cli import run
from .test_store import make_record


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    """A store with the founding article (real pipeline) and a hand-built record whose
    every field is known, so that each column can be checked."""
    url = f"sqlite:///{tmp_path_factory.mktemp('export') / 'sankore.db'}"
    summary = ingest([EXAMPLE], url, progress=False)
    assert summary.stored == 1
    with open_store(url) as store:
        store.add(make_record())
    return url


def read_back(path, fmt: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The export as pandas reads it and as DuckDB reads it."""
    if fmt == "csv":
        return pd.read_csv(path, keep_default_na=False, na_values=[""]), duckdb.sql(
            f"SELECT * FROM read_csv('{path}', header = true, all_varchar = true)").df()
    if fmt == "jsonl":
        return pd.read_json(path, lines=True, dtype=False), duckdb.sql(
            f"SELECT * FROM read_json('{path}', format = 'newline_delimited')").df()
    return pd.read_parquet(path), duckdb.sql(f"SELECT * FROM read_parquet('{path}')").df()


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
@pytest.mark.parametrize("table", sorted(TABLES))
def test_every_table_reads_back_with_pandas_and_duckdb(db, tmp_path, fmt, table):
    path = tmp_path / f"{table}.{fmt}"
    with open_store(db) as store:
        count = export(store, fmt, path, table=table)
        stored = store.query(f"SELECT count(*) FROM {table}")[0][0]
    assert count == stored
    frame, ducked = read_back(path, fmt)
    assert list(frame.columns) == list(TABLES[table].types) == list(ducked.columns)
    assert len(frame) == len(ducked) == count
    if table == "events":
        hand = frame[frame["doc_id"] == "doc-aes-1"].set_index("id")
        assert hand.loc["v1", "type"] == "CONSULT" and hand.loc["v1", "actors"] == "e1"
        assert hand.loc["v2", "actors"] == "e1;e2"
        assert hand.loc["v1", "place_name"] == "Ouagadougou"
        assert hand.loc["v1", "evidence_text"] == "Russian Foreign Minister"
    if table == "entities" and fmt == "parquet":
        assert str(frame["span_start"].dtype) == "int64"
        assert "Sergei Lavrov" in set(frame["name"])


def test_gdelt_layout(db, tmp_path):
    path = tmp_path / "events.gdelt.tsv"
    result = run("export", "--db", db, "--format", "gdelt", "-o", str(path))
    assert result.returncode == 0, result.stderr
    frame = pd.read_csv(path, sep="\t", header=None, names=GDELT_COLUMNS, dtype=str, keep_default_na=False)
    ducked = duckdb.sql(f"SELECT * FROM read_csv('{path}', delim = '\t', header = false, "
                        f"names = {GDELT_COLUMNS!r}, all_varchar = true)").df()
    assert len(frame) == len(ducked) >= 2 and len(frame.columns) == 61
    with open_store(db) as store:
        kept = [t for t, m in store.query("SELECT type, modality FROM events") if exported(t, m)]
    assert len(frame) == len(kept)
    # The hand-built record's events (the founding article's own events may be there too).
    by_id = frame.set_index("GLOBALEVENTID")
    consult = by_id.loc[str(event_id("doc-aes-1", "v1"))]
    assert (consult.SQLDATE, consult.MonthYear, consult.Year) == ("20250415", "202504", "2025")
    actor1 = (consult.Actor1Code, consult.Actor1CountryCode, consult.Actor1Type1Code)
    assert actor1 == ("RUSGOV", "RUS", "GOV")
    assert (consult.Actor2Name, consult.Actor2CountryCode, consult.Actor2Code) == ("junta leaders", "BFA", "")
    assert (consult.EventRootCode, consult.QuadClass) == ("04", "1")
    assert (consult.ActionGeo_FullName, consult.ActionGeo_Type, consult.ActionGeo_FeatureID) == (
        "Ouagadougou", "4", "2357048")
    assert float(consult.ActionGeo_Lat) == pytest.approx(12.36566)
    assert consult.SOURCEURL == "examples/aes_2025-04-30.txt" and len(consult.DATEADDED) == 14
    cooperate = by_id.loc[str(event_id("doc-aes-1", "v2"))]
    # A planned cooperation is PLOVER's AGREE, CAMEO 03 "express intent to cooperate".
    assert cooperate.EventCode == "030" and cooperate.EventRootCode == "03"  # GDELT's three digits
    assert b"\r" not in path.read_bytes()  # GDELT's files end their lines in LF
    assert cooperate.QuadClass == "1" and cooperate.SQLDATE == "20250430"  # no time: the publication date


def test_gdelt_codes_follow_the_plover_category():
    assert event_code("AID", None, "07", "planned") == "03"  # a pledge of aid
    assert event_code("ASSAULT", None, "190", "hypothetical") == "13"  # a conditional attack
    assert event_code("CONSULT", "visit", "042", "negated") == "12"  # a refused visit
    assert event_code("ASSAULT", None, "190", "reported") == "190"  # the record's own code stands
    assert not exported("ASSAULT", "negated") and exported("AGREE", "negated")


def test_plover_to_cameo_roots():
    assert cameo_root("PROTEST") == "14" and cameo_root("ASSAULT", "massacre") == "20"
    assert cameo_root("ACCUSE", "investigate") == "09" and cameo_root("NOT_A_TYPE") is None
    assert [quad_class(r) for r in ("04", "07", "12", "19", None)] == [1, 2, 3, 4, None]


def test_export_cli_errors_are_reported(db, tmp_path):
    result = run("export", "--db", db, "--format", "gdelt", "--table", "places", "-o", str(tmp_path / "x"))
    assert result.returncode == 1 and "GDELT layout is an event table" in result.stderr
    assert not (tmp_path / "x").exists()
    ok = run("export", "--db", db, "--format", "csv", "--table", "documents", "-o", str(tmp_path / "d.csv"))
    assert ok.returncode == 0 and "exported 2 documents rows" in ok.stdout
