"""Propose trigger-lexicon entries from the SYNTHETIC stories: `python -m training.events.mine`.

Distant supervision: a story's label (its prompt's PLOVER type) is taken as the type of the
main predicate of its headline and first sentence. Over the 9,000 units, a verb (with its
particle) or a verb's object noun that the lexicon does not know, seen at least `--min`
times and with one label in at least `--share` of them, is printed as a candidate line in
the lexicon's TSV format, with its counts, for a person to review. Nothing is written to
the lexicon: the stories are LLM-written and their labels are document-level, so a
candidate is a suggestion ("rally" under PROTEST), not a fact ("say" under ACCUSE).
The GSR is not read at all, so the held split stays unseen.
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from pathlib import Path

from spacy.tokens import Token

from sankore.events.categories import CAMEO_ROOT
from sankore.events.code import LIGHT_VERBS
from sankore.events.lexicon import token_match

from ..paths import SHARED_EVENTS

# Function-like verbs that carry no event however often they head a story's sentence.
_GENERIC = {"be", "have", "say", "do", "make", "get", "take", "go", "come", "see", "become", "tell",
            "report", "state", "add", "include", "accord", "follow", "cite", "use", "expect"}


def _phrases(tok: Token) -> list[tuple[str, str]]:
    """(pos, phrase) candidates for a predicate: the verb with its particle, and the object
    noun of a light verb ("staged a sit-in": N sit-in)."""
    out = []
    if tok.pos_ == "VERB" and tok.lemma_.lower() not in _GENERIC:
        prt = [c.lemma_.lower() for c in tok.children if c.dep_ == "prt"]
        out.append(("V", " ".join([tok.lemma_.lower(), *prt[:1]])))
    for c in tok.children:
        if c.dep_ in ("dobj", "nsubjpass") and c.pos_ == "NOUN" and tok.lemma_.lower() in LIGHT_VERBS:
            out.append(("N", c.lemma_.lower()))
    return out


def mine(units: list[tuple[str, str]], nlp, min_count: int, share: float) -> list[tuple]:
    counts: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for doc, (_, label) in zip(nlp.pipe([t for t, _ in units], batch_size=64), units, strict=True):
        seen = set()
        for tok in doc:
            # The main predicate and its coordinated or complement predicates only.
            if tok.dep_ not in ("ROOT", "conj", "xcomp", "ccomp") or token_match(tok) is not None:
                continue
            for cand in _phrases(tok):
                if cand not in seen:
                    seen.add(cand)
                    counts[cand][label] += 1
    rows = []
    for (pos, phrase), by_label in counts.items():
        total = sum(by_label.values())
        label, n = by_label.most_common(1)[0]
        if total >= min_count and n / total >= share:
            rows.append((pos, phrase, label, n, total))
    return sorted(rows, key=lambda r: (r[2], -r[3]))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=Path, default=SHARED_EVENTS, help="shared/data/events folder")
    parser.add_argument("--min", type=int, default=5, help="least number of units")
    parser.add_argument("--share", type=float, default=0.6, help="least share of one label")
    args = parser.parse_args(argv)

    from sankore.pipeline import load_base_model

    from .gold import read_synthetic

    rows = mine(read_synthetic(args.events), load_base_model(), args.min, args.share)
    print("# candidates: pos, phrase, type, mode, cameo, weight  # label count / units")
    for pos, phrase, label, n, total in rows:
        print(f"{pos}\t{phrase}\t{label}\t-\t{CAMEO_ROOT[label]}\t0.6\t# {n}/{total}")


if __name__ == "__main__":
    main()
