"""Which time expression governs which clause: `TimeMention.extra["governs"]` and
`sankore.timex.governance.governing_time`, on the founding article and news-like text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sankore.pipeline import build_pipeline
from sankore.timex.governance import clause_head, governing_time

EXAMPLE = Path(__file__).parents[1] / "examples" / "aes_2025-04-30.txt"
PUBLISHED = date(2025, 4, 30)


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(components=("sankore_times",))


def parse(nlp, text: str, published: date | None = PUBLISHED):
    doc = nlp.make_doc(text)
    doc._.published = published
    return nlp(doc)


def token(doc, phrase: str, word: str):
    """The token `word` inside the first occurrence of `phrase`."""
    at = doc.text.index(phrase) + phrase.index(word)
    return next(t for t in doc if t.idx == at)


@pytest.fixture(scope="module")
def article(nlp):
    return parse(nlp, EXAMPLE.read_text(encoding="utf-8"))


@pytest.mark.parametrize("phrase, word, expected", [
    ("formed the Alliance of Sahel States", "formed", "December 2023"),
    ("held a summit meeting", "held", "April 15-16"),
    ("will visit Moscow in June", "visit", "June"),
    ("signed an agreement with the former Soviet Union", "signed", "1962"),
])
def test_founding_article_clauses(article, phrase, word, expected):
    m = governing_time(article, token(article, phrase, word))
    assert m is not None and m.text == expected


def test_governs_is_the_verb_span(article):
    text = article.text
    for m in article._.times:
        if m.text in ("December 2023", "1962"):
            start, end = m.extra["governs"]
            assert text[start:end] == {"December 2023": "formed", "1962": "signed"}[m.text]


def test_every_resolved_mention_names_its_clause(article):
    for m in article._.times:
        if m.value is not None:
            start, end = m.extra["governs"]
            assert 0 <= start < end <= len(article.text)


def test_object_of_clause_is_dated_through_its_verb(article):
    # "the military officials … held a summit meeting": the noun inherits its verb's time.
    m = governing_time(article, token(article, "held a summit meeting", "meeting"))
    assert m is not None and m.text == "April 15-16"


def test_enclosing_clause_dates_a_subordinate_one(nlp):
    doc = parse(nlp, "On Monday, the army launched an offensive to retake the town.")
    m = governing_time(doc, token(doc, "to retake the town", "retake"))
    assert m is not None and m.text == "Monday" and m.value == "2025-04-28"


def test_each_clause_keeps_its_own_time(nlp):
    doc = parse(nlp, "The minister resigned on Monday. The president will name a successor "
                     "next week.")
    assert governing_time(doc, token(doc, "resigned", "resigned")).text == "Monday"
    assert governing_time(doc, token(doc, "will name", "name")).text == "next week"


def test_no_time_in_sentence_gives_none(nlp):
    doc = parse(nlp, "Talks ended in March. Soldiers patrolled the border.")
    assert governing_time(doc, token(doc, "patrolled", "patrolled")) is None


def test_unresolved_mentions_govern_nothing(nlp):
    doc = parse(nlp, "The ceasefire collapsed two days later.")
    assert [m.value for m in doc._.times] == [None]
    assert "governs" not in doc._.times[0].extra
    assert governing_time(doc, token(doc, "collapsed", "collapsed")) is None


def test_clause_head_walks_to_the_verb(nlp):
    doc = parse(nlp, "Rebels attacked the convoy near Gao.")
    assert clause_head(token(doc, "near Gao", "Gao")).text == "attacked"
