"""Hardening (issue 21, item 11): the pipeline as a spaCy user meets it. Docs travel between
processes and through DocBin with Sankore's findings; the events component alone says what it
lacks; a record's repr is a line, not the article."""

from __future__ import annotations

import warnings

from spacy.tokens import DocBin

from sankore.pipeline import get_pipeline, load_base_model

from .conftest import EXAMPLE


def test_findings_survive_docbin(nlp):
    doc = nlp(EXAMPLE.read_text())
    data = DocBin(store_user_data=True, docs=[doc]).to_bytes()
    (back,) = DocBin(store_user_data=True).from_bytes(data).get_docs(nlp.vocab)
    for name in ("times", "places", "actors", "quotes", "events", "framing", "voices"):
        assert list(getattr(back._, name)) == list(getattr(doc._, name)), name
    assert back._.events


def test_nlp_pipe_with_two_processes():
    """E871 before: TimeMention could not be serialized between processes."""
    nlp = get_pipeline(event_coder="lexical")
    text = EXAMPLE.read_text()
    alone = [len(d._.events) for d in nlp.pipe([text, text[:3000]])]
    assert [len(d._.events) for d in nlp.pipe([text, text[:3000]], n_process=2)] == alone


def test_sankore_events_alone_warns():
    nlp = load_base_model()
    nlp.add_pipe("sankore_events", config={"coder": "lexical"})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        doc = nlp("Chad asked French troops to leave the country on Thursday.")
    assert all(not e.actor_spans for e in doc._.events)
    assert any("sankore_actors" in str(w.message) for w in caught)


def test_a_record_repr_is_one_short_line(seed_record):
    text = repr(seed_record)
    assert len(text) < 200 and "\n" not in text and seed_record.doc.id in text
