"""The `sankore_times` component on real sentences: the founding article and news-like text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sankore.pipeline import build_pipeline
from sankore.pipeline.mentions import TimeMention

EXAMPLE = Path(__file__).parents[1] / "examples" / "aes_2025-04-30.txt"
PUBLISHED = date(2025, 4, 30)


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(components=("sankore_times",))


def times(nlp, text: str, published: date | None = PUBLISHED, boilerplate=()) -> list[TimeMention]:
    doc = nlp.make_doc(text)
    doc._.published = published
    doc._.boilerplate = list(boilerplate)
    return nlp(doc)._.times


def one(nlp, text: str, phrase: str, published: date | None = PUBLISHED) -> TimeMention:
    found = [m for m in times(nlp, text, published) if m.text == phrase]
    assert found, f"{phrase!r} not found in {[m.text for m in times(nlp, text, published)]}"
    return found[0]


@pytest.fixture(scope="module")
def article(nlp) -> dict[str, list[TimeMention]]:
    text = EXAMPLE.read_text(encoding="utf-8")
    by_text: dict[str, list[TimeMention]] = {}
    for m in times(nlp, text):
        assert text[m.start:m.end] == m.text
        by_text.setdefault(m.text, []).append(m)
    return by_text


# --- the founding article -------------------------------------------------------------------

@pytest.mark.parametrize("phrase, typ, value, granularity, anchor, mod", [
    ("December 2023", "DATE", "2023-12", "month", "absolute", None),
    ("last year", "DATE", "2024", "year", "published", None),
    ("April 15-16", "DATE", "2025-04-15/2025-04-16", "day", "published", None),
    ("January of this year", "DATE", "2025-01", "month", "published", None),
    ("June", "DATE", "2025-06", "month", "published", None),
    ("Thursday (April 3)", "DATE", "2025-04-03", "day", "published", None),
    ("1962", "DATE", "1962", "year", "absolute", None),
    ("24 hours", "DURATION", "PT24H", "duration", None, None),
    ("2024", "DATE", "2024", "year", "absolute", None),
    ("early April", "DATE", "2025-04", "month", "published", "START"),
    ("April 16, 2025", "DATE", "2025-04-16", "day", "absolute", None),
])
def test_founding_article(article, phrase, typ, value, granularity, anchor, mod):
    m = article[phrase][0]
    assert (m.type, m.value, m.granularity, m.anchor, m.mod) == (typ, value, granularity,
                                                                 anchor, mod)


def test_founding_article_has_no_false_dates(article):
    # spaCy's small model labels "Niger" and "We" DATE now and then; we never follow it.
    for word in ("Niger", "We", "Mali", "Daily", "Tanzania Daily News"):
        assert word not in article
    assert all(m.type in ("DATE", "TIME", "DURATION", "SET") for ms in article.values() for m in ms)


def test_later_years_is_not_guessed(article):
    m = article["later years"][0]
    assert m.value in (None, "PAST_REF")
    assert m.granularity == "reference"


def test_boilerplate_is_skipped(nlp):
    text = "Talks were held in Moscow last year. Subscribe today for 2025 offers."
    cut = text.index("Subscribe")
    found = times(nlp, text, boilerplate=[(cut, len(text))])
    assert [m.text for m in found] == ["last year"]
    assert found[0].value == "2024"


def test_times_is_a_new_list_each_doc(nlp):
    a = times(nlp, "The summit opened on Monday.")
    b = times(nlp, "No dates here at all.")
    assert a and b == []


# --- relative expressions --------------------------------------------------------------------

@pytest.mark.parametrize("text, phrase, value, granularity", [
    ("Ministers met this week in Bamako.", "this week", "2025-W18", "week"),
    ("Prices rose sharply last month.", "last month", "2025-03", "month"),
    ("The treaty will be signed next year.", "next year", "2026", "year"),
    ("The convoy was attacked two days ago.", "two days ago", "2025-04-28", "day"),
    ("Rebels seized the town three weeks ago.", "three weeks ago", "2025-W15", "week"),
    ("The minister resigned yesterday.", "yesterday", "2025-04-29", "day"),
    ("The vote takes place tomorrow.", "tomorrow", "2025-05-01", "day"),
    ("Growth slowed in the third quarter of 2024.", "the third quarter of 2024", "2024-Q3",
     "quarter"),
    ("Output fell in the first half of 2023.", "the first half of 2023", "2023-H1", "half"),
    ("Exports grew in the 1990s.", "the 1990s", "199", "decade"),
    ("The region was colonized in the 19th century.", "the 19th century", "18", "century"),
    ("The junta promised elections by last fall.", "last fall", "2024-FA", "season"),
    ("Unrest has grown since early 2020.", "early 2020", "2020", "year"),
])
def test_relative_values(nlp, text, phrase, value, granularity):
    m = one(nlp, text, phrase)
    assert (m.value, m.granularity) == (value, granularity)


@pytest.mark.parametrize("text, phrase", [
    ("The government is now led by a military council.", "now"),
    ("The army currently controls the north.", "currently"),
])
def test_present_ref(nlp, text, phrase):
    assert one(nlp, text, phrase).value == "PRESENT_REF"


def test_the_past_and_the_future(nlp):
    assert one(nlp, "Coups were common in the past.", "the past").value == "PAST_REF"
    assert one(nlp, "Nobody knows what the future holds.", "the future").value == "FUTURE_REF"


def test_context_anchored_expressions_stay_unresolved(nlp):
    m = one(nlp, "The ceasefire collapsed two days later.", "two days later")
    assert m.value is None and m.anchor is None


def test_without_publication_date_relative_values_are_unresolved(nlp):
    m = one(nlp, "The border was closed last year.", "last year", published=None)
    assert m.value is None
    assert one(nlp, "It happened in March 1998.", "March 1998", published=None).value == "1998-03"


# --- tense decides which occurrence ----------------------------------------------------------

@pytest.mark.parametrize("text, phrase, value", [
    ("The president will visit Moscow in June.", "June", "2025-06"),
    ("The president visited Moscow in June.", "June", "2024-06"),
    ("The delegation will travel to Niamey in March.", "March", "2026-03"),
    ("Talks were held on Thursday.", "Thursday", "2025-04-24"),
    ("Talks will be held on Thursday.", "Thursday", "2025-05-01"),
    ("The rebels attacked last Wednesday.", "last Wednesday", "2025-04-23"),
    ("The summit will open on May 12.", "May 12", "2025-05-12"),
    ("The summit opened on December 12.", "December 12", "2024-12-12"),
])
def test_tense_aware_anchoring(nlp, text, phrase, value):
    assert one(nlp, text, phrase).value == value


# --- spans, durations, sets, times, intervals ------------------------------------------------

def test_timeml_span_keeps_determiners_and_modifiers(nlp):
    m = one(nlp, "In the last twenty four hours, the market fell.", "the last twenty four hours")
    assert (m.type, m.value) == ("DURATION", "PT24H")
    m = one(nlp, "The talks lasted more than four hours.", "more than four hours")
    assert (m.value, m.mod) == ("PT4H", "MORE_THAN")


@pytest.mark.parametrize("text, phrase, value", [
    ("The mission was extended by three months.", "three months", "P3M"),
    ("He served a five-year term.", "five-year", "P5Y"),
    ("The siege lasted two decades.", "two decades", "P20Y"),
    ("Fighting has gone on for years.", "years", "PXY"),
])
def test_durations(nlp, text, phrase, value):
    m = one(nlp, text, phrase)
    assert (m.type, m.value, m.granularity) == ("DURATION", value, "duration")


@pytest.mark.parametrize("text, phrase, value", [
    ("The council meets every season.", "every season", "P3M"),
    ("The bulletin is published weekly.", "weekly", "P1W"),
    ("Patrols run every day along the border.", "every day", "P1D"),
    ("Farmers pay $40 a year in fees.", "a year", "P1Y"),
    ("The market opens on Tuesdays.", "Tuesdays", "XXXX-WXX-2"),
])
def test_sets(nlp, text, phrase, value):
    m = one(nlp, text, phrase)
    assert (m.type, m.value, m.granularity) == ("SET", value, "set")


def test_clock_times(nlp):
    m = one(nlp, "The blast happened at 10:35 a.m. Tuesday.", "10:35 a.m. Tuesday")
    assert (m.type, m.value) == ("TIME", "2025-04-29T10:35")
    m = one(nlp, "Officials met this morning.", "this morning")
    assert (m.type, m.value, m.granularity) == ("TIME", "2025-04-30TMO", "part_of_day")


def test_intervals(nlp):
    m = one(nlp, "Prices doubled between 2020 and 2023.", "between 2020 and 2023")
    assert (m.value, m.granularity) == ("2020/2023", "year")
    m = one(nlp, "The summit ran from 14 to 16 March 2024.", "16 March 2024")
    assert m.value == "2024-03-16"


def test_explicit_dates_formats(nlp):
    assert one(nlp, "Signed on 2024-07-06 in Niamey.", "2024-07-06").value == "2024-07-06"
    assert one(nlp, "Signed on 6 July 2024 in Niamey.", "6 July 2024").value == "2024-07-06"
    assert one(nlp, "Signed on Aug. 7, 1998.", "Aug. 7, 1998").value == "1998-08-07"


@pytest.mark.parametrize("text", [
    "The minister may resign.",
    "Thousands will march in the capital.",
    "He finished second in the race.",
    "The fall of the government surprised nobody.",
    "About 2000 soldiers crossed the border.",
    "The Tanzania Daily News reported the meeting.",
])
def test_not_time_expressions(nlp, text):
    assert times(nlp, text) == []


def test_patterns_are_compiled_once_per_component(nlp):
    component = nlp.get_pipe("sankore_times")
    before = component.recognizer
    times(nlp, "It happened last year.")
    assert component.recognizer is before
