"""Error dump for the date and modality of coded events on the news gold set's dev part.

Usage: python benchmarks/news_event_fields.py [--split dev] [--limit N] [--out FILE]
                                              [--records FILE]

Runs the default coder end to end over the dev articles (as `sankore eval events --gold
gold/news_events --split dev` does), matches coded events to gold ones the way the scorer
does, and writes one JSON line per matched event whose date or modality is wrong, with the
gold's `date_text`, the coded time's words and value, the trigger and the evidence, so the
errors can be grouped by class. Prints the two accuracies and the counts per class. Reads
the `dev` split only unless told otherwise; never run it on `test` while tuning. `--records`
keeps the analysed records (JSON lines), as the other dumps do, so a rerun costs no parsing.
"""

from __future__ import annotations

import argparse
import collections
import json
from pathlib import Path

from _news_dev import GOLD, analysed, gold_part

from sankore.eval.news_events import match


def _date_class(gold: dict, value: str | None) -> str:
    if value is None:
        return "no-time" if gold.get("date_text") else "no-time:carried-or-implicit"
    head = value.split("/")[0]
    if gold["date"].startswith(head) or head.startswith(gold["date"][:4]) and len(head) < len(gold["date"]):
        return "coarser"
    if head.startswith(gold["date"]):
        return "right"
    return "wrong-value"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", default=str(GOLD))
    ap.add_argument("--split", default="dev")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--out", default="news_event_fields.jsonl")
    ap.add_argument("--records", default=None)
    args = ap.parse_args()
    articles, raw, texts = gold_part(args.split, args.limit, Path(args.gold))
    records = analysed(articles, texts, cache=Path(args.records) if args.records else None)
    date_ok, mod_ok = [], []
    classes: collections.Counter[str] = collections.Counter()
    with open(args.out, "w", encoding="utf-8") as out:
        for a, rec in zip(articles, records, strict=True):
            text = texts[a.id]
            gold_raw = raw[a.id]["events"]
            times = {t.id: t for t in rec.times}
            for gi, ci in match(list(a.events), list(rec.events)):
                g, c = gold_raw[gi], rec.events[ci]
                t = times.get(c.time) if c.time else None
                ev = c.evidence
                carried = t is not None and not (ev[0] <= t.span[0] < ev[1])
                row = {"carried": carried, "article": a.id, "published": a.published,
                       "trigger": g.get("trigger_text"),
                       "evidence": text[c.evidence[0]:c.evidence[1]], "type": c.type}
                if g.get("date"):
                    ok = bool(t and t.value and t.value.split("/")[0].startswith(g["date"]))
                    date_ok.append(ok)
                    if carried:
                        classes["date:carried:" + ("right" if ok else "wrong")] += 1
                        if ok:
                            out.write(json.dumps({**row, "field": "date", "class": "carried-right",
                                                  "gold": g["date"], "gold_text": g.get("date_text"),
                                                  "coded_text": t.text if t else None,
                                                  "coded": t.value if t else None}) + "\n")
                    if not ok:
                        cls = _date_class(g, t.value if t else None)
                        classes["date:" + cls] += 1
                        out.write(json.dumps({**row, "field": "date", "class": cls, "gold": g["date"],
                                              "gold_text": g.get("date_text"),
                                              "coded_text": t.text if t else None,
                                              "coded": t.value if t else None}) + "\n")
                elif t is not None:
                    classes["date:dated-where-gold-has-none"] += 1
                    classes["date:carried:where-gold-has-none"] += carried
                    out.write(json.dumps({**row, "field": "date", "class": "dated-where-gold-has-none",
                                          "gold": None, "coded_text": t.text, "coded": t.value}) + "\n")
                mod_ok.append(g["modality"] == c.modality)
                if g["modality"] != c.modality:
                    cls = f"{g['modality']}->{c.modality}"
                    classes["modality:" + cls] += 1
                    out.write(json.dumps({**row, "field": "modality", "class": cls,
                                          "attributed_to": g.get("attributed_to")}) + "\n")
    print(json.dumps({"date_accuracy": round(sum(date_ok) / max(1, len(date_ok)), 3),
                      "date_scored": len(date_ok),
                      "modality_accuracy": round(sum(mod_ok) / max(1, len(mod_ok)), 3),
                      "modality_scored": len(mod_ok), "classes": dict(classes.most_common())}, indent=1))


if __name__ == "__main__":
    main()
