"""Retrain the event-type classifier and its confidence calibration: `python -m sankore.events.train`.

Training material: the SYNTHETIC stories' headlines and first sentences (LLM-written,
labelled by their prompt's PLOVER type; see DATA_CARD.md), the SYNTHETIC codebook sentences
(`codebook.py`, written per CAMEO code) and the GSR records outside the held split
(`gold.held`), weighted up because they are edited real sentences. The held GSR
records are never read here. Calibration: a logistic regression from the coder's raw
scores to "the coded type is right", fitted on 5-fold out-of-fold predictions over the
training GSR records. Writes `resources/data/events_model.json.gz` and prints its figures.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from .classifier import Classifier, model_path, save

SHARED_EVENTS = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "events"
GSR_WEIGHT = 4.0
CODEBOOK_WEIGHT = 4.0
CAL_FEATURES = ["p", "lex", "top", "fallback", "nominal", "actor", "root", "depth"]


def _parse(nlp, texts: list[str]):
    from .lexicon import sentence_matches
    out = []
    for doc in nlp.pipe(texts, batch_size=64):
        sent = doc[:]  # one unit = one sentence or headline
        out.append((doc, sent, sentence_matches(sent)))
    return out


def training_setup(events: Path):
    """(parser-only model, coder pipeline, training GSR records): what training and the
    cross-validation benchmarks start from. The held records are never returned."""
    from ..pipeline import build_pipeline, load_base_model
    from .gold import held, split_gsr

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


def _fit(feats: list[list[str]], labels: list[str], weights: list[float]) -> Classifier:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = TfidfVectorizer(analyzer=lambda x: x, sublinear_tf=True, min_df=2)
    x = vec.fit_transform(feats)
    lr = LogisticRegression(C=8.0, max_iter=3000)
    lr.fit(x, labels, sample_weight=weights)
    keep = [i for i in range(x.shape[1]) if abs(lr.coef_[:, i]).max() >= 0.02]
    names = vec.get_feature_names_out()
    return Classifier(
        classes=[str(c) for c in lr.classes_],
        vocab={str(names[i]): j for j, i in enumerate(keep)},
        idf=[round(float(vec.idf_[i]), 4) for i in keep],
        coef=[[round(float(row[i]), 4) for i in keep] for row in lr.coef_],
        intercept=[round(float(b), 4) for b in lr.intercept_],
        calibration={})


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=Path, default=SHARED_EVENTS, help="shared/data/events folder")
    parser.add_argument("--out", type=Path, default=model_path())
    args = parser.parse_args(argv)

    from sklearn.linear_model import LogisticRegression

    from .classifier import features
    from .gold import text_key
    from .score import code_gsr

    nlp, coder_nlp, train_gsr = training_setup(args.events)
    synthetic, syn_weights = synthetic_units(args.events)
    parsed_syn = _parse(nlp, [t for t, _ in synthetic])
    parsed_gsr = _parse(nlp, [r.text for r in train_gsr])
    feats = [features(s, m) for _, s, m in parsed_syn] + [features(s, m) for _, s, m in parsed_gsr]
    labels = [lab for _, lab in synthetic] + [r.type for r in train_gsr]
    weights = syn_weights + [GSR_WEIGHT] * len(train_gsr)

    # Out-of-fold coding of the training GSR records, for the calibration.
    folds = 5
    raws, rights = [], []
    n_syn = len(synthetic)
    for k in range(folds):
        idx_out = [i for i in range(len(train_gsr)) if i % folds == k]
        keep = [i for i in range(len(feats)) if i < n_syn or (i - n_syn) % folds != k]
        model = _fit([feats[i] for i in keep], [labels[i] for i in keep], [weights[i] for i in keep])
        for i in idx_out:
            coded = code_gsr(coder_nlp, [train_gsr[i]], model)[0]
            if coded is not None:
                raws.append([coded.raw.get(f, 0.0) for f in CAL_FEATURES])
                rights.append(int(coded.type == train_gsr[i].type))
    cal = LogisticRegression(C=1.0, max_iter=1000).fit(raws, rights)
    model = _fit(feats, labels, weights)
    model.calibration = {"features": CAL_FEATURES, "coef": [round(float(c), 4) for c in cal.coef_[0]],
                         "intercept": round(float(cal.intercept_[0]), 4)}
    model.trained_texts = sorted({text_key(r.text) for r in train_gsr})
    save(model, args.out)
    print(json.dumps({"out": str(args.out), "bytes": args.out.stat().st_size,
                      "synthetic_units": len(synthetic), "gsr_train": len(train_gsr),
                      "features": len(model.vocab), "calibration_points": len(rights),
                      "oof_accuracy": round(sum(rights) / max(len(rights), 1), 3)}, indent=2))


if __name__ == "__main__":
    main()
