"""Each pipeline component's share of the pipeline's time, over the Guardian sample.

Runs Sankore's full pipeline component by component (each over the whole batch, as
`nlp.pipe` does) and prints seconds and shares as JSON, so that the issues' speed limits
(places + actors ≤ 1/5, times ≤ 1/10 of the pipeline) can be checked in one run.

Usage: python benchmarks/stage_costs.py [--limit N] [--batch-size 16] [--event-coder lexical]
"""

from __future__ import annotations

import argparse
import csv
import json
import time
from datetime import date
from pathlib import Path

from sankore.events.classifier import CODERS
from sankore.pipeline import DEFAULT_EVENT_CODER, get_pipeline
from sankore.readers.metadata import read_text_metadata

ROOT = Path(__file__).resolve().parents[1]
GUARDIAN = ROOT.parent / "shared" / "data" / "corpus" / "guardian" / "Guardian_SDF_sample.csv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--event-coder", choices=CODERS, default=DEFAULT_EVENT_CODER)
    args = parser.parse_args()
    with GUARDIAN.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))[: args.limit]
    nlp = get_pipeline(event_coder=args.event_coder)
    nlp(rows[0]["text"])  # warm up: loading the gazetteer is start-up cost, not per-document cost
    seconds = {name: 0.0 for name in ["tokenizer", *nlp.pipe_names]}
    for i in range(0, len(rows), args.batch_size):
        batch = rows[i:i + args.batch_size]
        started = time.perf_counter()
        docs = [nlp.make_doc(row["text"]) for row in batch]
        seconds["tokenizer"] += time.perf_counter() - started
        for doc, row in zip(docs, batch, strict=True):
            doc._.published = date.fromisoformat(row["date"])
            doc._.boilerplate = read_text_metadata(row["text"]).boilerplate
        for name, proc in nlp.pipeline:
            started = time.perf_counter()
            docs = list(proc.pipe(docs)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
            seconds[name] += time.perf_counter() - started
    total = sum(seconds.values())
    shares = {name: round(s / total, 4) for name, s in seconds.items()}
    sankore = {n: s for n, s in shares.items() if n.startswith("sankore_")}
    print(json.dumps({
        "documents": len(rows), "event_coder": args.event_coder, "total_seconds": round(total, 2),
        "docs_per_s": round(len(rows) / total, 2),
        "seconds": {n: round(s, 3) for n, s in seconds.items()},
        "share": shares,
        "share_places_plus_actors": round(
            sankore.get("sankore_places", 0) + sankore.get("sankore_actors", 0), 4),
        "share_sankore_components": round(sum(sankore.values()), 4),
    }, indent=2))


if __name__ == "__main__":
    main()
