"""The trigger ranker: how its training rows are labelled, that it learns, and that the
packaged model uses it to choose a trigger's type and rank a record's events."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from sankore.events.classifier import EventScores
from sankore.mentions import EventMention


def _event(type_: str, modality: str = "asserted") -> EventMention:
    return EventMention(type=type_, evidence=(0, 10), confidence=0.5, modality=modality)


def _scores(options: dict[str, dict[str, float]]) -> EventScores:
    return EventScores(*[0.0] * 11, options=options)


def test_candidates_are_right_when_their_projected_type_is_gold():
    from training.events.train import ranker_candidates

    # "said they would attack": ASSAULT + planned is PLOVER's THREATEN, AID + planned its AGREE
    # (categories.plover_type).
    planned = (_event("ASSAULT", "planned"), _scores({"ASSAULT": {"a": 1.0}, "AID": {"b": 1.0}}))
    asserted = (_event("REJECT"), _scores({"REJECT": {"c": 1.0}}))
    rows = ranker_candidates([planned, asserted], "THREATEN")
    assert [label for _, label in rows] == [True, False, False]
    assert ranker_candidates([(_event("AID"), _scores({}))], "AID") == []  # no candidates kept: no rows


def test_the_ranker_learns_which_signal_to_trust_and_scores_like_sklearn():
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from training.events.train import fit_ranker

    from sankore.events.classifier import Classifier

    # Two candidates per unit; the one the classifier favours ("p") is right in 9 of 10
    # units, whatever the lexicon weight says.
    units = []
    for i in range(40):
        right_first = i % 10 != 0
        a = {"p": 0.8, "lex": 0.3, "ty:AID": 1.0}
        b = {"p": 0.1, "lex": 0.9, "ty:SUPPORT": 1.0}
        units.append([(a, right_first), (b, not right_first)])
    ranker = fit_ranker(units, [1.0] * len(units), c=1.0)
    model = Classifier([], {}, [], [], [], {}, ranker=ranker)
    assert model.rank({"p": 0.8, "lex": 0.3}) > 0.5 > model.rank({"p": 0.1, "lex": 0.9})
    # The stored weights score as scikit-learn's own model does.
    rows = [f for cands in units for f, _ in cands]
    vec = DictVectorizer()
    lr = LogisticRegression(C=1.0, max_iter=3000).fit(vec.fit_transform(rows),
                                                     [int(y) for cands in units for _, y in cands])
    probe = {"p": 0.5, "lex": 0.5, "ty:AID": 1.0}
    assert model.rank(probe) == pytest.approx(lr.predict_proba(vec.transform([probe]))[0, 1], abs=1e-3)
    assert Classifier([], {}, [], [], [], {}).rank(probe) is None  # a model from before v6


@pytest.fixture(scope="module")
def parsed():
    from sankore.eval.events_gold import GoldEvent
    from sankore.eval.events_score import parse_gsr
    from sankore.pipeline import build_pipeline

    nlp = build_pipeline(components=("sankore_times", "sankore_places", "sankore_actors"))
    texts = ["Dock workers went on strike in Mombasa on Monday to demand higher pay.",
             "Ethiopian troops shelled rebel positions near Mekelle after talks in Nairobi collapsed."]
    return parse_gsr(nlp, [GoldEvent(str(i), t, "", None, (), ()) for i, t in enumerate(texts)])


def test_the_packaged_ranker_chooses_each_triggers_type(parsed):
    from sankore.events.classifier import packaged
    from sankore.events.code import find_events_scored, gsr_settings

    model = packaged()
    assert model is not None and model.ranker, "the shipped model carries a trigger ranker"
    assert "rank" in model.calibration["features"]
    strike = find_events_scored(parsed[0], model, gsr_settings())
    assert strike and strike[0][0].type == "PROTEST"
    for event, raw in strike + find_events_scored(parsed[1], model, gsr_settings()):
        scores = {t: model.rank(f) for t, f in raw.options.items()}
        assert event.type == max(scores, key=scores.get) and raw.rank == scores[event.type]
        assert 0.0 < raw.rank < 1.0
    # Without its ranker the model chooses as v5 did (lexicon weight x (0.25 + P(type))): no
    # score, but the candidates are still kept for training.
    bare = replace(model, ranker={})
    events = find_events_scored(parsed[0], bare, gsr_settings())
    assert events and all(raw.rank is None and raw.options for _, raw in events)


def test_a_records_main_event_is_its_best_ranked(parsed):
    from sankore.eval.events_score import code_docs
    from sankore.events.classifier import packaged
    from sankore.events.code import find_events_scored, gsr_settings

    model = packaged()
    [coded] = code_docs(parsed[1:], model)
    events = find_events_scored(parsed[1], model, gsr_settings())
    best = max(events, key=lambda er: er[1].rank)
    assert coded.raw.rank == best[1].rank
    assert coded.type == "ASSAULT", [(e.type, r["rank"]) for e, r in events]
    assert parsed[1]._.published == date(2000, 1, 1)


def test_below_the_rank_floor_a_gsr_trigger_takes_the_classifiers_type(parsed):
    from sankore.events.classifier import features, packaged
    from sankore.events.code import Settings, find_events_scored, gsr_settings
    from sankore.events.embed import embed
    from sankore.events.lexicon import sentence_matches

    model = packaged()
    assert gsr_settings().rank_floor and Settings().rank_floor is None  # news keeps the trigger's types
    for doc in parsed:
        sent = next(doc.sents)
        vector = embed([sent.text])[0] if model.needs_embedding else None
        proba = model.proba(features(sent, sentence_matches(sent)), vector)
        top = max(proba, key=proba.get)
        # A floor above every score: each trigger's candidates "all look wrong".
        events = find_events_scored(doc, model, replace(gsr_settings(), rank_floor=1.01))
        triggered = [(e, raw) for e, raw in events if raw.fallback == 0.0 and "demand" not in
                     raw.options.get(e.type, {})]
        assert triggered and all(e.type == top for e, _ in triggered), (top, [e.type for e, _ in triggered])
        # The ranker scored the classifier's type too, as an unlisted type where the lexicon lacks it.
        assert all(top in raw.options and raw.rank == model.rank(raw.options[top])
                   for _, raw in triggered)
