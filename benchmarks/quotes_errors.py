"""Error categories of the quotes stage on a PolNeAR slice: what the missed gold attributions
have in common, so work goes to the biggest general category, not to one article.

Parses the slice once (base model + places + actors) and caches the docs (pickle) under
/tmp, so a rerun after a rule change times and scores `sankore_quotes` alone. Prints the
slice's scores, then the misses (gold with no overlapping prediction) by category and their
most frequent cue lemmas, and the false positives by cue.

Usage: python benchmarks/quotes_errors.py [--split train] [--start 200] [--stop 400] [--show 0]
       [--fp 0] [--rules-only]

The cue table and the candidate check were trained on all of train, so train figures here
are in-sample; `python -m training.attribution.train_candidates` prints cross-fitted ones.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import re
import tempfile
from collections import Counter
from pathlib import Path

from sankore.attribution.candidates import judge_with
from sankore.eval.quotes import Scorer, read_ann, read_split, sankore_attributions
from sankore.pipeline import build_pipeline
from sankore.pipeline.quotes import QuoteFinder

ROOT = Path(__file__).resolve().parents[1]

_QUOTE_MARKS = re.compile(r"[\"“”]")


def _touch(a, b) -> bool:
    return any(min(e1, e2) > max(s1, s2) for s1, e1 in a for s2, e2 in b)


def parsed(pairs, cache: Path):
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    nlp = build_pipeline(components=("sankore_places", "sankore_actors"))
    docs = list(nlp.pipe([t.read_text("utf-8") for t, _ in pairs], batch_size=16))
    cache.write_bytes(pickle.dumps(docs))
    return docs


def category(doc, text: str, gold, lexicon) -> str:
    """One coarse reason per missed gold attribution, checked in this order."""
    first = min(s for s, _ in gold.content)
    if first < text.find("\n"):
        return "headline"
    content = " ".join(text[s:e] for s, e in gold.content)
    if not gold.cue:
        return "no gold cue"
    if _QUOTE_MARKS.search(content):
        return "has quotation marks"
    cue = doc.char_span(*gold.cue[0], alignment_mode="expand")
    if cue is None or not len(cue):
        return "cue not a token"
    if cue[0].lower_ == "according":
        return "according to"
    heads = [t for t in cue if t.pos_ in ("VERB", "NOUN", "ADJ", "AUX")] or list(cue)
    if not any(lexicon.is_cue(t) or lexicon.is_noun_cue(t) for t in heads):
        known = any(lexicon.share(t) > 0 or t.lemma_.lower() in lexicon.verbs for t in heads)
        return f"cue unknown ({heads[0].pos_})" if not known else f"cue known, wrong POS ({heads[0].pos_})"
    known = [t for t in heads if lexicon.is_cue(t) or lexicon.is_noun_cue(t)]
    return "cue known, " + _why(doc, gold, cue, known[0])


def _why(doc, gold, cue, token) -> str:
    """Why a known cue gave no matching attribution: what the extractor made of it."""
    from sankore.attribution import syntax

    at_cue = [q for q in doc._.quotes if q.cue_span and q.cue_span[0] < gold.cue[-1][1]
              and gold.cue[0][0] < q.cue_span[1]]
    if at_cue:
        return "predicted at this cue, other content"
    if token.dep_ == "amod":
        return "cue is amod"
    if token.pos_ == "NOUN" or token.tag_.startswith("NN"):
        return "noun cue, no owner/content"
    text = doc.text
    broad = token.lemma_.lower() not in ("say", "tell", "ask", "speak", "talk", "write", "add")
    content = syntax.content_of(token, text, broad=broad)
    if content is None:
        return "verb cue, no content"
    if syntax.subject_of(token) is None and not syntax.is_passive(token):
        return f"verb cue, no subject (dep {token.dep_})"
    return "verb cue, content elsewhere"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", default=str(ROOT.parent / "shared" / "data" / "quotes"))
    parser.add_argument("--split", default="train")
    parser.add_argument("--start", type=int, default=200)
    parser.add_argument("--stop", type=int, default=400)
    parser.add_argument("--show", type=int, default=0, help="print this many misses of each category")
    parser.add_argument("--fp", type=int, default=0, help="print this many false positives")
    parser.add_argument("--rules-only", action="store_true",
                        help="keep every candidate the rules propose (no learned check)")
    args = parser.parse_args()
    pairs = read_split(Path(args.gold) / args.split)[args.start:args.stop]
    key = hashlib.sha1(f"{args.gold}{args.split}{args.start}{args.stop}".encode()).hexdigest()[:10]
    docs = parsed(pairs, Path(tempfile.gettempdir()) / f"sankore_quotes_{key}.pkl")
    finder = QuoteFinder(None)
    if args.rules_only:
        finder.extract.judge = judge_with(None)
    lexicon = finder.extract.lexicon
    scorer = Scorer()
    misses: Counter = Counter()
    cues_missed: Counter = Counter()
    fps: Counter = Counter()
    examples: dict[str, list[str]] = {}
    fp_examples = []
    for (_, ann), doc in zip(pairs, docs, strict=True):
        finder(doc)
        text = doc.text
        gold = read_ann(ann.read_text("utf-8"))
        predicted = sankore_attributions(doc)
        scorer.add(text, gold, predicted)
        for g in gold:
            if any(_touch(p.content, g.content) for p in predicted):
                continue
            cat = category(doc, text, g, lexicon)
            misses[cat] += 1
            cue_text = " ".join(text[s:e] for s, e in g.cue).lower()
            cues_missed[cue_text] += 1
            content = " | ".join(text[s:e] for s, e in g.content)
            examples.setdefault(cat, []).append(f"[{cue_text}] {content[:160]!r}")
        for p in predicted:
            if not any(_touch(p.content, g.content) for g in gold):
                cue_text = " ".join(text[s:e] for s, e in p.cue).lower() or "(none)"
                fps[cue_text] += 1
                fp_examples.append(f"[{cue_text}] {' | '.join(text[s:e] for s, e in p.content)[:160]!r}")
    print(json.dumps(scorer.result()))
    print(f"\nmisses by category ({sum(misses.values())}):")
    for cat, n in misses.most_common():
        print(f"  {n:5d}  {cat}")
        for line in examples[cat][:args.show]:
            print(f"           {line}")
    print("\nmost missed cues:", ", ".join(f"{c} {n}" for c, n in cues_missed.most_common(40)))
    print("\nfalse positives by cue:", ", ".join(f"{c} {n}" for c, n in fps.most_common(30)))
    for line in fp_examples[:args.fp]:
        print(f"   {line}")


if __name__ == "__main__":
    main()
