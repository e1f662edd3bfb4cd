"""The second trigger lexicon: PETRARCH's CAMEO verb dictionary, coded in PLOVER."""

from __future__ import annotations

import pytest

from .conftest import ROOT, shared

TABLE = {"03": ("AGREE", "-"), "0331": ("AGREE", "-"), "04": ("CONSULT", "-"), "042": ("CONSULT", "visit"),
         "17": ("COERCE", "-"), "1712": ("ASSAULT", "seize")}


def test_codes_map_to_the_most_specific_plover_line():
    from sankore.events.build_cameo_verbs import plover

    assert plover("0331", TABLE) == ("AGREE", "-", "03")
    assert plover("0336", TABLE) == ("AGREE", "-", "03")  # no 4-digit line: its root's
    assert plover("042:043", TABLE) == ("CONSULT", "visit", "04")  # the actor's side of a pair
    assert plover("1712", TABLE) == ("ASSAULT", "seize", "17")
    assert plover("---", TABLE) is None and plover("010", TABLE) is None and plover(":173", TABLE) is None


def test_the_dictionary_format_is_parsed():
    from sankore.events.build_cameo_verbs import parse, pattern_words

    lines = ["&CURRENCY", "+MONEY", "+DOLLAR", "+CASH_", "--- OFFER [030] ---", "OFFER", "PROFFER",
             "COME {COMING COMES CAME } [---]", "+GEAR_UP", "- * &CURRENCY [0331]", "- * (TO BORDER) [154]",
             "- &MILITARY * EXERCISES [062:062]", "- *SCEPTICAL [012]", "RIP {RIPS};shan 7/11/93",
             "+SHOT_AND {} [193]# pas 15.04.29", "~ a (_ b ASSASSINATE) ATTEMPT = a b 185"]
    sets, groups = parse(lines)
    assert sets == {"CURRENCY": ["MONEY", "DOLLAR", "CASH_"]}
    [group] = groups
    assert group["code"] == "030"
    assert group["verbs"] == [(["offer"], None), (["proffer"], None), (["come"], "---"),
                              (["gear", "up"], None), (["rip"], None), (["shot", "and"], "193")]
    words = [pattern_words(tokens) for tokens, _ in group["patterns"]]
    # A pattern on the words before the verb (its subject) is not expressible: None.
    assert words == [["&currency"], ["to", "border"], None, ["sceptical"]]


def test_the_shipped_lexicon_is_what_the_build_makes():
    from sankore.events.build_cameo_verbs import OUT, build

    vendor = ROOT / "vendor" / "petrarch2"
    lines = build(vendor / "CAMEO.2.0.normalized.txt", shared("events", "plover", "CAMEO2PLOVER-2021.txt"))
    assert OUT.read_text("utf-8") == "\n".join(lines) + "\n"
    assert (vendor / "README.md").read_text("utf-8").count("MIT License") == 1


@pytest.fixture(scope="module")
def parser():
    from sankore.pipeline import load_base_model

    return load_base_model()


@pytest.mark.parametrize("text, type_", [
    ("Russia annexed Crimea in March 2014.", "COERCE"),
    ("Turkish warplanes bombarded Kurdish villages.", "ASSAULT"),
])
def test_the_second_lexicon_codes_what_the_first_does_not_know(parser, text, type_):
    from sankore.events.lexicon import sentence_matches

    sent = parser(text)[:]
    assert sentence_matches(sent) == []
    [match] = sentence_matches(sent, second=True)
    assert type_ in match.types and all(e.weight < 0.6 for e in match.types.values())


def test_the_second_lexicon_waits_for_the_first_and_says_where_cameo_codes_nothing(parser):
    from sankore.events.lexicon import sentence_matches

    # "shell" is the first lexicon's: the second adds nothing to a sentence it coded.
    sent = parser("The army shelled rebel positions near Goma.")[:]
    assert sentence_matches(sent, second=True) == sentence_matches(sent)
    # CAMEO codes "abandon" + "plan" as no event ([---]), though "abandon" alone codes.
    assert sentence_matches(parser("The president abandoned the plan.")[:], second=True) == []


def test_news_coding_does_not_read_the_second_lexicon():
    from sankore.events.code import Settings, gsr_settings

    assert gsr_settings().second_lexicon and not Settings().second_lexicon
