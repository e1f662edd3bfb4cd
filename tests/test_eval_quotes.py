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
