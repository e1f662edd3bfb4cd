"""`sankore eval quotes` on a few PolNeAR train articles: structure, and Sankore beats the baseline."""

from __future__ import annotations

import json

from sankore.eval.quotes import read_ann, read_split

from .conftest import shared


def test_read_ann_discontinuous_and_sources():
    ann = ("T1\tSource 0 2\tHe\nT2\tCue 3 7\tsaid\nT3\tContent 9 12;20 25\tabc def\n"
           "T4\tAttribution 3 7\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
           "T5\tCue 30 40\thas faced\nT6\tContent 41 50\tridicule\nE2\tContent:T6 Cue:T5\n")
    gold = read_ann(ann)
    assert gold[0].content == [(9, 12), (20, 25)] and gold[0].source == [(0, 2)]
    assert gold[1].source == [] and gold[1].cue == [(30, 40)]


def test_one_annotator_per_article():
    pairs = read_split(shared("quotes", "train"))
    stems = [text.stem for text, _ in pairs]
    assert len(stems) == len(set(stems))
    for text, ann in pairs[:50]:
        choices = sorted(ann.parent.glob(f"{text.stem}_*.ann"))
        assert ann == choices[0]


def test_evaluate_small_subset_beats_baseline():
    from sankore.eval.quotes import evaluate

    result = evaluate(shared("quotes"), limit=12, split="train")
    json.dumps(result)
    assert result["task"] == "quotes" and result["documents"] == 12
    ours, base = result["sankore"], result["baseline"]
    assert base["name"]
    for key in ("content_overlap", "content_exact", "content_tokens"):
        assert set(ours[key]) == {"precision", "recall", "f1"}
    assert 0 <= ours["speaker_accuracy"] <= 1 and 0 <= ours["cue_accuracy"] <= 1
    assert ours["content_overlap"]["f1"] > base["content_overlap"]["f1"]
    assert ours["content_tokens"]["f1"] > base["content_tokens"]["f1"]
    assert ours["docs_per_s"] > 0


def test_relayed_attributions_are_not_scored():
    """PolNeAR gives a token one role: an attribution whose cue is inside another's content
    is a relay in Sankore and is left out of the scored set."""
    from types import SimpleNamespace

    from sankore.eval.quotes import sankore_attributions

    def mention(start, end, cue):
        return SimpleNamespace(start=start, end=end, cue_span=cue, speaker_span=(0, 2))

    quotes = [mention(10, 60, (5, 9)), mention(70, 80, (5, 9)), mention(30, 50, (22, 27))]
    doc = SimpleNamespace(_=SimpleNamespace(quotes=quotes))
    attrs = sankore_attributions(doc)
    assert [a.content for a in attrs] == [[(10, 60), (70, 80)]]


def test_learned_cue_table_counts_and_ships():
    from collections import Counter

    from training.attribution.learn_cues import table

    from sankore.attribution import lexicon

    cues = Counter({("say", "VERB"): 90, ("year", "NOUN"): 5, ("vow", "VERB"): 1,
                    ("downplay", "VERB"): 3, ("walk", "VERB"): 3})
    totals = Counter({("say", "VERB"): 100, ("year", "NOUN"): 500, ("vow", "VERB"): 1,
                      ("downplay", "VERB"): 4, ("walk", "VERB"): 30})
    # seen once: an anecdote; a cue 1 time in 100: not a cue; rare but a cue 3 times out of 4: kept
    assert table(cues, totals) == [("say", "VERB", 90, 100, 0.9), ("downplay", "VERB", 3, 4, 0.75)]
    learned = lexicon.learned_cues()
    assert learned[("say", "VERB")] > 0.9 and ("call for", "VERB") in learned
