"""The events stage's outside sources: the CAMEO verb lexicon (PETRARCH) and the codebook sentences."""

from __future__ import annotations

import pytest

from .conftest import ROOT, shared

TABLE = {"03": ("AGREE", "-"), "0331": ("AGREE", "-"), "04": ("CONSULT", "-"), "042": ("CONSULT", "visit"),
         "17": ("COERCE", "-"), "1712": ("ASSAULT", "seize")}


def test_codes_map_to_the_most_specific_plover_line():
    from training.events.build_cameo_verbs import plover

    assert plover("0331", TABLE) == ("AGREE", "-", "03")
    assert plover("0336", TABLE) == ("AGREE", "-", "03")  # no 4-digit line: its root's
    assert plover("042:043", TABLE) == ("CONSULT", "visit", "04")  # the actor's side of a pair
    assert plover("1712", TABLE) == ("ASSAULT", "seize", "17")
    assert plover("---", TABLE) is None and plover("010", TABLE) is None and plover(":173", TABLE) is None


def test_the_dictionary_format_is_parsed():
    from training.events.build_cameo_verbs import parse, pattern_words

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
    from training.events.build_cameo_verbs import OUT, build

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


def test_codebook_sentences_are_labelled_from_the_table_and_never_copy_the_gsr(tmp_path):
    import json

    from training.events.codebook import build

    table = tmp_path / "table.txt"
    table.write_text("03: AGREE\n0311: AGREE,  ,   economic # intent\n"
                     "1231: REJECT, change, executive # x\n")
    pledge = "Japan pledged to expand trade and investment ties with Vietnam, officials said."
    rows = [("0311", pledge), ("0311", pledge.replace(" ", "  ", 1)),
            ("1231", "The ruling party rejected opposition calls for the prime minister to step down."),
            ("1231", "Rebels said the government refused to allow food convoys into the besieged city."),
            ("010", "The minister made a statement on the economy to parliament on Tuesday morning.")]
    raw = tmp_path / "raw.jsonl"
    raw.write_text("\n".join(json.dumps({"cameo": c, "text": t}) for c, t in rows))
    gsr = ["Officials said the government refused to allow food convoys into the besieged city today."]
    out, counts = build([raw], table, gsr)
    assert [(r["cameo"], r["type"], r["mode"]) for r in out] == [("0311", "AGREE", "-"),
                                                                 ("1231", "REJECT", "change")]
    assert counts == {"read": 5, "no_plover_type": 1, "duplicate": 1, "overlaps_gsr": 1, "kept": 2}


def test_the_shipped_codebook_sentences_share_no_eight_words_with_any_gsr_record():
    from training.events.codebook import _ngrams, read_codebook

    from sankore.eval.events_gold import read_gsr
    from sankore.events.lexicon import PLOVER_TYPES

    book = read_codebook()
    assert len(book) >= 5000 and {t for _, t in book} == set(PLOVER_TYPES)
    gsr = set().union(*(_ngrams(r.text) for r in read_gsr(shared("events"))))
    assert not any(_ngrams(text) & gsr for text, _ in book)


def test_a_gsr_record_nothing_codes_gets_the_classifiers_guess_only_when_asked():
    from sankore.eval.events_gold import GoldEvent
    from sankore.eval.events_score import code_gsr
    from sankore.events import classifier
    from sankore.pipeline import build_pipeline

    nlp = build_pipeline(components=("sankore_times", "sankore_places", "sankore_actors"))
    record = GoldEvent("x", "Foreign ministers from the region in Geneva on the question of refugees.",
                       "CONSULT", None, (), ())
    assert code_gsr(nlp, [record], classifier.packaged()) == [None]
    [guessed] = code_gsr(nlp, [record], classifier.packaged(), guess=True)
    assert guessed.raw is None and 0 < guessed.confidence <= 1 and not guessed.actor_codes
