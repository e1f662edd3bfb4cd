"""The full pipeline's speed as a ratio to bare spaCy, in CPU seconds, robust to other jobs.

Runs bare spaCy `nlp.pipe` (the packaged model alone) and the full Sankore pipeline, with the
events stage's trigger detector on and off, over the same Guardian articles in one process,
each `--repeats` times in turn, and keeps the smallest CPU time of each (`time.process_time`:
what this process spent, whatever else the machine runs; wall-clock ratios on a loaded
2-core machine swing by a third). Prints JSON with the seconds and the two ratios.

Usage: python benchmarks/cpu_ratio.py [--limit 60] [--repeats 2] [--batch-size 16]
"""

from __future__ import annotations

import argparse
import csv
import json
import time
from pathlib import Path

from sankore.pipeline import build_pipeline, load_base_model

ROOT = Path(__file__).resolve().parents[1]
GUARDIAN = ROOT.parent / "shared" / "data" / "corpus" / "guardian" / "Guardian_SDF_sample.csv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=60)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=16)
    args = parser.parse_args()
    with GUARDIAN.open(encoding="utf-8", newline="") as f:
        texts = [row["text"] for row in csv.DictReader(f)][:args.limit]
    bare, full = load_base_model(), build_pipeline()
    events = full.get_pipe("sankore_events")

    def cpu(nlp, detector: bool | None = None) -> float:
        if detector is not None:
            events.settings.detector = detector  # type: ignore[attr-defined]
        start = time.process_time()
        for _ in nlp.pipe(texts, batch_size=args.batch_size):
            pass
        return time.process_time() - start

    cpu(bare), cpu(full)  # warm both: first calls load lookups and caches
    runs: dict[str, list[float]] = {"bare_spacy": [], "sankore_detector_on": [], "sankore_detector_off": []}
    for _ in range(args.repeats):
        runs["bare_spacy"].append(cpu(bare))
        runs["sankore_detector_on"].append(cpu(full, True))
        runs["sankore_detector_off"].append(cpu(full, False))
    best = {name: min(seconds) for name, seconds in runs.items()}
    print(json.dumps({
        "documents": len(texts), "cpu_seconds": {k: [round(s, 2) for s in v] for k, v in runs.items()},
        "ratio_to_bare_spacy": {"detector_on": round(best["bare_spacy"] / best["sankore_detector_on"], 3),
                                "detector_off": round(best["bare_spacy"] / best["sankore_detector_off"], 3)},
    }, indent=1))


if __name__ == "__main__":
    main()
