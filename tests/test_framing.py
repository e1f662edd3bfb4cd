"""Framing spans (hedges, distancing, loaded labels, intensifiers, scare quotes) and their
lexicons (issue 5)."""

from __future__ import annotations

from importlib.resources import files

import pytest

from sankore.attribution import lexicon


@pytest.fixture(scope="session")
def fnlp():
    from sankore.pipeline import build_pipeline

    return build_pipeline(components=("sankore_actors", "sankore_quotes", "sankore_framing"))


def _framing(nlp, text):
    return [(f.text, f.kind) for f in nlp(text)._.framing]


def test_lexicons_state_source_and_licence():
    for name in lexicon.FRAMING_FILES + ("speech_verbs.tsv",):
        text = (files("sankore") / "resources" / "data" / name).read_text("utf-8")
        header = "\n".join(line for line in text.splitlines() if line.startswith("#"))
        assert "licence MIT" in header and "Extend" in header, name


def test_hedges_distancing_loaded_intensifiers(fnlp):
    found = _framing(fnlp, "The so-called reforms were purportedly meant to help, but the regime "
                           "reportedly used them in an unprecedented crackdown.")
    assert ("so-called", "distancing") in found
    assert ("purportedly", "distancing") in found
    assert ("regime", "loaded") in found
    assert ("reportedly", "hedge") in found
    assert ("unprecedented", "intensifier") in found


def test_scare_quote_but_not_title_or_speech(fnlp):
    found = _framing(fnlp, "Congo offered access in exchange for “security guarantees” from Washington. "
                           "She appeared on “Meet The Press” on Sunday. "
                           "“We will never accept this deal,” the minister said.")
    assert ("“security guarantees”", "scare_quote") in found
    assert not any("Meet" in text for text, _ in found)
    assert not any("never" in text for text, _ in found)


def test_words_inside_a_direct_quote_are_not_the_authors(fnlp):
    found = _framing(fnlp, "“The regime is clearly finished,” the opposition leader Juan Perez said.")
    assert found == []


def test_extra_lexicon_file_extends(tmp_path):
    from sankore.pipeline import build_pipeline

    extra = tmp_path / "mine.tsv"
    extra.write_text("# my words; licence MIT\nterm\tkind\nwarlord\tloaded\n", "utf-8")
    nlp = build_pipeline(components=())
    nlp.add_pipe("sankore_framing", config={"extra_lexicons": [str(extra)]})
    assert ("warlord", "loaded") in _framing(nlp, "The warlord fled.")


def test_seed_framing(seed_framing):
    kinds = {(f.text.lower(), f.kind) for f in seed_framing.framing}
    assert ("purportedly", "distancing") in kinds
    assert ("ostensibly", "distancing") in kinds
    assert ("imperialist", "loaded") in kinds
    assert ("“security guarantees”", "scare_quote") in kinds
    assert seed_framing.stats.framing["loaded"] >= 5


@pytest.fixture(scope="session")
def seed_framing(fnlp):
    import sankore

    from .conftest import EXAMPLE

    return sankore.analyze(EXAMPLE, nlp=fnlp)
