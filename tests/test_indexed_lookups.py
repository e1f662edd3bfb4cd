"""The lookups that keep a long document linear (issue 21, item 6) answer what the passes over
the whole document they replaced answered, on a real parse: the entity at and within tokens
(places), a namesake's neighbours (places), and the events stage's questions by position (a
sentence's mentions, the quotations at a word, the pronoun resolver's window and counts)."""

from __future__ import annotations

from collections import Counter

import pytest

from sankore.distance import haversine_km
from sankore.events.lookups import DocumentIndex
from sankore.geo.gazetteer import load_gazetteer
from sankore.geo.names import name_key
from sankore.geo.resolve import NEAR_KM, Context
from sankore.spans import entity_at, entity_within

from .conftest import EXAMPLE
from .test_hardening_pipeline import guardian_text


@pytest.fixture(scope="module")
def article(nlp):
    return nlp(EXAMPLE.read_text())


@pytest.fixture(scope="module")
def long_doc(nlp):
    """Several articles in one document, so that sentences, quotes and names repeat."""
    return nlp(EXAMPLE.read_text() + "\n\n" + guardian_text(25_000))


def _bounds(span):
    return None if span is None else (span.start, span.end, span.label_)


def test_the_entity_within_and_at_tokens_is_spacys(article):
    ents = list(article.ents)
    assert ents
    for start in range(len(article)):
        holding = next((e for e in ents if e.start <= start < e.end), None)
        assert _bounds(entity_at(article, start)) == _bounds(holding)
        for end in range(start + 1, min(len(article), start + 5) + 1):
            first = next(iter(article[start:end].ents), None)
            assert _bounds(entity_within(article, start, end)) == _bounds(first), (start, end)


def test_a_sentences_mentions_are_those_starting_in_it(long_doc):
    index = DocumentIndex(long_doc)
    assert long_doc._.actors and long_doc._.places and long_doc._.times
    for sent in long_doc.sents:
        inside = range(sent.start_char, sent.end_char)
        assert index.actors.starting(sent.start_char, sent.end_char) == [
            a for a in long_doc._.actors if a.start in inside]
        assert index.places.starting(sent.start_char, sent.end_char) == [
            p for p in long_doc._.places if p.start in inside]
        assert index.times.starting(sent.start_char, sent.end_char) == [
            m for m in long_doc._.times if m.start in inside]
        assert index.governing_within(sent.start_char, sent.end_char) == [
            m for m in long_doc._.times if m.extra.get("governs") is not None
            and m.extra["governs"][0] in inside]


def test_the_quotes_at_a_word_and_the_pronoun_resolvers_questions(long_doc):
    index = DocumentIndex(long_doc)
    quotes, actors, sents = long_doc._.quotes, long_doc._.actors, list(long_doc.sents)
    assert quotes and any(q.cue_span for q in quotes)
    for tok in long_doc:
        at = tok.idx
        assert index.quotes_at(at) == [q for q in quotes if q.start <= at < q.end
                                       or q.cue_span and q.cue_span[0] <= at < q.cue_span[1]]
        here = next(i for i, s in enumerate(sents) if s.start <= tok.i < s.end)
        assert index.sentence_start_char(tok.i, before=3) == sents[max(0, here - 3)].start_char
        if tok.i % 25 == 0:
            counts = Counter(m.key for m in actors if m.end <= at)
            assert all(index.named_before(m.key, at) == counts[m.key] for m in actors)
            # Newest first, ties in the list's order: max(…, key=start) takes the first.
            before = [m for m in actors if m.start <= at]
            assert list(index.actors.latest_first(0, at + 1)) == sorted(before, key=lambda m: -m.start)


def test_a_namesakes_neighbours_are_those_within_reach():
    """The latitude window and the memo leave the count what a pass over every point gives."""
    gaz = load_gazetteer()
    names = ("Springfield", "Paris", "Jackson", "Dublin", "Columbus", "Portland", "Salem",
             "Franklin", "Clinton", "Madison", "Georgetown", "Alexandria")
    places = [p for name in names for p in gaz.lookup(name) if p.lat is not None]
    points = [(name_key(p.name), p.lat, p.lon) for p in places]
    ctx = Context(points=points * 2)  # every name twice, as a document repeats its towns
    assert len(places) > 100
    for place in places:
        for key in (name_key(place.name), "elsewhere"):
            expected = len({k for k, lat, lon in ctx.points if k != key
                            and haversine_km(place.lat, place.lon, lat, lon) <= NEAR_KM})
            assert ctx.neighbours(place, key) == expected
    assert any(ctx.neighbours(p, "elsewhere") for p in places)
