"""Events per Guardian article, and a sample of coded events for a hand spot check.

`python benchmarks/events_guardian.py [--limit 40] [--sample 40] [--seed 6] [--event-coder lexical]`
runs the full
pipeline over the first `limit` articles of the Guardian sample (real news, no gold) and
prints events per article, by type and modality, the share at confidence >= 0.5, and
`sample` randomly drawn events (sentence, type, trigger, participants) to judge by hand.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import time
from collections import Counter
from pathlib import Path

from sankore.events.classifier import CODERS, DEFAULT_CODER
from sankore.pipeline import get_pipeline

ROOT = Path(__file__).resolve().parents[1]
GUARDIAN = ROOT.parent / "shared" / "data" / "corpus" / "guardian" / "Guardian_SDF_sample.csv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=40)
    parser.add_argument("--sample", type=int, default=40)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--dump", type=Path, default=None, help="write the sample as JSON here")
    parser.add_argument("--event-coder", choices=CODERS, default=DEFAULT_CODER)
    args = parser.parse_args()
    with GUARDIAN.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))[: args.limit]
    nlp = get_pipeline(event_coder=args.event_coder)
    types, modalities, confident, all_events = Counter(), Counter(), 0, []
    seconds = 0.0
    for row in rows:
        start = time.perf_counter()
        doc = nlp(row["text"])
        seconds += time.perf_counter() - start
        for e in doc._.events:
            types[e.type] += 1
            modalities[e.modality] += 1
            confident += e.confidence >= 0.5
            all_events.append({"type": e.type, "modality": e.modality, "confidence": e.confidence,
                               "trigger": doc.text[e.trigger[0]:e.trigger[1]] if e.trigger else None,
                               "actors": [doc.text[s:t] for s, t in e.actor_spans],
                               "targets": [doc.text[s:t] for s, t in e.target_spans],
                               "sentence": doc.text[e.evidence[0]:e.evidence[1]]})
    n = len(all_events)
    print(json.dumps({"articles": len(rows), "events": n, "events_per_article": round(n / len(rows), 2),
                      "confident_per_article": round(confident / len(rows), 2),
                      "types": dict(types.most_common()), "modalities": dict(modalities.most_common()),
                      "pipeline_seconds": round(seconds, 1)}, indent=1))
    sample = random.Random(args.seed).sample(all_events, min(args.sample, n))
    if args.dump:
        args.dump.write_text(json.dumps(sample, indent=1))


if __name__ == "__main__":
    main()
