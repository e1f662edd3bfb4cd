"""The trigger detector (`events.detector`, DATA_CARD v9): its packaged model reads, it scores
every predicate of a real parse, and with it off the coder is v8's."""

from __future__ import annotations

from datetime import date

import pytest

TEXT = ("Police stormed the opposition headquarters in Kampala on Monday and rounded up "
        "twenty activists, witnesses said.")


@pytest.fixture(scope="module")
def parsed():
    from sankore.pipeline import build_pipeline

    nlp = build_pipeline(components=("sankore_times", "sankore_places", "sankore_actors", "sankore_events"))
    doc = nlp.make_doc(TEXT)
    doc._.published = date(2025, 4, 30)
    return nlp(doc)


def test_every_predicate_is_a_candidate_with_its_context(parsed):
    from sankore.events import detector
    from sankore.events.lexicon import sentence_matches

    model = detector.packaged()
    assert model is not None and model.models and 0 < model.threshold < 1
    sent = next(iter(parsed.sents))
    matches = sentence_matches(sent)
    actors = detector.sentence_actors(parsed, sent)
    proba, found = detector.detector_inputs(sent, None, matches, None, model, actors)
    lemmas = {tok.lemma_ for tok, _ in found}
    # "storm" and "round up" are verbs whatever the lexicon holds: the detector reads them all.
    assert {"storm", "round"} <= lemmas
    feats = dict(found)[next(tok for tok, _ in found if tok.lemma_ == "storm")]
    assert feats["lem:storm"] == 1.0 and any(k.startswith("subj:") for k in feats)
    name, p = model.best(feats)
    assert name in model.models and 0.0 <= p <= 1.0 and 0.0 <= model.confidence(p) <= 1.0


def test_detector_off_is_the_lexicon_coder_and_on_only_adds(parsed):
    from sankore.events import classifier
    from sankore.events.code import find_events_scored
    from sankore.events.settings import Settings

    model = classifier.packaged()  # the default coder, as the pipeline codes `parsed`
    screen = classifier.packaged("lexical") if model is not None and model.needs_embedding else None
    off = [e for e, _ in find_events_scored(parsed, model, Settings(), screen=screen)]
    assert off == list(parsed._.events)
    on = [e for e, _ in find_events_scored(parsed, model, Settings(detector=True), screen=screen)]
    # The shipped veto is 0: every lexicon event stays; additions come from other words.
    assert {e.trigger for e in off} <= {e.trigger for e in on}
    assert all(0.0 <= e.confidence <= 1.0 for e in on)
