"""The trigger lexicon on headlines it was not written from: the synthetic stories' 332
hand-written headline templates (`gold.read_headlines`).

`python benchmarks/events_headlines.py [--errors FILE]`: codes each headline as a GSR
sentence with the lexicon alone (no classifier: the classifier trains on these headlines),
once with the news filters' participant rule and once without (headlines often name no
actor: "Riots break out across Kenya"), each also with the second lexicon (PETRARCH's CAMEO
verbs, for headlines the first finds nothing in), and prints macro P/R/F1, accuracy and
per-type F1.
The labels follow NGEC's conventions, not the GSR's, so a type can score low by convention
(an agreed concession is CONCEDE here, AGREE in the CAMEO table): read it as a check of the
lexicon's reach. Since lexicon v4 took words from the PLOVER manual after reading this
check's misses, it is no longer an unseen test; the held GSR split is.
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import replace
from pathlib import Path

import _checkout  # noqa: F401  (puts the checkout on sys.path for `training`)
from training.events import train
from training.events.gold import read_headlines

from sankore.eval.events_score import code_gsr, prf
from sankore.events.code import Settings

CONFIGS = {
    "lexicon, participant required": Settings(fallback=None, use_classifier=False, require_coded=False,
                                              min_weight=0.0),
    "lexicon, no participant rule": Settings(fallback=None, use_classifier=False, require_coded=False,
                                             min_weight=0.0, require_participant=False,
                                             keep_hypothetical=True),
}
# The same with the second lexicon (PETRARCH's CAMEO verbs) where the first finds nothing.
CONFIGS.update({f"{name} + CAMEO verbs": replace(s, second_lexicon=True)
                for name, s in list(CONFIGS.items())})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=Path, default=train.SHARED_EVENTS)
    parser.add_argument("--errors", type=Path, help="write (gold, coded, headline) misses here")
    args = parser.parse_args()

    from sankore.pipeline import build_pipeline

    start = time.perf_counter()
    nlp = build_pipeline(components=("sankore_times", "sankore_places", "sankore_actors"))
    records = read_headlines(args.events)
    gold = [r.type for r in records]
    report: dict = {"headlines": len(records), "runs": {}}
    for name, settings in CONFIGS.items():
        pred = [c.type if c else None for c in code_gsr(nlp, records, None, settings, "main")]
        figures = prf(gold, pred)
        report["runs"][name] = {k: figures[k] for k in
                                ("macro_precision", "macro_recall", "macro_f1", "accuracy", "coded")}
        report["runs"][name]["per_type_f1"] = {t: v["f1"] for t, v in figures["per_type"].items()}
        if args.errors and name == list(CONFIGS)[1]:
            misses = [(g, p, r.text) for g, p, r in zip(gold, pred, records, strict=True) if g != p]
            args.errors.write_text(json.dumps(misses, indent=0))
    report["seconds"] = round(time.perf_counter() - start, 1)
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
