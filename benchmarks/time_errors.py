"""Error analysis for the time stage on TimeML dev data: value errors grouped by category.

Usage: python benchmarks/time_errors.py [GOLD_DIR] [--show CATEGORY] [--limit N]

The spaCy parse is cached (DocBin under the system temp folder) so that re-running after a
change to `sankore.timex` costs only the time stage. Categories are coarse classes of
expression (by the pattern that matched and by the gold value's shape), so that the
biggest general classes of error are visible; no document-specific rule comes from here.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import tempfile
from pathlib import Path

from spacy.tokens import DocBin

from sankore.eval.time import Predicted, _match_relaxed
from sankore.eval.timeml import iter_timeml
from sankore.pipeline import build_pipeline

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "data" / "time" / "TBAQ-cleaned"


def _parsed(nlp, docs):
    key = hashlib.sha1("".join(d.text for d in docs).encode()).hexdigest()[:12]
    cache = Path(tempfile.gettempdir()) / f"sankore_time_parse_{key}.spacy"
    if cache.exists():
        return list(DocBin().from_disk(cache).get_docs(nlp.vocab))
    with nlp.select_pipes(disable=["sankore_times"]):
        parsed = list(nlp.pipe((d.text for d in docs), batch_size=16))
    DocBin(store_user_data=False, docs=parsed).to_disk(cache)
    return parsed


def _category(gold_value: str | None, pred) -> str:
    if pred.value is None:
        return "unresolved"
    kind = pred.extra.get("pattern", "?")
    if gold_value and pred.value and gold_value.split("-")[0] != pred.value.split("-")[0] and \
            gold_value[:1].isdigit() and pred.value[:1].isdigit():
        return f"{kind}:wrong-year"
    return kind


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold", nargs="?", default=str(GOLD))
    ap.add_argument("--show", default=None, help="print every error of this category")
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args()
    nlp = build_pipeline(components=("sankore_times",))
    comp = nlp.get_pipe("sankore_times")
    docs = list(iter_timeml(Path(args.gold), args.limit))
    parsed = _parsed(nlp, docs)
    errors: dict[str, list[str]] = collections.defaultdict(list)
    missed: list[str] = []
    spurious: list[str] = []
    n_pairs = ok = 0
    for d, doc in zip(docs, parsed, strict=True):
        doc._.published = d.dct
        doc._.boilerplate = []
        mentions = comp(doc)._.times
        by_span = {(m.start, m.end): m for m in mentions}
        preds = [Predicted(m.start, m.end, m.type, m.value) for m in mentions]
        pairs = _match_relaxed(d.timexes, preds)
        matched_g = {(g.start, g.end) for g, _ in pairs}
        matched_p = {(p.start, p.end) for _, p in pairs}
        for g, p in pairs:
            n_pairs += 1
            m = by_span[(p.start, p.end)]
            if g.value == p.value:
                ok += 1
                continue
            ctx = d.text[max(0, g.start - 70):g.end + 40].replace("\n", " ")
            errors[_category(g.value, m)].append(
                f"{d.path.name} dct={d.dct} | {g.text!r} gold={g.value} pred={p.value} "
                f"[{m.extra.get('pattern')} {m.extra.get('tense')}] … {ctx}")
        for g in d.timexes:
            if (g.start, g.end) not in matched_g:
                missed.append(f"{g.text!r} {g.type} {g.value} … "
                              f"{d.text[max(0, g.start - 50):g.end + 30]!r}")
        for m in mentions:
            if (m.start, m.end) not in matched_p:
                spurious.append(f"{m.text!r} {m.value} [{m.extra.get('pattern')}] … "
                                f"{d.text[max(0, m.start - 50):m.end + 30]!r}")
    print(f"relaxed pairs {n_pairs}, value ok {ok} ({ok / max(n_pairs, 1):.4f})")
    for cat, items in sorted(errors.items(), key=lambda kv: -len(kv[1])):
        print(f"{len(items):4d}  {cat}")
    print(f"missed gold {len(missed)}, spurious {len(spurious)}")
    if args.show:
        pool = {"missed": missed, "spurious": spurious}.get(args.show) or errors.get(args.show, [])
        if args.show == "all":
            pool = [e for items in errors.values() for e in items]
        for line in pool:
            print(" ", line)


if __name__ == "__main__":
    main()
