"""The news events gold set and the IndiaPoliceEvents sentence labels: their readers, the
matching the scorer uses, and which scorer a gold path selects. Floors read dev parts only."""

from __future__ import annotations

from pathlib import Path

import pytest

from sankore.eval.formats import event_gold_format
from sankore.eval.india_police import ipe_split, read_documents
from sankore.eval.news_events import GoldEvent, find_corpus, load_texts, match, read_gold

from .conftest import shared

GOLD = Path(__file__).parent.parent / "gold" / "news_events"


class _Coded:
    def __init__(self, type_: str, modality: str, evidence: tuple[int, int]) -> None:
        self.type, self.modality, self.evidence = type_, modality, evidence


def test_the_gold_path_picks_the_scorer():
    assert event_gold_format(GOLD) == "news"
    assert event_gold_format(shared("corpus", "india_police_events")) == "india-police"
    assert event_gold_format(shared("events", "plover")) == "gsr"


def test_news_gold_parts_and_texts():
    dev, test = read_gold(GOLD, "dev"), read_gold(GOLD, "test")
    assert len(dev) == 41 and len(test) == 40 and len(dev) + len(test) >= 80
    assert not {a.id for a in dev} & {a.id for a in test}
    texts = load_texts(dev, find_corpus(GOLD, shared("corpus")))
    for article in dev:
        for event in article.events:
            start, end = event.evidence
            assert 0 <= start < end <= len(texts[article.id])


def test_ipe_articles_of_the_gold_set_follow_the_ipe_split():
    for part in ("dev", "test"):
        for article in read_gold(GOLD, part):
            if article.corpus == "india_police_events":
                assert ipe_split(int(article.key)) == part


def test_matching_wants_overlap_and_the_same_plover_category():
    gold = [GoldEvent("MOBILIZE", "planned", (0, 40), None, None, None, None),
            GoldEvent("ASSAULT", "asserted", (50, 90), None, None, None, None)]
    coded = [_Coded("THREATEN", "asserted", (10, 30)),  # a planned MOBILIZE is PLOVER's THREATEN
             _Coded("COERCE", "asserted", (60, 70)),    # overlaps, wrong category
             _Coded("ASSAULT", "asserted", (95, 99))]   # right category, no overlap
    assert match(gold, coded) == [(0, 0)]
    assert sorted(match(gold, coded, typed=False)) == [(0, 0), (1, 1)]


def test_records_of_one_clause_pair_by_their_participants():
    # "Russia and Iran mounted an offensive": one record per actor in the gold and in Sankore,
    # listed in another order; each coded record is scored against the gold record it agrees with.
    gold = [GoldEvent("ASSAULT", "asserted", (0, 40), "RUS", None, None, None),
            GoldEvent("ASSAULT", "asserted", (0, 40), "IRN", None, None, None)]
    coded = [_Coded("ASSAULT", "asserted", (0, 40)), _Coded("ASSAULT", "asserted", (0, 40))]
    actors = {0: "IRN", 1: "RUS"}
    assert sorted(match(gold, coded)) == [(0, 0), (1, 1)]  # list order, without participants
    assert sorted(match(gold, coded, agreement=lambda gi, ci: gold[gi].actor_code == actors[ci])) == [
        (0, 1), (1, 0)]


def test_ipe_sentences_are_located_in_their_documents():
    docs = read_documents(shared("corpus", "india_police_events"), "dev")
    assert docs and all(ipe_split(d.doc_id) == "dev" for d in docs)
    doc = docs[0]
    assert [s.sent_id for s in doc.sentences] == sorted(s.sent_id for s in doc.sentences)
    assert all(doc.text[s.start:s.end].strip() for s in doc.sentences if s.end > s.start)


def test_unknown_split_is_a_clear_error():
    from sankore.eval import news_events

    with pytest.raises(ValueError, match="dev, test"):
        news_events.evaluate(GOLD, split="held")


def test_an_event_counts_in_the_gold_sentence_that_holds_most_of_its_evidence():
    from sankore.eval.india_police import Sentence, sentence_labels

    # The gold cuts "… president s." from "simranjit singh mann … was arrested": one clause.
    sentences = (Sentence(1, 0, 0, 40, frozenset()), Sentence(1, 1, 41, 140, frozenset({"ARREST"})))
    assert sentence_labels([((30, 120), {"ARREST"})], sentences) == [set(), {"ARREST"}]
    assert sentence_labels([((0, 39), {"KILL"}), ((200, 210), {"FORCE"})], sentences) == [{"KILL"}, set()]
