"""Event participants, modality and evidence in the clause shapes the parser splits (issue 17,
DATA_CARD v11): reduced passive relatives, passives whose subject hangs on another clause,
object control, negative subjects, a power ("can be arrested") and a dateline before the
evidence. The sentences are written for these tests, after the news and IndiaPoliceEvents
styles, not taken from any gold set."""

from __future__ import annotations

import sankore


def _roles(record):
    ents = {e.id: e for e in record.entities}
    return [(e.type, e.modality, [ents[a].text for a in e.actors], [ents[t].text for t in e.targets])
            for e in record.events]


def test_a_reduced_passive_relative_is_an_act_with_its_agent(nlp):
    record = sankore.analyze("Six civilians killed by troops were buried on Monday.", nlp=nlp)
    assert ("ASSAULT", "asserted", ["troops"], ["civilians"]) in _roles(record)


def test_a_passive_whose_subject_the_parser_hung_elsewhere_names_its_target(nlp):
    text = ("around 15 vhp workers trying to enforce the bandh on bhattacharya road in patna were "
            "arrested at once.")
    record = sankore.analyze(text, published="2002-03-05", nlp=nlp)
    [arrest] = [r for r in _roles(record) if r[0] == "COERCE"]
    assert arrest[2:] == ([], ["workers"])


def test_the_object_of_a_control_verb_does_the_act(nlp):
    record = sankore.analyze("Russia forced the rebels to withdraw from the town.", nlp=nlp)
    [retreat] = [r for r in _roles(record) if r[0] == "RETREAT"]
    assert retreat[2] == ["rebels"]


def test_no_one_arrested_and_a_power_to_arrest_are_no_arrests_made(nlp):
    nobody = sankore.analyze("nobody was arrested as it was a peaceful march.", published="2002-03-05",
                             nlp=nlp)
    can = sankore.analyze("the members of such organisations can be arrested under the clauses of "
                          "preventive detention.", published="2002-03-05", nlp=nlp)
    assert [r[1] for r in _roles(nobody) if r[0] == "COERCE"] == ["negated"]
    assert [r[1] for r in _roles(can) if r[0] == "COERCE"] == ["hypothetical"]


def test_the_evidence_starts_after_the_dateline_whose_place_the_event_takes(nlp):
    text = "ahmedabad: in a long-drawn operation on saturday night, the police nabbed the prime accused."
    record = sankore.analyze(text, published="2002-03-18", nlp=nlp)
    [arrest] = [e for e in record.events if e.type == "COERCE"]
    assert text[arrest.evidence[0]:].startswith("in a long-drawn operation")
    places = {p.id: p.text for p in record.places}
    assert places[arrest.place] == "ahmedabad"
