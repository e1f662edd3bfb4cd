"""Choose the articles of the news events gold set, reproducibly, and write them out for annotators.

The gold set codes real news from the three corpora in ../shared/data/corpus: the founding
article, the Guardian sample and IndiaPoliceEvents (Times of India, 2002). Articles are drawn
with a fixed seed so that anyone can rebuild the same list; the texts themselves are never
copied into the repository (their licences do not allow it): `articles.jsonl` names each one
by corpus and key, with a hash of its text so that a changed source is detected.

Split: IndiaPoliceEvents documents are split by `ipe_split(doc_id)`, the same function that
splits its sentence labels, so the news test part and the IndiaPoliceEvents test part never
overlap with what is tuned on. Guardian articles alternate dev/test in draw order.

    python gold/news_events/select_articles.py --data ../shared/data --out /tmp/newsgold
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import sys
from pathlib import Path

SEED = 2026
N_GUARDIAN = 36
N_IPE = 44
# Guardian articles average 5,660 characters; coding every event in one takes an annotator
# long enough that the set is drawn from the shorter half (documented in the data card).
GUARDIAN_MAX_CHARS = 5000
IPE_MIN_CHARS, IPE_MAX_CHARS = 600, 4000


def ipe_split(doc_id: int) -> str:
    """IndiaPoliceEvents document split: one in four to test, by a hash of the id."""
    digest = hashlib.sha1(f"ipe:{doc_id}".encode()).digest()
    return "test" if digest[0] % 4 == 0 else "dev"


def sha(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def guardian(data: Path) -> list[dict]:
    csv.field_size_limit(sys.maxsize)
    with open(data / "corpus/guardian/Guardian_SDF_sample.csv", encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if len(r["text"]) <= GUARDIAN_MAX_CHARS]
    picked = random.Random(SEED).sample(rows, N_GUARDIAN)
    return [
        {"id": f"guardian:{r['']}", "corpus": "guardian", "key": r[""], "published": r["date"],
         "outlet": "The Guardian", "split": "dev" if i % 2 == 0 else "test",
         "chars": len(r["text"]), "sha1": sha(r["text"]), "_text": r["text"]}
        for i, r in enumerate(picked)
    ]


def ipe(data: Path) -> list[dict]:
    folder = data / "corpus/india_police_events"
    with open(folder / "docs.jsonl", encoding="utf-8") as f:
        docs = [json.loads(line) for line in f]
    with open(folder / "metadata.jsonl", encoding="utf-8") as f:
        dates = {m["doc_id"]: m["date"] for m in map(json.loads, f)}
    rng = random.Random(SEED)
    out: list[dict] = []
    for split in ("dev", "test"):
        pool = [d for d in docs if ipe_split(d["doc_id"]) == split
                and IPE_MIN_CHARS <= len(d["doc_text"]) <= IPE_MAX_CHARS]
        # Half with a police action, half without, so the set is not only police news.
        acting = [d for d in pool if "ANY_ACTION" in d["doc_labels"]]
        other = [d for d in pool if "ANY_ACTION" not in d["doc_labels"]]
        half = N_IPE // 4
        for d in rng.sample(acting, half) + rng.sample(other, half):
            out.append({"id": f"ipe:{d['doc_id']}", "corpus": "india_police_events",
                        "key": str(d["doc_id"]), "published": dates[d["doc_id"]],
                        "outlet": "The Times of India", "split": split,
                        "chars": len(d["doc_text"]), "sha1": sha(d["doc_text"]), "_text": d["doc_text"]})
    return out


def seed(data: Path) -> list[dict]:
    path = data / "corpus/seed/aes_2025-04-30.txt"
    text = path.read_text(encoding="utf-8")
    return [{"id": "seed:aes_2025-04-30", "corpus": "seed", "key": "aes_2025-04-30.txt",
             "published": "2025-04-30", "outlet": "Global Research", "split": "dev",
             "chars": len(text), "sha1": sha(text), "_text": text}]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--out", type=Path, help="folder for annotators' copies of the texts")
    args = ap.parse_args()
    articles = seed(args.data) + guardian(args.data) + ipe(args.data)
    manifest = Path(__file__).with_name("articles.jsonl")
    with open(manifest, "w", encoding="utf-8") as f:
        for a in articles:
            f.write(json.dumps({k: v for k, v in a.items() if k != "_text"}, ensure_ascii=False) + "\n")
    if args.out:
        (args.out / "articles").mkdir(parents=True, exist_ok=True)
        for a in articles:
            name = a["id"].replace(":", "_")
            (args.out / "articles" / f"{name}.txt").write_text(a["_text"], encoding="utf-8")
    counts = {s: sum(a["split"] == s for a in articles) for s in ("dev", "test")}
    print(f"{len(articles)} articles: {counts}")


if __name__ == "__main__":
    main()
