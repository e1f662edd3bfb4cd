"""Event dates and modality on news sentences: the clause's own time (noun-phrase dates,
occasion clauses, header lines, durations), the story's day carried to its later sentences,
and events that stay in the writer's voice inside reported speech."""

from __future__ import annotations

from datetime import date

import pytest

from sankore.api import analyze
from sankore.events.dating import event_time, story_time
from sankore.events.modality import modality, statement_modality
from sankore.pipeline import build_pipeline
from sankore.timex.governance import governing_time

PUBLISHED = date(2002, 3, 12)  # a Tuesday


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(components=("sankore_times",))


def parse(nlp, text: str, published: date | None = PUBLISHED):
    doc = nlp.make_doc(text)
    doc._.published = published
    doc._.boilerplate = []
    return nlp(doc)


def token(doc, word: str, nth: int = 0):
    return [t for t in doc if t.text == word][nth]


def test_a_date_inside_a_noun_phrase_does_not_date_the_clause(nlp):
    doc = parse(nlp, "The government banned the March 15 programme of the movement.")
    assert governing_time(doc, token(doc, "banned")) is None
    programme = token(doc, "programme")
    assert governing_time(doc, programme, programme).text == "March 15"


def test_a_duration_dates_nothing(nlp):
    doc = parse(nlp, "A 72-year old man was stabbed in the town.")
    assert governing_time(doc, token(doc, "stabbed")) is None


def test_a_participle_on_the_noun_dates_the_noun(nlp):
    doc = parse(nlp, "Iran had stuck to the terms of the deal reached in 2015 with the US.")
    deal = token(doc, "deal")
    assert governing_time(doc, deal, deal).value == "2015"


def test_a_clause_of_the_same_occasion_dates_the_main_one(nlp):
    doc = parse(nlp, "When he returned to the region last year, he was arrested on a beach.")
    assert governing_time(doc, token(doc, "arrested")).value == "2001"


def test_a_header_line_dates_no_event(nlp):
    doc = parse(nlp, "This story is from March 11, 2002\nahmedabad: police arrested five men.")
    assert governing_time(doc, token(doc, "arrested")) is None


STORY = ("new delhi: home minister l k advani on monday rejected an opposition demand for an "
         "inquiry into the riots.\nangry opposition members staged a walkout.\nthe opposition "
         "will stage a protest in the capital.\nthe minister had met the governor in january.\n"
         "advani met the leaders of the party, who have opposed the probe.")


def test_the_story_day_dates_the_news_told_after_the_lead(nlp):
    doc = parse(nlp, STORY)
    assert story_time(doc).text == "monday" and story_time(doc).value == "2002-03-11"
    staged = token(doc, "staged")
    assert event_time(doc, staged, staged, "asserted").text == "monday"


@pytest.mark.parametrize("word, modality_", [
    ("stage", "planned"),  # a planned event with no date of its own takes none
    ("met", "asserted"),  # the past perfect is background ("had met"), and it has its own date
    ("opposed", "asserted"),  # a relative clause describes, it is not the day's news
])
def test_background_and_plans_take_no_story_day(nlp, word, modality_):
    doc = parse(nlp, STORY)
    tok = token(doc, word)
    found = event_time(doc, tok, tok, modality_)
    assert found is None or found.text != "monday"


def test_a_header_date_is_not_the_story_day(nlp):
    doc = parse(nlp, "This story is from March 11, 2002\nahmedabad: a mob torched three shops."
                     "\npolice arrested ten people.")
    assert story_time(doc) is None


def test_the_record_points_at_the_words_of_the_story_day():
    record = analyze("NEW DELHI: Police on Monday arrested 40 people after a mob torched "
                     "shops in the old city.\nThe police also fired tear gas at the crowd.",
                     published="2002-03-12")
    times = {t.id: t for t in record.times}
    dated = [times[e.time] for e in record.events if e.time]
    assert dated and all(t.text == "Monday" and t.value == "2002-03-11" for t in dated)


