"""Train the candidate check (`candidates.py`) on PolNeAR train:
`python -m training.attribution.train_candidates` (needs the `train` extra: scikit-learn).

Cross-fitted, so that neither the model nor its threshold is fitted on what it scores:

1. The train articles are split into folds. For each fold, the cue table is counted from
   the other folds (as `learn_cues.py` counts it from all of train), the rules propose their
   candidates on the fold with that table, and each candidate is labelled by whether it
   matches a gold attribution (one to one, by shared words, as `sankore eval quotes` scores).
   The shipped table has seen every train article, so counting it in-fold would make rare
   cues look surer than they are on new text.
2. A logistic regression per fold, fitted on the other folds' candidates, scores the fold;
   the threshold is the one that gives the best overlap F1 of the whole stage over all of
   train with those out-of-fold models.
3. The shipped model is fitted on every candidate, with that threshold.
"""

from __future__ import annotations

import argparse
import json
import math
import pickle
from collections import Counter
from pathlib import Path

from sankore.attribution.candidates import CandidateModel, features, judged, model_path, save
from sankore.attribution.cues import DEFAULT_THRESHOLD, CueLexicon
from sankore.eval.quotes import Scorer, _tokens, read_ann, read_split, sankore_attributions

from ..paths import SHARED_QUOTES
from .learn_cues import count_doc, table

FOLDS = 5
C_VALUES = (0.1, 0.3, 1.0)
THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55)
_HEADER = ("Candidate-attribution check (sankore.attribution.candidates): logistic regression "
           "weights over parse features, trained on PolNeAR v1.0.0 train (networkdynamics/PolNeAR, "
           "commit c3eee833; the PolNeAR package states license MIT) by "
           "`python -m training.attribution.train_candidates`. Only weights ship here, no text.")


def parse(pairs, cache: Path | None):
    """The train articles through the components the quotes stage reads (places, actors)."""
    if cache is not None and cache.exists():
        return pickle.loads(cache.read_bytes())
    from sankore.pipeline import build_pipeline

    nlp = build_pipeline(components=("sankore_places", "sankore_actors"))
    docs = list(nlp.pipe([t.read_text("utf-8") for t, _ in pairs], batch_size=16))
    if cache is not None:
        cache.write_bytes(pickle.dumps(docs))
    return docs


def fold_lexicons(docs, golds, folds: int, threshold: float = DEFAULT_THRESHOLD) -> list[CueLexicon]:
    """For each fold, the cue lexicon counted from the other folds only."""
    from sankore.attribution.lexicon import speech_verbs

    counts = []
    for doc, gold in zip(docs, golds, strict=True):
        cues, totals = Counter(), Counter()
        count_doc(doc, gold, cues, totals)
        counts.append((cues, totals))
    out = []
    for k in range(folds):
        cues, totals = Counter(), Counter()
        for i, (c, t) in enumerate(counts):
            if i % folds != k:
                cues.update(c)
                totals.update(t)
        learned = {(lemma, pos): share for lemma, pos, _, _, share in table(cues, totals)}
        out.append(CueLexicon(speech_verbs(), learned, threshold))
    return out


def labels(text: str, gold, candidates) -> list[int]:
    """1 for each candidate the scorer would match to a gold attribution, else 0."""
    g_tok = [_tokens(text, g.content) for g in gold]
    p_tok = [_tokens(text, list(a.content)) for a in candidates]
    pairs = sorted(((len(g & p), i, j) for i, g in enumerate(g_tok) for j, p in enumerate(p_tok) if g & p),
                   reverse=True)
    free_g, out = set(range(len(gold))), [0] * len(candidates)
    for _, i, j in pairs:
        if i in free_g and not out[j]:
            free_g.discard(i)
            out[j] = 1
    return out


def _extractor(lexicon: CueLexicon, judge):
    from sankore.pipeline.quotes import QuoteFinder

    finder = QuoteFinder(None)
    finder.extract.lexicon = lexicon
    finder.extract.judge = judge
    return finder


