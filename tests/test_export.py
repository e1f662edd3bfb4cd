"""`sankore export`: every format and table, read back with pandas and DuckDB."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from sankore.export import TABLES, export
from sankore.export.cameo import cameo_root, quad_class
from sankore.export.cameo_actors import actor_code
from sankore.export.gdelt import COLUMNS as GDELT_COLUMNS
from sankore.export.gdelt import event_code, event_id, exported, source_url
from sankore.export.goldstein import goldstein
from sankore.ingest import ingest
from sankore.store import open_store

from .conftest import EXAMPLE, shared
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
        # A CSV cell is text ('e1;e2'); JSONL and Parquet keep the list.
        ids = (lambda cell: cell.split(";")) if fmt == "csv" else list
        assert hand.loc["v1", "type"] == "CONSULT" and ids(hand.loc["v1", "actors"]) == ["e1"]
        assert ids(hand.loc["v2", "actors"]) == ["e1", "e2"]
        ducked_hand = ducked[ducked["doc_id"] == "doc-aes-1"].set_index("id")
        assert ids(ducked_hand.loc["v2", "actors"]) == ["e1", "e2"]
        assert hand.loc["v1", "place_name"] == "Ouagadougou"
        assert hand.loc["v1", "evidence_text"] == "Russian Foreign Minister"
    if table == "entities" and fmt == "parquet":
        assert str(frame["span_start"].dtype) == "int64"
        assert "Sergei Lavrov" in set(frame["name"])


def test_parquet_columns_keep_their_types(db, tmp_path):
    """Dates are dates, ingestion times UTC timestamps, flags booleans, actors lists of ids:
    not the text and 0/1 that SQLite stores (issue 21, item 11)."""
    import pyarrow.parquet as pq

    types = {}
    for table in ("documents", "places", "events"):
        with open_store(db) as store:
            export(store, "parquet", tmp_path / f"{table}.parquet", table=table)
        schema = pq.read_schema(tmp_path / f"{table}.parquet")
        types.update({f"{table}.{field.name}": str(field.type) for field in schema})
    assert types["documents.published"] == "date32[day]"
    assert types["documents.ingested_at"] == "timestamp[us, tz=UTC]"
    assert types["places.metonymy"] == "bool" and types["events.actors"] == "list<element: string>"
    documents = duckdb.sql(f"SELECT published, year(published) AS y, ingested_at FROM "
                           f"'{tmp_path / 'documents.parquet'}' WHERE doc_id = 'doc-aes-1'").fetchall()[0]
    assert str(documents[0]) == "2025-04-30" and documents[1] == 2025 and documents[2].tzinfo is not None
    events = pq.read_table(tmp_path / "events.parquet").to_pylist()
    hand = {e["id"]: e["actors"] for e in events if e["doc_id"] == "doc-aes-1"}
    assert hand == {"v1": ["e1"], "v2": ["e1", "e2"]}
    places = pq.read_table(tmp_path / "places.parquet").to_pylist()
    assert {p["metonymy"] for p in places} <= {True, False}
    assert not any(p["metonymy"] for p in places if p["doc_id"] == "doc-aes-1")


def test_jsonl_keeps_lists_and_flags(db, tmp_path):
    import json

    with open_store(db) as store:
        export(store, "jsonl", tmp_path / "events.jsonl", table="events")
        export(store, "jsonl", tmp_path / "places.jsonl", table="places")
    events = [json.loads(line) for line in (tmp_path / "events.jsonl").read_text().splitlines()]
    assert [e["actors"] for e in events if e["doc_id"] == "doc-aes-1"] == [["e1"], ["e1", "e2"]]
    places = [json.loads(line) for line in (tmp_path / "places.jsonl").read_text().splitlines()]
    assert {type(p["metonymy"]) for p in places} == {bool}


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
    # A local file is no URL: the stored document's id stands instead of its path.
    assert consult.SOURCEURL == "urn:sankore:doc:doc-aes-1" and len(consult.DATEADDED) == 14
    assert consult.EventCode == "040" and float(consult.GoldsteinScale) == 1.0  # GDELT's 040: 1.0
    cooperate = by_id.loc[str(event_id("doc-aes-1", "v2"))]
    # A planned cooperation is PLOVER's AGREE, CAMEO 03 "express intent to cooperate".
    assert cooperate.EventCode == "030" and cooperate.EventRootCode == "03"  # GDELT's three digits
    assert b"\r" not in path.read_bytes()  # GDELT's files end their lines in LF
    assert cooperate.QuadClass == "1" and cooperate.SQLDATE == "20250430"  # no time: the publication date
    assert float(cooperate.GoldsteinScale) == 4.0  # 030, "express intent to cooperate"
    # Every row with an event code has its score, and it is the score of that code.
    coded = frame[frame.EventCode != ""]
    assert (coded.GoldsteinScale != "").all()
    assert all(float(score) == goldstein(code) for code, score in zip(coded.EventCode, coded.GoldsteinScale,
                                                                       strict=True))


def test_goldstein_scale_is_gdelt_lookup():
    # Values of GDELT's CAMEO.goldsteinscale.txt, one per quad class and from each end.
    assert [goldstein(c) for c in ("010", "040", "0874", "060", "120", "1823", "190", "20")] == [
        0.0, 1.0, 10.0, 6.0, -4.0, -10.0, -10.0, -10.0]
    assert goldstein("0415") == goldstein("041") == 1.0  # a code the table lacks: its base code's
    assert goldstein(None) is None and goldstein("99") is None


def test_gdelt_source_url():
    assert source_url("d1", "https://www.theguardian.com/world/x") == "https://www.theguardian.com/world/x"
    assert source_url("d1", "crawl.warc.gz#https://example.org/a?b=1") == "https://example.org/a?b=1"
    assert source_url("d1", "news.csv:12") == "urn:sankore:doc:d1"
    assert source_url("d1", None) == "urn:sankore:doc:d1"


def guardian_igo_text() -> str:
    """Sentences of real Guardian articles in which NATO, the EU or the UN acts or is acted on."""
    import csv
    import re

    csv.field_size_limit(64 * 1024 * 1024)
    with shared("corpus", "guardian", "Guardian_SDF_sample.csv").open(newline="", encoding="utf-8") as handle:
        articles = {row[""]: row["text"] for row in csv.DictReader(handle)}
    wanted = {"537": "urged Nato", "684": "accused the EU", "656": "campaigners called on the UN",
              "508": "called on the European Union"}
    sentences = [next(s for s in re.split(r"(?<=[.!?])\s+", articles[key]) if words in s)
                 for key, words in wanted.items()]
    return "\n\n".join(sentences) + "\n"


def test_gdelt_codes_igos_the_cameo_way(tmp_path):
    """An IGO is 'IGO' + its CAMEO known-group code (IGOUNO, IGONAT, IGOEEC), the known group in
    KnownGroupCode, never a bare 'IGO' for an organisation CAMEO has a code for."""
    (tmp_path / "igo.txt").write_text(guardian_igo_text(), encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'igo.db'}"
    assert ingest([tmp_path / "igo.txt"], url, progress=False).stored == 1
    path = tmp_path / "igo.tsv"
    with open_store(url) as store:
        export(store, "gdelt", path)
    frame = pd.read_csv(path, sep="\t", header=None, names=GDELT_COLUMNS, dtype=str, keep_default_na=False)
    actors = {(name, code, group, kind) for n in (1, 2) for name, code, group, kind in zip(
        frame[f"Actor{n}Name"], frame[f"Actor{n}Code"], frame[f"Actor{n}KnownGroupCode"],
        frame[f"Actor{n}Type1Code"], strict=True) if kind == "IGO"}
    assert {("North Atlantic Treaty Organization", "IGONAT", "NAT", "IGO"),
            ("European Union", "IGOEEC", "EEC", "IGO"), ("United Nations", "IGOUNO", "UNO", "IGO")} <= actors
    assert all(code == "IGO" + group for _, code, group, _ in actors)
    assert actor_code("IGO", "Alliance of Sahel States") == ("IGO", None)  # no CAMEO code: none invented
    assert actor_code("PSE REB", "Hamas") == ("PSEREB", "HMS")
    assert actor_code("RUS GOV", "Sergei Lavrov") == ("RUSGOV", None)


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
