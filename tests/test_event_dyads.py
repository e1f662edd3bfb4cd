"""One event record per dyad (issue 17): coordinated actors or targets of one event become one
record each; a list inside one participant's phrase, or one participant named twice, does not
split; two events of one type with other participants in one sentence both stay. The
sentences are written for these tests, not taken from the gold set."""

from __future__ import annotations

import sankore
from sankore.events.filters import merge_duplicates
from sankore.mentions import EventMention


def _dyads(record, type_):
    ents = {e.id: e for e in record.entities}
    return sorted((tuple(str(ents[a].code) for a in e.actors), tuple(str(ents[t].code) for t in e.targets))
                  for e in record.events if e.type == type_)


def test_coordinated_actors_each_get_a_record(nlp):
    record = sankore.analyze("Russia and Iran condemned the Israeli air strikes on Damascus on Monday.",
                             published="2019-01-10", nlp=nlp)
    assert _dyads(record, "ACCUSE") == [(("IRN",), ("ISR MIL",)), (("RUS",), ("ISR MIL",))]


def test_coordinated_agents_of_a_passive_each_get_a_record(nlp):
    record = sankore.analyze("The peace plan was rejected on Tuesday by Egypt and Jordan.",
                             published="2019-01-10", nlp=nlp)
    assert [actors for actors, _ in _dyads(record, "REJECT")] == [("EGY",), ("JOR",)]


def test_coordinated_targets_each_get_a_record(nlp):
    record = sankore.analyze("Islamic State fighters attacked Iraqi soldiers and Kurdish villagers near "
                             "Mosul on Sunday.", published="2019-01-10", nlp=nlp)
    ents = {e.id: e for e in record.entities}
    targets = [{ents[t].text for t in e.targets} for e in record.events if e.type == "ASSAULT"]
    assert len(targets) == 2 and not targets[0] & targets[1]  # soldiers apart from villagers


def test_a_phrase_after_the_last_conjunct_belongs_to_every_conjunct(nlp):
    # The parser hangs "of Isis members" on "wives", the first conjunct; it qualifies both, so
    # the targets are one group and the five countries give five records.
    record = sankore.analyze("Russia, Kazakhstan, Indonesia, Sudan and the United States have taken back "
                             "some wives and children of Isis members from Syria.", published="2019-01-10",
                             nlp=nlp)
    assert [actors for actors, _ in _dyads(record, "COOPERATE")] == [
        ("IDN",), ("KAZ",), ("RUS",), ("SDN",), ("USA",)]


def test_a_list_inside_one_participant_does_not_split(nlp):
    record = sankore.analyze("The president met a delegation of farmers and traders from Kenya in "
                             "Nairobi on Thursday.", published="2019-01-10", nlp=nlp)
    assert len([e for e in record.events if e.type == "CONSULT"]) == 1


def test_one_participant_named_twice_does_not_split(nlp):
    record = sankore.analyze("Russian Foreign Minister Sergei Lavrov, a veteran diplomat, met Mali's "
                             "foreign minister in Moscow on Thursday.", published="2019-01-10", nlp=nlp)
    assert len([e for e in record.events if e.type == "CONSULT"]) == 1


def _event(type_: str, actors=(), targets=(), trigger=(0, 1)) -> EventMention:
    return EventMention(type=type_, evidence=(0, 50), confidence=0.5, trigger=trigger,
                        actor_spans=tuple(actors), target_spans=tuple(targets))


def test_merge_keeps_events_of_one_type_with_other_participants():
    bombed = _event("ASSAULT", [(0, 6)], [(14, 19)], (7, 13))
    shelled = _event("ASSAULT", [(24, 30)], [(39, 44)], (31, 38))
    assert merge_duplicates([(bombed, None), (shelled, None)]) == [(bombed, None), (shelled, None)]


def test_merge_drops_an_event_whose_participants_another_holds():
    # "held a summit meeting to discuss …": one consultation, named by its fullest trigger
    held = _event("CONSULT", [(0, 6)], [(20, 27)], (7, 11))
    summit = _event("CONSULT", [], [(20, 27)], (14, 20))
    other_modality = EventMention(type="CONSULT", evidence=(0, 50), confidence=0.5, trigger=(30, 35),
                                  actor_spans=((0, 6),), modality="planned")
    assert merge_duplicates([(summit, None), (held, None), (other_modality, None)]) == [
        (held, None), (other_modality, None)]
