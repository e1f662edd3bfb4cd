"""Recall error dump for events on the news gold set's dev part.

Usage: python benchmarks/news_event_misses.py [--split dev] [--limit N] [--out FILE]
                                              [--records FILE]

Runs the default coder end to end over the dev articles (as `sankore eval events --gold
gold/news_events --split dev` does) and sorts each gold event the scorer leaves unmatched
into one class:

- `undetected`: no coded event overlaps its evidence;
- `other-type`: a coded event overlaps it with another PLOVER category (the pair is listed);
- `taken`: an overlapping coded event of its category was matched to another gold event.

Writes one JSON line per miss (class, gold type, trigger, evidence, the overlapping coded
events) and prints counts per class and gold type, so recall errors can be grouped by
cause. Only the `dev` split while tuning: the test part is scored by `sankore eval` alone.
`--records` keeps the analysed records (JSON lines) so a rerun costs no parsing.
"""

from __future__ import annotations

import argparse
import collections
import json
from pathlib import Path

from _news_dev import GOLD, analysed, gold_part

from sankore.eval.news_events import _overlap, match
from sankore.events.categories import plover_type


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", default=str(GOLD))
    ap.add_argument("--split", default="dev")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--out", default="news_event_misses.jsonl")
    ap.add_argument("--records", default=None)
    args = ap.parse_args()
    articles, raw, texts = gold_part(args.split, args.limit, Path(args.gold))
    records = analysed(articles, texts, cache=Path(args.records) if args.records else None)
    classes: collections.Counter[str] = collections.Counter()
    by_type: collections.Counter[str] = collections.Counter()
    with open(args.out, "w", encoding="utf-8") as out:
        for a, rec in zip(articles, records, strict=True):
            text, gold_raw, coded = texts[a.id], raw[a.id]["events"], list(rec.events)
            matched = dict(match(list(a.events), coded))
            used = set(matched.values())
            for gi, g in enumerate(a.events):
                if gi in matched:
                    continue
                over = [c for c in coded if _overlap(g.evidence, tuple(c.evidence))]
                same = [c for c in over if plover_type(c.type, c.modality) == g.category]
                cls = ("undetected" if not over else "taken" if same else "other-type")
                classes[cls] += 1
                by_type[f"{cls}:{g.category}"] += 1
                sentence_start = text.rfind("\n", 0, g.evidence[0]) + 1
                out.write(json.dumps({
                    "class": cls, "gold": g.category, "modality": g.modality,
                    "trigger": gold_raw[gi].get("trigger_text"), "article": a.id,
                    "evidence": text[g.evidence[0]:g.evidence[1]],
                    "paragraph_start": text[sentence_start:g.evidence[0]][-200:],
                    "coded": [{"type": plover_type(c.type, c.modality),
                               "evidence": text[c.evidence[0]:c.evidence[1]],
                               "taken": coded.index(c) in used} for c in over]}) + "\n")
    print(json.dumps({"classes": dict(classes.most_common()),
                      "by_type": dict(by_type.most_common())}, indent=1))


if __name__ == "__main__":
    main()
