"""`sankore.eval.time.evaluate` on TimeBank/AQUAINT (shared data, never copied into the repo)."""

from __future__ import annotations

import json

import pytest

from sankore.eval.time import evaluate
from sankore.eval.timeml import read_timeml

from .conftest import SHARED_DATA

GOLD = SHARED_DATA / "time" / "TBAQ-cleaned"

needs_gold = pytest.mark.skipif(not GOLD.is_dir(),
                                reason=f"TimeML dev data not found at {GOLD.resolve()}")


@needs_gold
def test_timeml_offsets_index_the_text():
    doc = read_timeml(sorted((GOLD / "TimeBank").glob("*.tml"))[0])
    assert doc.dct is not None and doc.timexes
    for t in doc.timexes:
        assert doc.text[t.start:t.end] == t.text


@needs_gold
def test_evaluate_subset_structure_and_beats_baseline():
    result = evaluate(GOLD, limit=10)
    json.dumps(result)  # JSON-able
    assert result["task"] == "time" and result["documents"] == 10
    assert result["baseline"]["name"] == "dateparser.search.search_dates"
    for system in (result["sankore"], result["baseline"]):
        for match in ("strict", "relaxed"):
            assert set(system[match]) == {"precision", "recall", "f1"}
        assert {"gold", "predicted", "unresolved"} <= set(system["counts"])
        assert 0 <= system["type_accuracy"] <= 1 and 0 <= system["value_accuracy"] <= 1
        assert system["docs_per_s"] > 0
    assert result["sankore"]["counts"]["gold"] == result["baseline"]["counts"]["gold"] > 0
    assert result["sankore"]["relaxed"]["f1"] > result["baseline"]["relaxed"]["f1"]
    assert result["sankore"]["value_accuracy"] > result["baseline"]["value_accuracy"]


@needs_gold
def test_time_stage_is_cheap():
    stage = evaluate(GOLD, limit=10, baseline=False)["sankore"]["times_stage"]
    assert stage["share_of_pipeline"] <= 0.1


@needs_gold
@pytest.mark.slow
def test_evaluate_full_dev_set_floors():
    # Floors measured on this dev set; they only rise (see STYLE.md, trafilatura's gate).
    s = evaluate(GOLD)["sankore"]
    assert s["relaxed"]["f1"] >= 0.93
    assert s["strict"]["f1"] >= 0.85
    assert s["value_accuracy"] >= 0.85