@pytest.mark.parametrize("text, word", [
    ("Condemning the violence, the prime minister said one crime cannot justify another.",
     "Condemning"),
    ('"I request you to be vigilant against all threats," the minister said.', "request"),
    ("The minister said the attack on parliament was a challenge to the nation.", "attack"),
])
def test_events_in_the_writers_voice_inside_reported_speech(nlp, text, word):
    doc = parse(nlp, text)
    tok = token(doc, word)
    assert modality(tok, tok)[0] == "asserted"


def test_a_reported_claim_stays_reported(nlp):
    doc = parse(nlp, "Police said the rebels attacked the convoy near the border.")
    tok = token(doc, "attacked")
    assert modality(tok, tok)[0] == "reported"


def test_a_day_parsed_onto_a_name_still_dates_the_clause(nlp):
    # The parser hangs "Sunday" on "Trump" as a compound: a name is no noun phrase to date.
    doc = parse(nlp, "On Sunday Trump caused further confusion by declaring plans for a zone.")
    assert governing_time(doc, token(doc, "declaring")).text == "Sunday"


def test_a_relative_clause_and_an_act_before_the_clause_keep_their_own_time(nlp):
    doc = parse(nlp, "The men who were arrested in Delhi were freed on Monday.")
    assert governing_time(doc, token(doc, "arrested")) is None
    assert governing_time(doc, token(doc, "freed")).text == "Monday"
    # A relative clause on a day is of that day.
    doc = parse(nlp, "They were angered by the centre on January 27, when they had last met Vajpayee.")
    assert governing_time(doc, token(doc, "met")).text == "January 27"
    doc = parse(nlp, "Violence flared in the city on Monday for the first time since the riots.")
    riots = token(doc, "riots")
    assert governing_time(doc, riots, riots) is None
    assert governing_time(doc, token(doc, "flared")).text == "Monday"


def test_a_trigger_modifying_its_noun_takes_the_noun_phrase_date(nlp):
    doc = parse(nlp, "however, the vhp's protest rally scheduled for sunday will be held.")
    protest = token(doc, "protest")
    assert governing_time(doc, protest, protest).text == "sunday"


