"""Documents written all in lower case (the Times of India copy of IndiaPoliceEvents) get
their places from the gazetteer, guarded by the English vocabulary and the dateline shape
(geo/lower_case.py). Real pipeline, real text."""

from __future__ import annotations

import json

import pytest

import sankore
from sankore.eval.india_police import ipe_split
from sankore.geo.lower_case import lower_cased

from .conftest import EXAMPLE, shared

BRIEF = "ahmedabad: the police nabbed the accused from godhra. new delhi also reacted."


def test_a_lower_cased_dateline_and_towns_are_places(nlp):
    record = sankore.analyze(BRIEF, published="2002-03-18", nlp=nlp)
    assert [(p.text, p.country, p.feature) for p in record.places] == [
        ("ahmedabad", "IND", "city"), ("godhra", "IND", "city"), ("new delhi", "IND", "city")]
    # The guidelines make a dateline place the place of the events reported there.
    assert record.events and record.events[0].place == "p1"


def test_only_lower_cased_text_is_read_so(nlp):
    text = EXAMPLE.read_text(encoding="utf-8")
    assert not lower_cased(nlp.make_doc(text))
    assert lower_cased(nlp.make_doc(text.lower()))
    assert lower_cased(nlp.make_doc(BRIEF))
    # A short capitalized line is not a lower-cased document.
    assert not lower_cased(nlp.make_doc("Police in Ahmedabad arrested the accused in Godhra."))


def test_ordinary_words_and_persons_are_no_places(nlp):
    text = ("chandigarh: a minister said police got a call on march 7. deputy superintendent "
            "of police gopal mukim said the temple near the bank was attacked. the blast in "
            "the dhanbad express near ludhiana in punjab killed three. the lok sabha met.")
    places = {p.text: p for p in sankore.analyze(text, published="2002-03-15", nlp=nlp).places}
    assert {"chandigarh", "ludhiana", "punjab"} <= set(places)
    assert places["ludhiana"].country == "IND" and places["punjab"].country == "IND"
    # "police" (Police, Poland), "got" (Got, India), "march" (March, England), "temple"
    # (Temple, Texas), "bank" (Bānk, India), "sabha" (Sabha, Libya): words, not places here.
    assert not {"police", "got", "march", "temple", "bank", "sabha"} & set(places)


def test_india_police_events_articles_get_their_dateline(nlp):
    path = shared("corpus", "india_police_events", "docs.jsonl")
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    dev = [d for d in docs if ipe_split(d["doc_id"]) == "dev"][:20]
    if not dev:
        pytest.skip("no IndiaPoliceEvents dev article")
    with_dateline = 0
    for doc in dev:
        record = sankore.analyze(doc["doc_text"], nlp=nlp)
        body = doc["doc_text"].split("\n\n", 1)[-1] if doc["doc_text"].startswith("This story") \
            else doc["doc_text"]
        head = body.split(":", 1)[0]
        if any(p.text == head and p.country == "IND" for p in record.places):
            with_dateline += 1
    assert with_dateline >= 17  # every dateline of a town the gazetteer knows
