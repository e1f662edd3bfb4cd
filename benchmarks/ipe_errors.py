"""Sentence error dump for IndiaPoliceEvents' labels on its `dev` documents.

Usage: python benchmarks/ipe_errors.py [--limit N] [--out FILE] [--records FILE]

Analyses the `dev` documents end to end, as `sankore eval events --gold
../shared/data/corpus/india_police_events --split dev` does, labels each sentence the way the
scorer does (`sankore.eval.india_police.event_labels`), and writes one JSON line per missed
or extra label (`FN` / `FP`), with the sentence and the events whose evidence starts in it
(type, mode, modality, actors with code and kind, targets), so that the errors can be read
label by label and grouped by cause (DATA_CARD v12 was found this way). Prints the counts.
Only `dev`: the test part is scored by `sankore eval` alone. `--records` keeps the analysed
records (JSON lines) so that a rerun costs no parsing.
"""

from __future__ import annotations

import argparse
import collections
import json
from pathlib import Path

from sankore.eval.india_police import LABELS, event_labels, read_documents, sentence_labels
from sankore.records import Record

GOLD = Path(__file__).resolve().parents[2] / "shared" / "data" / "corpus" / "india_police_events"


def analysed(docs: list, cache: Path | None) -> list[Record]:
    if cache is not None and cache.exists():
        return [Record.model_validate_json(line) for line in cache.read_text().splitlines()]
    from sankore.api import analyze_many
    from sankore.readers.text import article_from_text

    articles = [article_from_text(d.text, f"india_police_events:{d.doc_id}", outlet="The Times of India",
                                  published=d.published) for d in docs]
    records = [r for r in analyze_many(articles) if isinstance(r, Record)]
    if cache is not None:
        cache.write_text("\n".join(r.model_dump_json(by_alias=True) for r in records))
    return records


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--out", type=Path, default=Path("ipe_errors.jsonl"))
    ap.add_argument("--records", type=Path, help="a JSON-lines file to keep the analysed records in")
    args = ap.parse_args()
    docs = read_documents(args.gold, "dev")[:args.limit]
    counts: collections.Counter[str] = collections.Counter()
    with open(args.out, "w", encoding="utf-8") as out:
        for doc, record in zip(docs, analysed(docs, args.records), strict=True):
            per_sentence = sentence_labels(event_labels(record), doc.sentences)
            entities = {e.id: e for e in record.entities}
            for s, coded in zip(doc.sentences, per_sentence, strict=True):
                gold = set(s.labels) & set(LABELS)
                events = [{"type": e.type, "mode": e.mode, "modality": e.modality,
                           "actors": [(entities[a].text, entities[a].code, entities[a].kind)
                                      for a in e.actors],
                           "targets": [(entities[t].text, entities[t].code) for t in e.targets]}
                          for e in record.events if s.start <= e.evidence[0] < s.end]
                for label in LABELS:
                    kind = "TP" if label in gold and label in coded else "FN" if label in gold else \
                        "FP" if label in coded else None
                    if kind is None:
                        continue
                    counts[f"{kind}:{label}"] += 1
                    if kind != "TP":
                        out.write(json.dumps({"error": kind, "label": label, "doc": doc.doc_id,
                                              "sentence": doc.text[s.start:s.end], "events": events},
                                             ensure_ascii=False) + "\n")
    print(json.dumps(dict(sorted(counts.items())), indent=1))


if __name__ == "__main__":
    main()