@pytest.mark.parametrize("text, word, expected", [
    # Hedges on the verb a noun event hangs from.
    ("The US is reportedly in negotiations with Baghdad over the bases.", "negotiations", "reported"),
    # A noun subject of a reported clause is the source's claim.
    ("A series of airstrikes killed 120 fighters, the defence ministry said on Saturday.",
     "airstrikes", "reported"),
    ("Sporadic incidents of violence have been reported from the tribal areas.", "incidents",
     "reported"),
    # The purpose of a future act is planned with it.
    ("He will appear at the magistrates court on Friday to be formally charged.", "charged",
     "planned"),
    # Guesses and appearances are hypothetical (guidelines §9), as is a condition on a copula.
    ("The monitor said the strikes had probably been carried out by the air force.", "carried",
     "hypothetical"),
    ("The gunmen seemed to be firing at anyone in the street.", "firing", "hypothetical"),
    ("The minister expected the rebels to be defeated by October.", "defeated", "hypothetical"),
    ("Prices could rise if there is a war between the two countries.", "war", "hypothetical"),
    # A predicate saying when an act its subject names happens: the plan's "is to", "is due
    # to", a future copula; a copula's own complement is no plan, nor is a consequence.
    ("Two summits on Syria are to be staged this week.", "summits", "planned"),
    ("A sixth round of talks is due to resume in Geneva on Tuesday.", "talks", "planned"),
    ("Sochi will be the sixth meeting between the two leaders this year.", "meeting", "planned"),
    ("The president is to visit Ankara next month.", "visit", "planned"),
    ("It is our duty to help people in distress.", "help", "asserted"),
    ("The attack is likely to anger Moscow.", "attack", "asserted"),
    # What has stopped is not done now.
    ("Turkish officials no longer demand that Assad be ousted.", "demand", "negated"),
    ("Britain was not involved in the chemical weapons attack.", "attack", "negated"),
    # An act noun's own adjective plans it or makes it a possibility.
    ("Trump's planned withdrawal of troops angered the Kurds.", "withdrawal", "planned"),
    ("Turkey warned of a possible offensive in Manbij.", "offensive", "hypothetical"),
    # An act averted did not happen.
    ("To avert a military clash, the administration told the Kurds to leave.", "clash", "negated"),
    # A participle describing a subject keeps its own tense, not the clause's modal.
    ("His party, accused of corruption, may lose its majority.", "accused", "asserted"),
    # What may befall or is feared is a possibility; "not … until" happened, later.
    ("The withdrawal would leave the SDF vulnerable to Turkish attack.", "attack", "hypothetical"),
    ("The Kurds fear an attack by Turkey.", "attack", "hypothetical"),
    ("Troops were not sent until the following year.", "sent", "asserted"),
    # A kind of act, judged, as a gerund subject; not a participle clause set off by a comma.
    ("Boycotting investment conferences is nowhere near enough.", "Boycotting", "hypothetical"),
    # A participle describing a plan, or one that adjoins a future clause, tells its own act.
    ("The UN will send its envoy, a decision hailed by the Russian foreign ministry.", "hailed", "asserted"),
    ("Kurdish leaders said they would not attend the talks, blaming Turkey.", "blaming", "reported"),
    # A command is called for, not done.
    ("Kill them.", "Kill", "hypothetical"),
    # An act judged in general is none done.
    ("Russia has found that it is easier to bomb a country than bring peace.", "bomb", "hypothetical"),
    # A hedging adjective on an act noun attributes it, as "allegedly" does.
    ("Experts went to Syria to investigate an alleged gas attack on Douma.", "attack", "reported"),
])
def test_modality_of_nouns_and_purposes(nlp, text, word, expected):
    doc = parse(nlp, text)
    tok = token(doc, word)
    assert modality(tok, tok)[0] == expected


@pytest.mark.parametrize("text, word, expected", [
    # The accusation in the speech is the speaker's own statement: asserted.
    ("Kurdish officials said the international community is shirking its responsibilities.",
     "shirking", "asserted"),
    # An accusing verb with its own subject reports a third party's accusation.
    ("Police said the villagers accused the guards of theft.", "accused", "reported"),
])
def test_an_accusation_inside_speech_is_the_speakers_statement(nlp, text, word, expected):
    doc = parse(nlp, text)
    tok = token(doc, word)
    assert statement_modality(modality(tok, tok)[0], "ACCUSE", tok) == expected
    assert statement_modality("reported", "ASSAULT", tok) == "reported"


@pytest.mark.parametrize("text, published, expected", [
    # The clause's own day after publication: still to happen.
    ("The foreign ministers of the two countries meet in Sochi on 22 November.", "2017-11-20", "planned"),
    ("The foreign ministers of the two countries met in Sochi on 12 November.", "2017-11-20", "asserted"),
    # The end of a state is not when the act happened.
    ("The court granted him bail until his first hearing on 1 March.", "2018-02-20", "asserted"),
])
def test_an_event_dated_after_publication_is_planned(text, published, expected):
    record = analyze(text, published=published)
    assert [e.modality for e in record.events if e.type in ("CONSULT", "AID")] == [expected]


def test_a_round_of_talks_due_to_be_held_somewhere_is_a_planned_meeting():
    # A meeting named by a noun with no participant is coded with its own place, reached
    # through "a round of" and "are due to be held".
    text = "A new round of talks on a ceasefire are due to be held in Astana on 14-15 September."
    record = analyze(text, published="2017-08-31")
    assert [(e.type, e.modality) for e in record.events] == [("CONSULT", "planned")]
    assert analyze("The talks are due to resume.", published="2017-08-31").events == []
