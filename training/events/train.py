"""Retrain the event classifier, trigger ranker and calibration: `python -m training.events.train`.

Training material: the SYNTHETIC stories' headlines and first sentences (LLM-written,
labelled by their prompt's PLOVER type; see DATA_CARD.md), the SYNTHETIC codebook sentences
(`codebook.py`, written per CAMEO code) and the GSR records outside the held split
(`gold.held`), weighted up because they are edited real sentences. The held GSR
records are never read here.

Three models, fitted in turn, each on the out-of-fold output of the one before:
1. the sentence classifier, P(type | sentence), on every unit;
2. the trigger ranker (`code.option_features`), P(candidate type is right | trigger,
   lexicon entry, P), on the candidates that five fold classifiers' coder finds in the
   codebook sentences (folded by CAMEO code) and the GSR records (folded by position);
3. the calibration, a logistic regression from the coder's raw scores (the ranker's among
   them) to "the coded type is right", on the GSR records coded by the fold classifiers
   with rankers trained on the other folds.
Two variants, each all three models: "embeddings", whose classifier also reads each unit's
MiniLM sentence embedding (`embed.py`), written to `resources/data/events_model.json.gz`,
and "lexical", without, written to `events_model_lexical.json.gz` (`--coder` picks one;
both by default). Prints each one's figures.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from sankore.events.classifier import CALIBRATION_FEATURES, CODERS, Classifier, model_path, save

from ..paths import SHARED_EVENTS

GSR_WEIGHT = 4.0
CODEBOOK_WEIGHT = 4.0
FOLDS = 5
# The trigger ranker (`fit_ranker`): its regularization and a GSR record's weight against a
# codebook sentence's, chosen with `benchmarks/events_ranker_cv.py` (DATA_CARD v6). The NGEC
# stories give it no candidates: their labels follow NGEC's conventions, and the ranker
# trained on them did worse on both other sets.
RANKER_C = 1.0
RANKER_GSR_WEIGHT = 4.0
CAL_FEATURES = list(CALIBRATION_FEATURES)  # the fields of EventScores the calibration reads
# The classifier's regularization without and with embeddings, and the embedding's scale
# beside the l2-normed tf-idf vector: chosen on the codebook, GSR and story folds (C 8 with
# scales 0.25-2, then C 4 at the best scale; DATA_CARD v7).
LEXICAL_C = 8.0
EMBEDDING_C = 4.0
EMBEDDING_SCALE = 0.5


def _parse(nlp, texts: list[str]):
    from sankore.events.lexicon import sentence_matches
    out = []
    for doc in nlp.pipe(texts, batch_size=64):
        sent = doc[:]  # one unit = one sentence or headline
        out.append((doc, sent, sentence_matches(sent)))
    return out


def training_setup(events: Path):
    """(parser-only model, coder pipeline, training GSR records): what training and the
    cross-validation benchmarks start from. The held records are never returned."""
    from sankore.eval.events_gold import held, split_gsr
    from sankore.pipeline import build_pipeline, load_base_model

    nlp = load_base_model()
    coder_nlp = build_pipeline(components=("sankore_times", "sankore_places", "sankore_actors"))
    train_gsr, _ = split_gsr(events)
    assert not any(held(r.id) for r in train_gsr)
    return nlp, coder_nlp, train_gsr


def synthetic_units(events: Path, codebook_weight: float | None = None
                    ) -> tuple[list[tuple[str, str]], list[float]]:
    """The SYNTHETIC training units and their weights: the NGEC stories' headlines and first
    sentences (1.0), then the codebook sentences (`codebook.py`, CODEBOOK_WEIGHT)."""
    from .codebook import read_codebook
    from .gold import read_synthetic

    weight = CODEBOOK_WEIGHT if codebook_weight is None else codebook_weight
    stories = read_synthetic(events)
    book = read_codebook() if weight > 0 else []
    return stories + book, [1.0] * len(stories) + [weight] * len(book)


def ranker_candidates(events: list, gold: str) -> list[tuple[dict[str, float], bool]]:
    """The ranker's training rows from one unit's coded events: each candidate type of each
    trigger (`EventScores.options`), right when it is the unit's gold type once the event's
    modality projects it (`categories.plover_type`)."""
    from sankore.events.categories import plover_type

    return [(feats, plover_type(type_, event.modality) == gold)
            for event, scores in events for type_, feats in scores.options.items()]


def fit_ranker(units: list[list[tuple[dict[str, float], bool]]], weights: list[float], c: float = RANKER_C
               ) -> dict:
    """A logistic regression over the candidates of many units (`ranker_candidates`), each
    candidate weighted as its unit; stored as `Classifier.ranker`."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows = [(f, y, w) for cands, w in zip(units, weights, strict=True) for f, y in cands]
    vec = DictVectorizer()
    x = vec.fit_transform([f for f, _, _ in rows])
    y = [int(lab) for _, lab, _ in rows]
    lr = LogisticRegression(C=c, max_iter=3000).fit(x, y, sample_weight=[w for _, _, w in rows])
    names = vec.get_feature_names_out()
    keep = [i for i in range(len(names)) if abs(lr.coef_[0, i]) >= 1e-3]
    return {"vocab": {str(names[i]): j for j, i in enumerate(keep)},
            "coef": [round(float(lr.coef_[0, i]), 4) for i in keep],
            "intercept": round(float(lr.intercept_[0]), 4)}


