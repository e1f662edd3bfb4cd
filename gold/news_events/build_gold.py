"""Turn the annotators' files into the gold set, and measure how far the two annotators agree.

Each annotator (and the adjudicator) wrote one JSON file per article (format:
docs/annotation-guidelines.md §7), giving evidence and trigger as exact text. This script
locates them in the article (first occurrence; the check run while annotating made sure each
occurs), writes

- `annotator_a.jsonl`, `annotator_b.jsonl`: each annotator's events with spans, kept so that
  the agreement figures can be recomputed;
- `dev.jsonl`, `test.jsonl`: the adjudicated gold, one line per article, split as
  `articles.jsonl` says;
- `agreement.json`: annotator B scored against annotator A with the scorer's own matching
  (overlapping evidence, same PLOVER category), per split and overall, and Cohen's kappa.

Kappa is computed over event units: every pair of A and B events with overlapping evidence
(matched one to one, any type) is a unit labelled with both categories; an event only one
annotator coded is a unit labelled NONE by the other. Units where neither saw an event are not
counted, so this kappa is lower than a per-sentence one would be.

    python gold/news_events/build_gold.py --work /tmp/newsgold --data ../shared/data
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from sankore.eval.news_events import GoldEvent, load_texts, match
from sankore.scoring import prf_counts

HERE = Path(__file__).parent


def locate(text: str, ev: dict, where: str) -> dict:
    evidence = ev["evidence_text"]
    start = text.find(evidence)
    if start < 0:
        raise SystemExit(f"{where}: evidence_text is not in the article: {evidence[:60]!r}")
    trig = ev.get("trigger") or ""
    t = text.find(trig, start, start + len(evidence)) if trig else -1

    def role(r: dict | None) -> dict | None:
        if not r:
            return None
        at = text.find(r.get("text") or "\0", start, start + len(evidence))
        return {"text": r.get("text"), "code": r.get("code"), "refers_to": r.get("refers_to"),
                "span": [at, at + len(r["text"])] if at >= 0 else None}

    return {"type": ev["type"], "mode": ev.get("mode"), "modality": ev["modality"],
            "attributed_to": ev.get("attributed_to"),
            # Offsets only: the evidence's words are the publisher's and stay in shared/ (the
            # scorer and `quote` below read them back from the text, checked by its hash).
            "evidence": [start, start + len(evidence)],
            "trigger": [t, t + len(trig)] if t >= 0 else None, "trigger_text": trig or None,
            "actor": role(ev.get("actor")), "target": role(ev.get("target")),
            "date": ev.get("date"), "date_text": ev.get("date_text"), "place": ev.get("place")}


def read_folder(folder: Path, articles: list[dict], texts: dict[str, str]) -> dict[str, list[dict]]:
    out = {}
    for a in articles:
        path = folder / (a["id"].replace(":", "_") + ".json")
        if not path.is_file():
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        out[a["id"]] = [locate(texts[a["id"]], ev, f"{path} event {i}")
                        for i, ev in enumerate(data["events"])]
    return out


def write(path: Path, articles: list[dict], events: dict[str, list[dict]]) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for a in articles:
            if a["id"] in events:
                f.write(json.dumps({"article": a["id"], **{k: a[k] for k in (
                    "corpus", "key", "published", "outlet", "sha1")}, "events": events[a["id"]]},
                    ensure_ascii=False) + "\n")


def gold_events(events: list[dict]) -> list[GoldEvent]:
    return [GoldEvent(e["type"], e["modality"], (e["evidence"][0], e["evidence"][1]), None, None, None, None)
            for e in events]


def kappa(pairs: list[tuple[str, str]]) -> float | None:
    if not pairs:
        return None
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    ca, cb = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(ca[k] * cb[k] for k in ca) / (n * n)
    return round((observed - expected) / (1 - expected), 3) if expected < 1 else 1.0


def agreement(a: dict[str, list[dict]], b: dict[str, list[dict]], ids: list[str]) -> dict:
    tp = n_a = n_b = 0
    units: list[tuple[str, str]] = []
    for i in ids:
        ga, gb = gold_events(a.get(i, [])), gold_events(b.get(i, []))
        n_a, n_b = n_a + len(ga), n_b + len(gb)
        tp += len(match(ga, gb_as_coded(gb)))
        aligned = match(ga, gb_as_coded(gb), typed=False)
        units += [(ga[x].category, gb[y].category) for x, y in aligned]
        units += [(ga[x].category, "NONE") for x in set(range(len(ga))) - {x for x, _ in aligned}]
        units += [("NONE", gb[y].category) for y in set(range(len(gb))) - {y for _, y in aligned}]
    return {"articles": len(ids), "events_a": n_a, "events_b": n_b,
            "type_f1_b_against_a": prf_counts(tp, n_b - tp, n_a - tp), "kappa_units": len(units),
            "cohen_kappa": kappa(units)}


class _Coded:
    """A GoldEvent seen through the scorer's coded-event interface (type, modality, evidence)."""

    def __init__(self, g: GoldEvent) -> None:
        self.type, self.modality, self.evidence = g.type, g.modality, g.evidence


def gb_as_coded(events: list[GoldEvent]) -> list[_Coded]:
    return [_Coded(g) for g in events]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--work", type=Path, required=True,
                    help="the annotators' folder: ann_A/, ann_B/ and adjudicated/, one JSON file per article")
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    args = ap.parse_args()
    articles = [json.loads(line) for line in open(HERE / "articles.jsonl", encoding="utf-8")]
    stubs = [a for a in read_gold_stubs(articles)]
    texts = load_texts(stubs, args.data / "corpus")
    ann = {who: read_folder(args.work / f"ann_{who.upper()}", articles, texts) for who in ("a", "b")}
    for who, events in ann.items():
        write(HERE / f"annotator_{who}.jsonl", articles, events)
    adjudicated = read_folder(args.work / "adjudicated", articles, texts)
    for split in ("dev", "test"):
        write(HERE / f"{split}.jsonl", [a for a in articles if a["split"] == split], adjudicated)
    both = [a["id"] for a in articles if a["id"] in ann["a"] and a["id"] in ann["b"]]
    report = {split: agreement(ann["a"], ann["b"], [i for i in both if split_of(articles, i) == split])
              for split in ("dev", "test")}
    report["all"] = agreement(ann["a"], ann["b"], both)
    report["adjudicated_articles"] = len(adjudicated)
    (HERE / "agreement.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2))


def split_of(articles: list[dict], article_id: str) -> str:
    return next(a["split"] for a in articles if a["id"] == article_id)


def read_gold_stubs(articles: list[dict]):
    from sankore.eval.news_events import GoldArticle

    return [GoldArticle(a["id"], a["corpus"], a["key"], a["published"], a["outlet"], a["sha1"], ())
            for a in articles]


if __name__ == "__main__":
    main()
