"""`sankore eval events`: the GSR split's guarantees, the scorers, and floors on the news
gold set's dev part (the GSR's held split is never scored by the test suite)."""

from __future__ import annotations

import json

import pytest

from .conftest import shared

# The first 12 dev articles on 2026-12-06 (v8): P 0.580, R 0.276, modality 0.872.
FLOORS = {"precision": 0.55, "recall": 0.25, "modality": 0.84}


def test_split_is_deterministic_and_disjoint():
    from sankore.eval.events_gold import held, split_gsr

    train, test = split_gsr(shared("events"))
    assert test and train
    assert not {r.id for r in train} & {r.id for r in test}
    assert all(held(r.id) for r in test) and not any(held(r.id) for r in train)
    assert 0.15 < len(test) / (len(train) + len(test)) < 0.35


def test_gsr_types_are_mapped_to_current_plover():
    from sankore.eval.events_gold import read_gsr
    from sankore.events.lexicon import PLOVER_TYPES

    records = read_gsr(shared("events"))
    assert len(records) == 322
    assert {r.type for r in records} <= set(PLOVER_TYPES)
    assert all(r.mode == "investigate" for r in records if "INVESTIGATE" in r.id)


def test_headline_templates_read_as_sentences():
    from training.events.gold import read_headlines

    from sankore.events.lexicon import PLOVER_TYPES

    headlines = read_headlines(shared("events"))
    assert len(headlines) == 332 and {h.type for h in headlines} == set(PLOVER_TYPES)
    texts = {h.text for h in headlines}
    assert "Kenya leader quits following corruption accusations." in texts  # slot filled, sentence case
    assert not any("{" in t for t in texts)


def test_scores_are_in_range():
    from sankore.eval.events_score import prf, reliability

    figures = prf(["AGREE", "AGREE", "ASSAULT"], ["AGREE", None, "AGREE"])
    assert figures["per_type"]["AGREE"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5, "gold": 2}
    assert figures["macro_f1"] == 0.25
    rows = reliability([0.1, 0.9, 0.95], [False, True, False])
    assert rows[-1]["events"] == 2 and rows[-1]["accuracy"] == 0.5


@pytest.mark.slow
def test_eval_events_on_the_news_dev_part():
    # Floors read tuned-on parts only (issue 17): the news gold set's dev part here; its test
    # part and the GSR's held split are scored by `sankore eval` and benchmarks alone.
    from pathlib import Path

    from sankore.eval.news_events import evaluate

    gold = Path(__file__).parent.parent / "gold" / "news_events"
    figures = evaluate(gold, split="dev", limit=12, corpus=shared("corpus"))
    json.dumps(figures)
    assert figures["split"] == "dev" and figures["articles"] == 12
    ours, reference = figures["sankore"], figures["reference"]
    assert ours["event_coder"] == "lexical" and reference["event_coder"] == "embeddings"
    # Floors a little under the recorded figures (DATA_CARD.md v8, tuned on this part): they
    # only rise.
    assert ours["events"]["precision"] >= FLOORS["precision"]
    assert ours["events"]["recall"] >= FLOORS["recall"]
    assert ours["modality_accuracy"] >= FLOORS["modality"]
    # The confidence is calibrated on news: the confident events are the right ones more often.
    assert ours["precision_at_confidence_0.7"] >= ours["events"]["precision"]


def test_action_types_are_compared_in_plovers_single_categories():
    from sankore.events.categories import plover_type

    assert plover_type("CONSULT", "planned") == "AGREE"  # future meetings (manual, AGREE)
    # A promised concession or retreat is AGREE, as CAMEO2PLOVER codes "035 Express intent to
    # yield" and 0351-0356 (the manual's draft says otherwise; the gold records follow the table).
    assert plover_type("CONCEDE", "planned") == "AGREE"
    assert plover_type("RETREAT", "planned") == "AGREE"
    assert plover_type("AID", "hypothetical") == "AGREE"  # an offer ("would send aid if ...")
    assert plover_type("PROTEST", "planned") == "THREATEN"  # "said they would boycott"
    assert plover_type("SANCTION", "hypothetical") == "THREATEN"
    assert plover_type("AGREE", "negated") == "REJECT"  # "will not accept"
    assert plover_type("ASSAULT", "asserted") == "ASSAULT"
    assert plover_type("ASSAULT", "negated") == "ASSAULT"


def test_other_gold_is_found_by_format_and_scored_in_full(tmp_path):
    """Gold of the GSR's kind in another file (JSON lines, another name, current type names)
    is scored whole; a record the model trained on, under any id, is skipped."""
    from sankore.eval.events import evaluate
    from sankore.eval.events_gold import split_gsr

    trained = split_gsr(shared("events"))[0][0]
    rows = [{"id": "X-1", "event": "assault", "source": [{"actorText": "Turkish", "code": "TUR"}],
             "text": "Turkish warplanes bombarded Kurdish villages on Monday.", "target": ""},
            {"id": "X-2", "event": "REQUEST", "text": "Egypt urged Israel to lift the blockade of Gaza.",
             "source": [{"actorText": "Egypt", "code": "EGY"}],
             "target": [{"actorText": "Israel", "code": "ISR"}]},
            {"id": "X-3", "event": trained.type, "text": "  " + trained.text.upper()},
            {"id": "DOCUMENT", "comment": "a header record without an event"}]
    gold = tmp_path / "more_gold"
    gold.mkdir()
    (gold / "records.jsonl").write_text("\n".join(json.dumps(r) for r in rows), "utf-8")
    (gold / "notes.txt").write_text("not records", "utf-8")
    figures = evaluate(gold)
    assert figures["gold"] == [str(gold / "records.jsonl")]
    assert figures["records"] == 2 and figures["records_trained_on_skipped"] == 1
    assert figures["sankore"]["per_type"].keys() == {"ASSAULT", "REQUEST"}


def test_eval_events_names_gold_it_cannot_read(tmp_path):
    from click.testing import CliRunner

    from sankore.cli import main

    (tmp_path / "notes.txt").write_text("no records here", "utf-8")
    result = CliRunner().invoke(main, ["eval", "events", "--gold", str(tmp_path)])
    assert result.exit_code == 1
    assert str(tmp_path) in result.output and "no file of GSR records" in result.output