def _fit(feats: list[list[str]], labels: list[str], weights: list[float], vectors=None) -> Classifier:
    """The classifier on tf-idf features, and, given `vectors` (one embedding per unit),
    on EMBEDDING_SCALE x the embedding beside them (`Classifier.dense`)."""
    import scipy.sparse as sp
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    from sankore.events.embed import MODEL_NAME

    vec = TfidfVectorizer(analyzer=lambda x: x, sublinear_tf=True, min_df=2)
    x = vec.fit_transform(feats)
    n_sparse = x.shape[1]
    if vectors is not None:
        x = sp.hstack([x, sp.csr_matrix(vectors * EMBEDDING_SCALE)]).tocsr()
    lr = LogisticRegression(C=LEXICAL_C if vectors is None else EMBEDDING_C, max_iter=3000)
    lr.fit(x, labels, sample_weight=weights)
    keep = [i for i in range(n_sparse) if abs(lr.coef_[:, i]).max() >= 0.02]
    names = vec.get_feature_names_out()
    dense = {} if vectors is None else {
        "model": MODEL_NAME, "scale": EMBEDDING_SCALE,
        "coef": [[round(float(v), 5) for v in row[n_sparse:]] for row in lr.coef_]}
    return Classifier(
        classes=[str(c) for c in lr.classes_],
        vocab={str(names[i]): j for j, i in enumerate(keep)},
        idf=[round(float(vec.idf_[i]), 4) for i in keep],
        coef=[[round(float(row[i]), 4) for i in keep] for row in lr.coef_],
        intercept=[round(float(b), 4) for b in lr.intercept_],
        calibration={}, dense=dense)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=Path, default=SHARED_EVENTS, help="shared/data/events folder")
    parser.add_argument("--coder", choices=[*CODERS, "both"], default="both",
                        help="which model to train (default both)")
    parser.add_argument("--out", type=Path, help="where to write it (one --coder only; default: the "
                        "packaged model's path)")
    args = parser.parse_args(argv)
    coders = list(CODERS) if args.coder == "both" else [args.coder]
    if args.out is not None and len(coders) > 1:
        parser.error("--out needs one --coder")

    from sankore.eval.events_gold import GoldEvent, text_key
    from sankore.eval.events_score import parse_gsr
    from sankore.events.classifier import features

    from .codebook import read_codebook
    from .gold import read_synthetic

    nlp, coder_nlp, train_gsr = training_setup(args.events)
    stories = read_synthetic(args.events)
    cameo: list[str] = []
    book = read_codebook(codes=cameo)
    # Units: the stories (classifier only), then the codebook sentences and the training GSR
    # records, which also give the ranker its candidates.
    ranked = [GoldEvent(f"codebook-{i}", t, lab, None, (), ()) for i, (t, lab) in enumerate(book)] + train_gsr
    texts = [t for t, _ in stories] + [r.text for r in ranked]
    labels = [lab for _, lab in stories] + [r.type for r in ranked]
    weights = [1.0] * len(stories) + [CODEBOOK_WEIGHT] * len(book) + [GSR_WEIGHT] * len(train_gsr)
    feats = [features(s, m) for _, s, m in _parse(nlp, texts)]
    docs = parse_gsr(coder_nlp, ranked)
    # Out-of-fold: codebook sentences by CAMEO code (no sibling of a sentence in its
    # classifier's training), GSR records by position, as the two CV benchmarks fold them.
    codes = sorted(set(cameo))
    fold = [codes.index(c) % FOLDS for c in cameo] + [i % FOLDS for i in range(len(train_gsr))]
    for coder in coders:
        vectors = None
        if coder == "embeddings":
            from .embed import embed
            # Every unit, and every sentence the coder will score, embedded once in big batches.
            vectors = embed(texts)
            embed([s.text for doc in docs for s in doc.sents])
        out = args.out or model_path(coder)
        model, figures = fit_models(feats, labels, weights, vectors, fold, len(stories), len(book),
                                    ranked, docs)
        model.trained_texts = sorted({text_key(r.text) for r in train_gsr})
        save(model, out)
        print(json.dumps({"coder": coder, "out": str(out), "bytes": out.stat().st_size,
                          "synthetic_units": len(stories) + len(book), "gsr_train": len(train_gsr),
                          **figures}, indent=2), flush=True)


