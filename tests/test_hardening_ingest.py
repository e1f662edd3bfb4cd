"""Hardening (issue 21, items 5 and 11): ingest's bounds, and a rerun over stored documents
that never loads the pipeline. Worker deaths mid-run are in tests/test_crash.py."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import sankore.ingest as ingest_module
from sankore.cli import main
from sankore.ingest import MAX_WORKERS, ingest
from sankore.ingest.workers import Pool
from sankore.readers import Article

TEXTS = ["Chad asked French troops to leave the country on Thursday, officials said.",
         "Mali's junta suspended all political parties on Wednesday, state television said."]


@pytest.mark.parametrize("workers", [0, -1, MAX_WORKERS + 1, 1000])
def test_workers_out_of_bounds_is_an_error(workers, tmp_path):
    with pytest.raises(ValueError, match="workers must be between 1 and"):
        ingest([Article(TEXTS[0])], f"sqlite:///{tmp_path / 'x.db'}", workers=workers, progress=False)


@pytest.mark.parametrize("size", [0, -1])
def test_batch_size_below_one_is_an_error(size, tmp_path):
    with pytest.raises(ValueError, match="batch_size"):
        ingest([Article(TEXTS[0])], f"sqlite:///{tmp_path / 'x.db'}", batch_size=size, progress=False)


@pytest.mark.parametrize("option", [["--workers", "1000"], ["--batch-size", "0"], ["--batch-size", "-1"]])
def test_the_cli_refuses_them_in_one_line(option, tmp_path):
    text = tmp_path / "a.txt"
    text.write_text(TEXTS[0])
    db = f"sqlite:///{tmp_path / 'x.db'}"
    result = CliRunner().invoke(main, ["ingest", str(text), "--db", db, *option])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert not (tmp_path / "x.db").exists() or option[0] == "--workers"


@pytest.mark.parametrize("workers", [1, 2])
def test_a_rerun_over_stored_documents_never_loads_the_pipeline(workers, tmp_path, monkeypatch, nlp):
    url = f"sqlite:///{tmp_path / 'x.db'}"
    first = ingest([Article(t) for t in TEXTS], url, progress=False, dedupe=False)
    assert first.stored == 2

    def refuse(*args, **kwargs):
        raise AssertionError("the pipeline was loaded for documents already stored")

    monkeypatch.setattr(ingest_module, "get_pipeline", refuse)
    monkeypatch.setattr(Pool, "_start", refuse)
    again = ingest([Article(t) for t in TEXTS], url, workers=workers, progress=False, dedupe=False)
    assert (again.stored, again.duplicates, again.failed) == (0, 2, [])