def candidates(docs, golds, lexicons, folds: int):
    """(fold, features, label) of every top-level candidate, proposed with its fold's lexicon."""
    rows = []
    for k in range(folds):
        seen: list = []

        def record(doc, text, found, quoted, lexicon, seen=seen):
            top = [a for a in found if judged(a, found, text)]
            seen.append([(features(doc, text, a, quoted, lexicon, found), a) for a in top])
            return found

        finder = _extractor(lexicons[k], record)
        for i, doc in enumerate(docs):
            if i % folds != k:
                continue
            finder(doc)
            found = seen.pop()
            ys = labels(doc.text, golds[i], [a for _, a in found])
            rows += [(k, f, y) for (f, _), y in zip(found, ys, strict=True)]
    return rows


def fit(rows, c: float) -> CandidateModel:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform([f for _, f, _ in rows])
    y = [label for _, _, label in rows]
    lr = LogisticRegression(C=c, max_iter=2000).fit(x, y)
    weights = {name: round(float(w), 4) for name, w in zip(vec.feature_names_, lr.coef_[0], strict=True)
               if abs(w) >= 1e-4}
    return CandidateModel(weights, round(float(lr.intercept_[0]), 4), 0.5)


def log_loss(rows, models) -> float:
    total = 0.0
    for k, f, y in rows:
        p = min(max(models[k].probability(f), 1e-9), 1 - 1e-9)
        total -= math.log(p if y else 1 - p)
    return total / len(rows)


def score(docs, golds, lexicons, models, folds: int, threshold: float | None) -> dict:
    """The stage's scores over all articles, each fold with its own lexicon and model."""
    from sankore.attribution.candidates import judge_with

    scorer = Scorer()
    for k in range(folds):
        model = models[k] if threshold is not None else None
        if model is not None:
            model = CandidateModel(model.weights, model.intercept, threshold)
        finder = _extractor(lexicons[k], judge_with(model))
        for i, doc in enumerate(docs):
            if i % folds == k:
                finder(doc)
                scorer.add(doc.text, golds[i], sankore_attributions(doc))
    return scorer.result()


def _brief(result: dict) -> dict:
    return {**{f"overlap_{k}": v for k, v in result["content_overlap"].items()},
            "exact_f1": result["content_exact"]["f1"], "cue_accuracy": result["cue_accuracy"],
            "speaker_accuracy": result["speaker_accuracy"]}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", default=str(SHARED_QUOTES), help="PolNeAR folder with train/")
    parser.add_argument("--cache", default=None, help="pickle of the parsed train articles (made if missing)")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--folds", type=int, default=FOLDS)
    parser.add_argument("--out", default=str(model_path()))
    args = parser.parse_args(argv)
    pairs = read_split(Path(args.gold) / "train")[:args.limit]
    docs = parse(pairs, Path(args.cache) if args.cache else None)[:len(pairs)]
    golds = [read_ann(ann.read_text("utf-8")) for _, ann in pairs]
    lexicons = fold_lexicons(docs, golds, args.folds)
    rows = candidates(docs, golds, lexicons, args.folds)
    report: dict = {"candidates": len(rows), "positive": sum(y for _, _, y in rows),
                    "rules_alone": score(docs, golds, lexicons, [], args.folds, None)}
    losses = {}
    for c in C_VALUES:  # the regularization with the best out-of-fold log-loss
        models = [fit([r for r in rows if r[0] != k], c) for k in range(args.folds)]
        losses[c] = (log_loss(rows, models), models)
    c = min(losses, key=lambda c: losses[c][0])
    models = losses[c][1]
    report["log_loss"] = {str(c): round(loss, 4) for c, (loss, _) in losses.items()}
    best = None
    for t in THRESHOLDS:
        result = score(docs, golds, lexicons, models, args.folds, t)
        print(json.dumps({"threshold": t, **result["content_overlap"],
                          "speaker": result["speaker_accuracy"]}), flush=True)
        if best is None or result["content_overlap"]["f1"] > best[0]:
            best = (result["content_overlap"]["f1"], c, t, result)
    _, c, t, result = best
    report.update({"C": c, "threshold": t, "cross_fitted": result})
    model = fit(rows, c)
    model.threshold = t
    training = {"folds": args.folds, "articles": len(pairs), "C": c, "threshold": t,
                "cue_threshold": DEFAULT_THRESHOLD, "candidates": report["candidates"],
                "positive": report["positive"],
                "rules_alone": _brief(report["rules_alone"]), "cross_fitted": _brief(result)}
    save(model, Path(args.out), _HEADER, training)
    print(json.dumps(report, indent=1))
    print(f"{len(model.weights)} weights → {args.out}")


if __name__ == "__main__":
    main()
