"""The lemmas the event lexicon and the modality rules depend on: every verb they name,
inflected regularly, must lemmatize back to itself in the shipped pipeline (with the fixes
of resources/data/lemma_fixes.tsv). A lexicon entry whose verb the lemmatizer mangles
("staged" -> "stag") would otherwise never match."""

from __future__ import annotations

import re
from functools import lru_cache

import pytest

from sankore.events.code import LIGHT_VERBS
from sankore.events.lexicon import entries
from sankore.events.modality import SPEECH

CARRIERS = {"VBD": "Officials {} the plan on Monday.", "VBZ": "The minister {} the plan.",
            "VBG": "Officials are {} the plan."}


def _regular(verb: str) -> dict[str, str]:
    """Regular English inflections (enough to catch the rule lemmatizer's slips; irregular
    forms are in lemma_fixes.tsv by hand)."""
    if verb.endswith("e"):
        return {"VBD": verb + "d", "VBZ": verb + "s", "VBG": verb[:-1] + "ing"}
    if re.search(r"[^aeiou]y$", verb):
        return {"VBD": verb[:-1] + "ied", "VBZ": verb[:-1] + "ies", "VBG": verb + "ing"}
    if re.search(r"(s|sh|ch|x|z)$", verb):
        return {"VBD": verb + "ed", "VBZ": verb + "es", "VBG": verb + "ing"}
    return {"VBD": verb + "ed", "VBZ": verb + "s", "VBG": verb + "ing"}


@lru_cache(maxsize=1)
def _nlp():
    from sankore.pipeline import load_base_model

    return load_base_model()


# Verbs whose regular forms are not their English forms (doubled consonants, irregular pasts)
# are skipped: the rule would write "banned" as "baned", "flew" as "flied".
IRREGULAR_PAST = {"fly", "go", "make", "hold", "take", "give", "begin", "lead", "pay", "say", "tell",
                  "write", "swear", "forgive", "strike", "shoot", "seek", "meet", "leave", "send"}
VERBS = sorted(v for v in {h for (pos, h) in entries() if pos == "V"} | LIGHT_VERBS | SPEECH
               if " " not in v and not re.search(r"[^aeiou][aeiou][bdgklmnprt]$", v))


@pytest.mark.parametrize("tag", ["VBD", "VBZ", "VBG"])
def test_lexicon_verbs_lemmatize_back(tag):
    verbs = [v for v in VERBS if not (tag == "VBD" and v in IRREGULAR_PAST)]
    forms = [_regular(v)[tag] for v in verbs]
    wrong = []
    for verb, form, doc in zip(verbs, forms, _nlp().pipe(CARRIERS[tag].format(f) for f in forms),
                               strict=True):
        token = next((t for t in doc if t.lower_ == form), None)
        if token is not None and token.pos_ == "VERB" and token.lemma_.lower() != verb:
            wrong.append((form, token.lemma_))
    assert not wrong, wrong


def test_the_fixes_apply():
    doc = _nlp()("Students staged demonstrations while rebels waged war and police cordoned off the square.")
    assert {t.lower_: t.lemma_ for t in doc}["staged"] == "stage"
    assert {t.lower_: t.lemma_ for t in doc}["waged"] == "wage"
    assert {t.lower_: t.lemma_ for t in doc}["cordoned"] == "cordon"
