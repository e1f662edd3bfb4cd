"""The quotes component's own speed on PolNeAR train articles, parse excluded.

Parses the articles once (base model + places + actors), then times `sankore_quotes` alone
over them, so a change in the attribution rules shows as docs/s without the parser's noise.

Usage: python benchmarks/quotes_speed.py [--gold ../shared/data/quotes] [--limit 100]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from sankore.eval.quotes import read_split
from sankore.pipeline import build_pipeline
from sankore.pipeline.quotes import QuoteFinder

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", default=str(ROOT.parent / "shared" / "data" / "quotes"))
    parser.add_argument("--limit", type=int, default=100)
    args = parser.parse_args()
    pairs = read_split(Path(args.gold) / "train")[:args.limit]
    nlp = build_pipeline(components=("sankore_places", "sankore_actors"))
    docs = list(nlp.pipe([t.read_text("utf-8") for t, _ in pairs], batch_size=16))
    finder = QuoteFinder(nlp)
    started = time.perf_counter()
    for doc in docs:
        finder(doc)
    seconds = time.perf_counter() - started
    print(json.dumps({"documents": len(docs), "quotes_seconds": round(seconds, 3),
                      "quotes_docs_per_s": round(len(docs) / seconds, 1),
                      "attributions": sum(len(d._.quotes) for d in docs)}))


if __name__ == "__main__":
    main()
