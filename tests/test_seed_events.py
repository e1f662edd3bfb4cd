"""The founding article's events as a careful reader lists them (issue 6), read off the records.

Written before the events stage: each entry says what a person reading the article
(published 2025-04-30) codes, and the test checks that the pipeline's records contain an
event that fits. "Participants" are actors and targets together: which side of the event
an actor stands on is checked only where the sentence makes it plain.
"""

from __future__ import annotations

import pytest

from .conftest import EXAMPLE
from .test_events import _events_pipeline


@pytest.fixture(scope="module")
def seed():
    import sankore

    return sankore.analyze(EXAMPLE, nlp=_events_pipeline())


def _codes(record, ids) -> set[str]:
    by_id = {e.id: e for e in record.entities}
    out = set()
    for i in ids:
        entity = by_id[i]
        out.add(entity.code or "")
        out.add(entity.country or "")
        out.add(entity.name)
    return out - {""}


def _time(record, event) -> str | None:
    return next((t.value for t in record.times if t.id == event.time), None)


def _place(record, event) -> str | None:
    return next((p.text for p in record.places if p.id == event.place), None)


def _evidence(record, event) -> str:
    start, end = event.evidence
    return record.doc.text[start:end]


def _find(record, types, where, **checks):
    """The events of `types` whose evidence contains `where` and that pass every check."""
    found = [v for v in record.events if v.type in types and where in _evidence(record, v)]
    assert found, f"no {types} event in the sentence with {where!r}: " + repr(
        [(v.type, _evidence(record, v)[:60]) for v in record.events])
    passing = [v for v in found if all(check(record, v) for check in checks.values())]
    assert passing, {name: [check(record, v) for v in found] for name, check in checks.items()}
    return passing


def actors_include(*codes):
    return lambda r, v: set(codes) <= _codes(r, v.actors)


def participants_include(*codes):
    return lambda r, v: set(codes) <= _codes(r, v.actors + v.targets)


def time_is(prefix):
    return lambda r, v: (_time(r, v) or "").startswith(prefix)


def place_is(name):
    return lambda r, v: _place(r, v) == name


def modality_is(*modalities):
    return lambda r, v: v.modality in modalities


# The careful reader's list.
def test_alliance_founded_december_2023(seed):
    _find(seed, {"COOPERATE", "AGREE"}, "formed the Alliance",
          actors=actors_include("MLI", "BFA", "NER"), time=time_is("2023-12"))


def test_french_troops_withdrawn(seed):
    _find(seed, {"RETREAT"}, "French troops have withdrawn", actors=actors_include("FRA MIL"))
    _find(seed, {"RETREAT"}, "have been withdrawn at the aegis", actors=actors_include("FRA"))


def test_moscow_talks_april_3(seed):
    _find(seed, {"CONSULT"}, "visited Moscow for talks",
          participants=participants_include("Alliance of Sahel States"), time=time_is("2025-04"),
          place=place_is("Moscow"))
    _find(seed, {"CONSULT"}, "joint press conference",
          participants=participants_include("Alliance of Sahel States", "RUS GOV"))


def test_russian_pledge_of_military_help(seed):
    _find(seed, {"SUPPORT", "AID"}, "reaffirmed Moscow’s commitment",
          actors=actors_include("RUS"), modality=modality_is("planned"))


def test_ouagadougou_summit(seed):
    _find(seed, {"CONSULT"}, "held a summit meeting",
          participants=participants_include("Alliance of Sahel States"),
          time=time_is("2025-04-15/2025-04-16"), place=place_is("Ouagadougou"))


def test_goita_june_visit_planned(seed):
    (event, *_) = _find(seed, {"CONSULT"}, "will visit Moscow in June",
                        actors=actors_include("MLI GOV"), time=time_is("2025-06"),
                        modality=modality_is("planned"))
    assert event.mode == "visit"


def test_niger_asks_for_arms(seed):
    _find(seed, {"REQUEST"}, "looks to Russia for assistance",
          participants=participants_include("RUS"))


def test_kyiv_relations_severed(seed):
    _find(seed, {"SANCTION", "REJECT"}, "severing of diplomatic relations",
          participants=participants_include("Alliance of Sahel States"))


def test_chad_asks_french_troops_to_leave(seed):
    _find(seed, {"REQUEST"}, "asked for the withdrawal of French troops",
          actors=actors_include("TCD"))


def test_us_strikes_in_somalia(seed):
    _find(seed, {"ASSAULT"}, "bombing operations", actors=actors_include("USA MIL"),
          place=place_is("Somalia"))


def test_berbera_agreement_1962(seed):
    _find(seed, {"AGREE", "SUPPORT"}, "signed an agreement",
          actors=actors_include("SOM GOV"), participants=participants_include("RUS"),
          time=time_is("1962"))


# What a careful reader does not code.
@pytest.mark.parametrize("where", [
    "is based upon the strategic interests",  # analysis
    "There are fundamental differences",  # background
    "is central to any stabilization",  # opinion
    "Click the share button",  # boilerplate
])
def test_no_event_in_background_or_opinion(seed, where):
    assert not [v for v in seed.events if where in _evidence(seed, v)]


def test_every_event_has_evidence_and_a_confidence(seed):
    text = seed.doc.text
    assert seed.events
    for event in seed.events:
        start, end = event.evidence
        assert 0 <= start < end <= len(text)
        assert 0.0 <= event.confidence <= 1.0
