"""Places in lower-cased text: LGL or GeoVirus read as written and lower-cased, scored alike.

Usage: python benchmarks/geo_lower_case.py --gold ../shared/data/geo/lgl.xml [--limit N] [--show]

A synthetic but honest check of `geo/lower_case.py`: the gold articles are lower-cased
(`str.lower`, which keeps their offsets; an article whose length it would change is left
out and counted), and the places stage reads each article alone, once as written and once
lower-cased, over spaCy parses of each; both are scored with `sankore eval geo`'s `Tally`
(place names: `doc._.places` and the embedded names, as the eval counts them). `--show`
lists the false places and the misresolved ones of the lower-cased reading; it refuses
GeoVirus, which is scored only (its errors are never read).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from sankore.distance import haversine_km
from sankore.eval.geo import THRESHOLD_KM, Tally, _predicted, read_gold
from sankore.geo.lower_case import lower_cased
from sankore.pipeline import build_pipeline

KEYS = ("precision", "recall", "f1", "accuracy_161km", "accuracy_entry_or_161km", "auc",
        "gold", "predicted", "matched")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, required=True)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args()
    [(name, docs)] = read_gold(args.gold).items()
    if args.show and "geovirus" in name.lower():
        parser.error("GeoVirus is scored only: its errors are not read")
    docs = docs[:args.limit] if args.limit else docs
    kept = [d for d in docs if len(d.text.lower()) == len(d.text)]
    nlp = build_pipeline(components=("sankore_places",))
    tallies = {"as_written": Tally(), "lower_cased": Tally()}
    detected = 0
    for reading, tally in tallies.items():
        texts = [d.text if reading == "as_written" else d.text.lower() for d in kept]
        for gold, doc in zip(kept, nlp.pipe(texts, batch_size=32), strict=True):
            ours, _ = _predicted(doc)
            tally.add(gold.toponyms, ours)
            if reading == "lower_cased":
                detected += lower_cased(doc)
                if args.show:
                    show(gold, doc, ours)
    out = {"gold": str(args.gold), "docs": len(kept), "left_out": len(docs) - len(kept),
           "read_as_lower_cased": detected,
           **{reading: {k: tally.scores()[k] for k in KEYS} for reading, tally in tallies.items()}}
    print(json.dumps(out, indent=2))


def show(gold, doc, ours) -> None:
    for p in ours:
        over = [g for g in gold.toponyms if g.start < p.end and p.start < g.end]
        text = doc.text[p.start:p.end]
        context = doc.text[max(0, p.start - 40):p.end + 30].replace("\n", " ")
        if not over:
            print(f"FP\t{text}\t{p.kind}\t{context}")
        elif over[0].lat is not None and p.lat is not None and p.lon is not None and \
                haversine_km(over[0].lat, over[0].lon, p.lat, p.lon) > THRESHOLD_KM and \
                over[0].geonameid != p.geonameid:
            print(f"RES\t{text}\t{round(haversine_km(over[0].lat, over[0].lon, p.lat, p.lon))} km\t{context}")


if __name__ == "__main__":
    main()
