"""The Python API: analyze() and analyze_many() on real text."""

from pathlib import Path

import pytest

import sankore
from sankore import Failure
from sankore.errors import ReadError

from .conftest import EXAMPLE


def test_analyze_text_and_path_agree(nlp):
    text = EXAMPLE.read_text("utf-8")
    from_text = sankore.analyze(text, nlp=nlp)
    from_path = sankore.analyze(EXAMPLE, nlp=nlp)
    assert from_text.doc.id == from_path.doc.id
    assert from_text.entities == from_path.entities
    assert from_path.doc.source == str(EXAMPLE) and from_text.doc.source is None


def test_published_argument_overrides_the_dateline(nlp):
    record = sankore.analyze(EXAMPLE, published="2025-05-02", nlp=nlp)
    assert record.doc.published == "2025-05-02"
    last_year = [t for t in record.times if t.text == "last year"]
    assert last_year and last_year[0].value == "2024"


def test_analyze_many_streams_in_batches_and_yields_failures(nlp, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    sources = ["Troops left Mali on Monday.", Path(tmp_path / "empty.txt"),
               "Niger asked Russia for arms last week."] * 5
    results = list(sankore.analyze_many(sources, published="2025-04-30", batch_size=4,
                                        nlp=nlp, errors="yield"))
    assert len(results) == 15
    assert sum(isinstance(r, Failure) for r in results) == 5
    assert all(r.doc.published == "2025-04-30" for r in results if not isinstance(r, Failure))


def test_analyze_many_raises_by_default(nlp, tmp_path):
    with pytest.raises(ReadError, match="no such file"):
        list(sankore.analyze_many([tmp_path / "missing.txt"], nlp=nlp))


def test_analyze_refuses_a_multi_document_file(nlp, tmp_path):
    path = tmp_path / "two.jsonl"
    path.write_text('{"text": "Troops left Mali."}\n{"text": "Niger asked for arms."}\n', "utf-8")
    with pytest.raises(ReadError, match="analyze_many"):
        sankore.analyze(path, nlp=nlp)


def test_one_failing_document_does_not_take_down_the_batch(tmp_path):
    """A component that crashes on one document: the others still come out."""
    from sankore.pipeline import build_pipeline

    nlp = build_pipeline()

    def fragile(doc):
        if "BOOM" in doc.text:
            raise RuntimeError("component failure")
        return doc

    from spacy.language import Language

    Language.component("fragile_for_test", func=fragile)
    nlp.add_pipe("fragile_for_test")
    results = list(sankore.analyze_many(["Troops left Mali.", "BOOM in Niger.", "Chad agreed."],
                                        nlp=nlp, errors="yield", batch_size=3))
    assert [type(r).__name__ for r in results] == ["Record", "Failure", "Record"] or \
        sorted(type(r).__name__ for r in results) == ["Failure", "Record", "Record"]
