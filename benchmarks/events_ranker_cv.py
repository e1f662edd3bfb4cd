"""The trigger ranker against the coder without it, cross-validated on three sets at once.

`python benchmarks/events_ranker_cv.py [--folds 5] [--by-code] [--ranker-c 1.0] [--gsr-weight 4]
[--story-weight 0] [--classifier-option {,second,all}] [--embeddings]`

Units: the SYNTHETIC codebook sentences (folds `i % 5`, or by CAMEO code with `--by-code`,
as `events_codebook_cv.py`), the training GSR records (folds `i % 5`, as `events_cv.py`) and
the SYNTHETIC NGEC stories' headlines and first sentences (folds by headline template, so
that no sibling of a test story trains). For each fold k, the sentence classifier trains on
every unit outside k and codes fold k; the events it finds there give the ranker's
candidates (each trigger's types, with the classifier's out-of-fold P). Then, for each fold
k again, a ranker trains on the candidates of the other folds and the coder with it codes
fold k. Figures are macro F1 on each set apart:
- the GSR folds favour the lexicon, which was written from them;
- the codebook folds favour the classifier, which trains on their siblings (less so by code);
- the stories are unseen by both, but labelled by NGEC's conventions, not the GSR's.
A change is taken when it wins on the first two and does not lose on the third. The held
split is never read. Flips (units one coder gets right and the other wrong) are written to
the temp folder as `events_ranker_flips_C*.json`, the ranker's errors as
`events_ranker_errors_C*.json`. With `--embeddings` the classifiers also read each unit's
MiniLM embedding, as the default packaged model does (`train.fit_models`).
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
from training.events.codebook import CODEBOOK, read_codebook
from training.events.gold import read_synthetic

from sankore.eval.events_gold import GoldEvent
from sankore.eval.events_score import code_docs, parse_gsr, prf
from sankore.events.classifier import features
from sankore.events.code import gsr_settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=Path, default=train.SHARED_EVENTS)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--by-code", action="store_true")
    parser.add_argument("--ranker-c", type=float, nargs="+", default=[train.RANKER_C])
    parser.add_argument("--gsr-weight", type=float, default=train.RANKER_GSR_WEIGHT,
                        help="weight of a GSR record's candidates in the ranker (a codebook sentence: 1)")
    parser.add_argument("--rank-floor", type=float, nargs="*", default=[],
                        help="also code with these `Settings.rank_floor` values (the coder's own "
                             "is gsr_settings().rank_floor)")
    parser.add_argument("--story-weight", type=float, default=0.0,
                        help="weight of a story unit's candidates in the ranker (default 0, as "
                             "train.py: not trained on)")
    parser.add_argument("--classifier-option", choices=("", "second", "all"), default="",
                        help="where the classifier's top type is offered to the ranker beside the "
                             "trigger's (`code.Settings.classifier_option`)")
    parser.add_argument("--embeddings", action="store_true",
                        help="classifiers with sentence embeddings (the embeddings coder's), not lexical")
    args = parser.parse_args()

    start = time.perf_counter()
    nlp, coder_nlp, gsr = train.training_setup(args.events)
    templates: list[str] = []
    stories = read_synthetic(args.events, templates)
    book = read_codebook()
    cameo = [json.loads(line)["cameo"] for line in CODEBOOK.read_text("utf-8").splitlines() if line.strip()]
    codes = sorted(set(cameo))
    titles = sorted(set(templates))
    units = [GoldEvent(f"codebook-{i}", t, lab, None, (), ()) for i, (t, lab) in enumerate(book)] + gsr + \
        [GoldEvent(f"story-{i}", t, lab, None, (), ()) for i, (t, lab) in enumerate(stories)]
    n_book, n_gsr = len(book), len(gsr)
    sets = {"codebook": range(n_book), "gsr": range(n_book, n_book + n_gsr),
            "stories": range(n_book + n_gsr, len(units))}
    fold = [(codes.index(cameo[i]) if args.by_code else i) % args.folds for i in range(n_book)] + \
        [i % args.folds for i in range(n_gsr)] + [titles.index(g) % args.folds for g in templates]
    weight = [train.CODEBOOK_WEIGHT] * n_book + [train.GSR_WEIGHT] * n_gsr + [1.0] * len(stories)
    unit_feats = [features(s, m) for _, s, m in train._parse(nlp, [u.text for u in units])]
    docs = parse_gsr(coder_nlp, units)
    print(f"parsed {len(units)} units in {time.perf_counter() - start:.0f} s", flush=True)
    vectors = None
    if args.embeddings:
        from sankore.events.embed import embed

        vectors = embed([u.text for u in units])
        embed([s.text for doc in docs for s in doc.sents])  # what the coder scores, cached
        print(f"embedded in {time.perf_counter() - start:.0f} s", flush=True)

    settings = replace(gsr_settings(), classifier_option=args.classifier_option)
    gold = [u.type for u in units]
    base: list = [None] * len(units)
    alone: list = [None] * len(units)
    models, cands = [], [[] for _ in units]
    for k in range(args.folds):
        inside = [i for i in range(len(units)) if fold[i] != k]
        model = train._fit([unit_feats[i] for i in inside], [gold[i] for i in inside],
                           [weight[i] for i in inside], None if vectors is None else vectors[inside])
        models.append(model)
        out = [i for i in range(len(units)) if fold[i] == k]
        scored: list = []
        coded = code_docs([docs[i] for i in out], model, settings, "main", True, scored)
        for i, c, events in zip(out, coded, scored, strict=True):
            base[i] = c.type if c else None
            proba = model.proba(unit_feats[i], None if vectors is None else vectors[i])
            alone[i] = max(proba, key=proba.get)
            cands[i] = train.ranker_candidates(events, gold[i])
        print(f"fold {k}: classifier and candidates, {time.perf_counter() - start:.0f} s", flush=True)

    def figures(pred):
        return {name: {k: prf([gold[i] for i in idx], [pred[i] for i in idx])[k]
                       for k in ("macro_f1", "accuracy", "coded")}
                for name, idx in sets.items()}

    oracle = [gold[i] if any(lab for _, lab in cands[i]) else base[i] for i in range(len(units))]
    report = {"units": {k: len(v) for k, v in sets.items()}, "by_code": args.by_code,
              "embeddings": args.embeddings,
              "classifier_option": args.classifier_option, "classifier alone": figures(alone),
              "coder without ranker (v5)": figures(base),
              "oracle (gold among candidates)": figures(oracle)}
    rweight = [1.0] * n_book + [args.gsr_weight] * n_gsr + [args.story_weight] * len(stories)
    for c in args.ranker_c:
        pred = [None] * len(units)
        floors: dict = {}
        for k in range(args.folds):
            inside = [i for i in range(len(units)) if fold[i] != k]
            ranker = train.fit_ranker([cands[i] for i in inside], [rweight[i] for i in inside], c)
            model = replace(models[k], ranker=ranker)
            out = [i for i in range(len(units)) if fold[i] == k]
            for i, cd in zip(out, code_docs([docs[i] for i in out], model, settings, "main", True),
                             strict=True):
                pred[i] = cd.type if cd else None
            for fl in args.rank_floor:
                fp = floors.setdefault(fl, [None] * len(units))
                for i, cd in zip(out, code_docs([docs[i] for i in out], model,
                                                replace(settings, rank_floor=fl), "main", True), strict=True):
                    fp[i] = cd.type if cd else None
        report[f"ranker C={c}"] = figures(pred)
        for fl, fp in floors.items():
            report[f"ranker C={c} floor {fl}"] = figures(fp)
        flips = [(name, gold[i], base[i], pred[i], units[i].text[:140]) for name, idx in sets.items()
                 for i in idx if base[i] != pred[i] and gold[i] in (base[i], pred[i])]
        Path(tempfile.gettempdir(), f"events_ranker_flips_C{c}.json").write_text(json.dumps(flips, indent=0))
        errors = [(name, gold[i], pred[i], units[i].text[:160]) for name, idx in sets.items()
                  for i in idx if pred[i] != gold[i]]
        errors_file = Path(tempfile.gettempdir(), f"events_ranker_errors_C{c}.json")
        errors_file.write_text(json.dumps(errors, indent=0))
        print(json.dumps({f"ranker C={c}": report[f"ranker C={c}"]}), flush=True)
    report["seconds"] = round(time.perf_counter() - start, 1)
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