def fit_models(feats, labels, weights, vectors, fold, n_syn, n_book, ranked, docs) -> tuple[Classifier, dict]:
    """The classifier, ranker and calibration on prepared units (`main`): the stories first
    (classifier only), then the codebook sentences and training GSR records (`ranked`, with
    their parsed `docs` and `fold`s)."""
    from sklearn.linear_model import LogisticRegression

    from sankore.eval.events_score import code_docs

    def fit_without(k: int | None) -> Classifier:
        keep = [i for i in range(len(feats)) if i < n_syn or fold[i - n_syn] != k]
        return _fit([feats[i] for i in keep], [labels[i] for i in keep], [weights[i] for i in keep],
                    None if vectors is None else vectors[keep])

    # 1. Each fold's classifier codes its fold: the ranker's candidates, with out-of-fold P.
    models = [fit_without(k) for k in range(FOLDS)]
    cands: list = [None] * len(ranked)
    for k, model in enumerate(models):
        out = [i for i in range(len(ranked)) if fold[i] == k]
        scored: list = []
        code_docs([docs[i] for i in out], model, scored_out=scored)
        for i, events in zip(out, scored, strict=True):
            cands[i] = ranker_candidates(events, ranked[i].type)
    # 2. Each fold's ranker, trained on the other folds, codes the fold's GSR records: the
    # calibration's points (GSR only: edited real sentences, as the coder will meet).
    raws, rights = [], []
    for k, model in enumerate(models):
        inside = [i for i in range(len(ranked)) if fold[i] != k]
        model.ranker = fit_ranker([cands[i] for i in inside], [ranker_weight(i, n_book) for i in inside])
        out = [i for i in range(n_book, len(ranked)) if fold[i] == k]
        for i, coded in zip(out, code_docs([docs[i] for i in out], model), strict=True):
            if coded is not None and coded.raw is not None:  # (code_docs guesses nothing here)
                raws.append([coded.raw.feature(f) for f in CAL_FEATURES])
                rights.append(int(coded.type == ranked[i].type))
    cal = LogisticRegression(C=1.0, max_iter=1000).fit(raws, rights)
    model = fit_without(None)
    model.ranker = fit_ranker(cands, [ranker_weight(i, n_book) for i in range(len(ranked))])
    model.calibration = {"features": CAL_FEATURES, "coef": [round(float(c), 4) for c in cal.coef_[0]],
                         "intercept": round(float(cal.intercept_[0]), 4)}
    return model, {"features": len(model.vocab), "ranker_features": len(model.ranker["vocab"]),
                   "ranker_candidates": sum(len(c) for c in cands), "calibration_points": len(rights),
                   "oof_accuracy": round(sum(rights) / max(len(rights), 1), 3)}


def ranker_weight(i: int, n_book: int) -> float:
    """A codebook sentence's candidates weigh 1, a GSR record's RANKER_GSR_WEIGHT."""
    return 1.0 if i < n_book else RANKER_GSR_WEIGHT


if __name__ == "__main__":
    main()
