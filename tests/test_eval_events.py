"""`sankore eval events` on the held GSR split, and the split's guarantees."""

from __future__ import annotations

import json

from .conftest import shared


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


def test_eval_events_on_the_held_split():
    from sankore.eval.events import evaluate

    figures = evaluate(shared("events"))
    json.dumps(figures)
    assert figures["task"] == "events" and "held" in figures["split"]
    sankore, baseline = figures["sankore"], figures["baseline"]
    assert figures["records"] > 60
    # Floors a little under the recorded figures (DATA_CARD.md): they only rise.
    assert sankore["macro_f1"] >= 0.74 and sankore["model"] == "events_model.json.gz"
    # The lexicons carry the coding; the classifier breaks ties between a trigger's types and
    # gives the type of a record nothing else codes, which lifts Sankore over the lexicon alone.
    assert sankore["macro_f1"] >= baseline["macro_f1"] + 0.02
    assert sankore["coded"] == figures["records"]  # every GSR record holds an event
    # The news filters decline what a news reader would not code (uncoded 1990s actors,
    # weak triggers), keeping precision.
    news = figures["news_filters"]
    assert news["coded"] < figures["records"] and news["macro_precision"] >= 0.74
    assert sankore["actor_country_accuracy"] >= 0.66 and sankore["actor_code_accuracy"] >= 0.57
    assert sankore["target_code_accuracy"] >= 0.39


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
