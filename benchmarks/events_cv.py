"""5-fold cross-validation of the event coder over the TRAINING GSR records only.

`python benchmarks/events_cv.py [--gsr-weight 4] [--folds 5] [--codebook-weight 4]`: each
fold trains the classifier on the SYNTHETIC units (NGEC stories and codebook sentences)
plus four fifths of the training GSR records and codes
the fifth with the full coder (`score.code_gsr`'s convention). The held split is never
read (`split_gsr` keeps it apart), so figures here may be used to choose changes.
Prints macro P/R/F1, accuracy and per-type F1 pooled over the folds, and the
trigger-lexicon-alone baseline on the same records. The lexicon was written from these
records, so it looks better here than on unseen ones (0.81 against 0.63 on the held split):
weigh a choice between lexicon and classifier with `events_codebook_cv.py` as well.
Its fold models have no trigger ranker, so the coder here chooses types by the v5 rule
(lexicon weight x (0.25 + P)); the coder as shipped, ranker included, is measured by
`events_ranker_cv.py`.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import _checkout  # noqa: F401  (puts the checkout on sys.path for `training`)
from training.events import train

from sankore.eval.events_score import code_gsr, prf
from sankore.events.classifier import features
from sankore.events.code import Settings, gsr_settings

# Coder settings and the record's event choice compared on the same folds; the first is the
# one `eval events` reports as "sankore", the third its "news_filters".
CONFIGS = {
    "gsr": (gsr_settings(), "main"),
    "gsr, hand-written lexicon only": (replace(gsr_settings(), second_lexicon=False), "main"),
    "gsr, the classifier's guess where nothing is coded": (gsr_settings(), "main+guess"),
    "gsr, the lexicon weight alone picks a trigger's type": (replace(gsr_settings(), mix=None), "main"),
    "gsr, a confident classifier overrides the trigger": (replace(gsr_settings(), override=0.5), "main"),
    "gsr, most confident event": (gsr_settings(), "confidence"),
    "gsr, main event by lexicon weight alone, guess": (gsr_settings(), "weight+guess"),
    "news filters": (Settings(fallback=0.0), "main"),
    "no news filters": (Settings(fallback=0.0, require_participant=False, keep_hypothetical=True,
                                 require_coded=False, min_weight=0.0), "main"),
}


# The hand-written trigger lexicon alone: highest-weight type, no classifier, no fallback.
BASELINE = Settings(fallback=None, use_classifier=False, require_coded=False, min_weight=0.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=Path, default=train.SHARED_EVENTS)
    parser.add_argument("--gsr-weight", type=float, nargs="+", default=[train.GSR_WEIGHT])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--codebook-weight", type=float, default=None,
                        help=f"weight of the codebook sentences (default {train.CODEBOOK_WEIGHT}; 0: none)")
    args = parser.parse_args()

    start = time.perf_counter()
    nlp, coder_nlp, train_gsr = train.training_setup(args.events)
    synthetic, syn_weights = train.synthetic_units(args.events, args.codebook_weight)
    syn_feats = [features(s, m) for _, s, m in train._parse(nlp, [t for t, _ in synthetic])]
    gsr_feats = [features(s, m) for _, s, m in train._parse(nlp, [r.text for r in train_gsr])]
    gold = [r.type for r in train_gsr]
    report = {"records": len(gold), "folds": args.folds, "runs": {}}
    for weight in args.gsr_weight:
        models = []
        for k in range(args.folds):
            inside = [i for i in range(len(train_gsr)) if i % args.folds != k]
            models.append(train._fit(syn_feats + [gsr_feats[i] for i in inside],
                                     [lab for _, lab in synthetic] + [train_gsr[i].type for i in inside],
                                     syn_weights + [weight] * len(inside)))
        alone: list = [None] * len(train_gsr)
        for k, model in enumerate(models):
            for i in range(k, len(train_gsr), args.folds):
                proba = model.proba(gsr_feats[i])
                alone[i] = max(proba, key=proba.get)
        figures = prf(gold, alone)
        report["runs"][f"w={weight} classifier alone"] = {
            k: figures[k] for k in ("macro_precision", "macro_recall", "macro_f1", "accuracy", "coded")}
        for name, (settings, pick) in CONFIGS.items():
            preds: list = [None] * len(train_gsr)
            for k, model in enumerate(models):
                out = [i for i in range(len(train_gsr)) if i % args.folds == k]
                coded = code_gsr(coder_nlp, [train_gsr[i] for i in out], model, settings,
                                 pick.removesuffix("+guess"), guess=pick.endswith("+guess"))
                for i, c in zip(out, coded, strict=True):
                    preds[i] = c.type if c else None
            figures = prf(gold, preds)
            report["runs"][f"w={weight} {name}"] = {
                k: figures[k] for k in ("macro_precision", "macro_recall", "macro_f1", "accuracy", "coded")}
            if weight == args.gsr_weight[0] and name == next(iter(CONFIGS)):
                report["per_type_f1"] = {t: v["f1"] for t, v in figures["per_type"].items()}
                errors = [(g, p, r.text[:110]) for g, p, r in zip(gold, preds, train_gsr, strict=True)
                          if g != p]
                errors_file = Path(tempfile.gettempdir()) / "events_cv_errors.json"
                errors_file.write_text(json.dumps(errors, indent=0))
    base = code_gsr(coder_nlp, train_gsr, None, BASELINE, "main")
    report["baseline_macro_f1"] = prf(gold, [b.type if b else None for b in base])["macro_f1"]
    both = code_gsr(coder_nlp, train_gsr, None, replace(BASELINE, second_lexicon=True), "main")
    report["baseline_with_cameo_verbs_macro_f1"] = prf(gold, [b.type if b else None
                                                              for b in both])["macro_f1"]
    report["seconds"] = round(time.perf_counter() - start, 1)
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
