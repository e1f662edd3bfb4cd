"""SYNTHETIC codebook sentences: training units written from the CAMEO -> PLOVER table.

`python -m training.events.codebook RAW.jsonl ... [--out FILE]` turns sentences written for
each CAMEO code of CAMEO2PLOVER-2021 (`{"cameo": "0311", "text": "..."}`, twenty per code in
two batches, by language-model helpers told to invent wire-style reports with real actors
and varied wording, and not to reproduce codebook or dataset examples; the second batch
mostly adds another event in a subordinate clause, so that the main one must be told from
it) into the training file
`data/events/codebook_sentences.jsonl` (`{"cameo", "type", "mode", "text"}`), the PLOVER
type and mode taken from the table.

Why: the GSR's 245 training records are CAMEO-manual sentences, one per CAMEO code or so;
the NGEC stories are news prose labelled by document. Sentences written per CAMEO code give
the classifier the phrasing of every code, in the GSR's one-sentence form, which neither has.
They are not facts and never evidence, gold or examples.

Contamination check: the only use of the GSR records here, all of them, held ones included,
is to drop a sentence that shares a run of eight words with any GSR record (a remembered
codebook example); the count dropped is printed and recorded in the data card.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from ..paths import PROJECT_DATA, SHARED_EVENTS
from .build_cameo_verbs import plover, read_table

CODEBOOK = PROJECT_DATA / "events" / "codebook_sentences.jsonl"
_NGRAM = 8


def _ngrams(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return {tuple(words[i:i + _NGRAM]) for i in range(len(words) - _NGRAM + 1)}


def read_codebook(path: Path = CODEBOOK, codes: list[str] | None = None) -> list[tuple[str, str]]:
    """(sentence, PLOVER type) training units; [] when the file is absent. `codes`, when
    given, receives each unit's CAMEO code (a cross-validation by code keeps a code's
    sentences in one fold)."""
    if not path.exists():
        return []
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    if codes is not None:
        codes.extend(r["cameo"] for r in rows)
    return [(r["text"], r["type"]) for r in rows]


def build(raw: list[Path], table_path: Path, gsr_texts: list[str]) -> tuple[list[dict], dict]:
    table = read_table(table_path)
    seen_gsr = set().union(*(_ngrams(t) for t in gsr_texts)) if gsr_texts else set()
    out, seen, counts = [], set(), {"read": 0, "no_plover_type": 0, "duplicate": 0, "overlaps_gsr": 0}
    for path in raw:
        for line in path.read_text("utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            counts["read"] += 1
            text = " ".join(str(row["text"]).split())
            coded = plover(str(row["cameo"]), table)
            if coded is None:
                counts["no_plover_type"] += 1
                continue
            if text.lower() in seen:
                counts["duplicate"] += 1
                continue
            if _ngrams(text) & seen_gsr:
                counts["overlaps_gsr"] += 1
                continue
            seen.add(text.lower())
            out.append({"cameo": str(row["cameo"]), "type": coded[0], "mode": coded[1], "text": text})
    counts["kept"] = len(out)
    return out, counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("raw", type=Path, nargs="+")
    parser.add_argument("--events", type=Path, default=SHARED_EVENTS)
    parser.add_argument("--out", type=Path, default=CODEBOOK)
    args = parser.parse_args()
    from sankore.eval.events_gold import read_gsr

    rows, counts = build(args.raw, args.events / "plover" / "CAMEO2PLOVER-2021.txt",
                         [r.text for r in read_gsr(args.events)])
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    print(json.dumps({"out": str(args.out), **counts}))


if __name__ == "__main__":
    main()
