"""Learn the attribution-cue table from PolNeAR train: `python -m training.attribution.learn_cues`.

A hand list of speech verbs misses most of what news annotators mark as cues ("criticized",
"endorsed", "called for", "refusal"), so the table is counted from data: for every
(lemma, coarse POS) pair, how often a token with it lies inside an annotated `Cue` span, out
of how often it occurs outside any annotated content (PolNeAR marks each token with at most
one role, so a word inside someone's content is never a cue of its own and would only blur
the estimate). Pairs with enough support and a high enough share are written to
`resources/data/speech_cues_learned.tsv`; the share is the cue's confidence at run time.

The article split, the first-annotator rule and the parse are those of `sankore eval quotes`,
so the table is learned on train only and dev stays a held-out check.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from sankore.attribution.cues import coarse_pos, keys
from sankore.eval.quotes import read_ann, read_split

from ..paths import RESOURCES, SHARED_QUOTES

MIN_CUES = 4  # fewer annotated cues than this is an anecdote, not a pattern ...
MIN_SHARE = 0.2  # below this the word is not a cue four times out of five
# ... unless the word is a cue at least half the times it occurs: most cues are rare
# ("downplayed", "walked back"), and on a held-out train slice (articles 200–400 left out of
# the counts) keeping those seen twice or three times raised overlap F1 0.764 → 0.769.
RARE_CUES, RARE_SHARE = 2, 0.5
_HEADER = """# Attribution cues learned from PolNeAR v1.0.0 train (networkdynamics/PolNeAR, commit
# c3eee833; the PolNeAR package states license MIT, the articles remain their publishers'):
# per lemma (or lemma plus its preposition: "talk about") and coarse POS, how often a token
# is inside an annotated Cue span (cues) out of its occurrences outside annotated content
# (total); share = cues / total, used as the cue's confidence. Only counts ship here, no
# text. Rebuilt by `python -m training.attribution.learn_cues --gold <PolNeAR folder>`.
"""


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= position < e for s, e in spans)


def count_doc(doc, attrs, cues: Counter, totals: Counter) -> None:
    """Add one parsed article's counts (its gold attributions `attrs`) to `cues` and `totals`."""
    cue_spans = [span for a in attrs for span in a.cue]
    content = [span for a in attrs for span in a.content]
    for token in doc:
        pos = coarse_pos(token)
        if pos is None or not token.is_alpha:
            continue
        for key in keys(token, pos):
            if _inside(token.idx, cue_spans):
                cues[key] += 1
                totals[key] += 1
            elif not _inside(token.idx, content):
                totals[key] += 1


def count(gold: Path, nlp, limit: int | None = None) -> tuple[Counter, Counter]:
    pairs = read_split(Path(gold) / "train")[:limit]
    cues: Counter = Counter()
    totals: Counter = Counter()
    texts = [t.read_text("utf-8") for t, _ in pairs]
    for (_, ann), doc in zip(pairs, nlp.pipe(texts, batch_size=16), strict=True):
        count_doc(doc, read_ann(ann.read_text("utf-8")), cues, totals)
    return cues, totals


def table(cues: Counter, totals: Counter) -> list[tuple[str, str, int, int, float]]:
    rows = []
    for key, n in cues.items():
        share = n / totals[key]
        if (n >= MIN_CUES and share >= MIN_SHARE) or (n >= RARE_CUES and share >= RARE_SHARE):
            rows.append((key[0], key[1], n, totals[key], round(share, 3)))
    return sorted(rows, key=lambda r: (-r[4], r[0]))


def main(argv: list[str] | None = None) -> None:
    from sankore.pipeline import load_base_model

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", default=str(SHARED_QUOTES), help="PolNeAR folder with train/")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--out", default=str(RESOURCES / "speech_cues_learned.tsv"))
    args = parser.parse_args(argv)
    nlp = load_base_model()
    rows = table(*count(Path(args.gold), nlp, args.limit))
    lines = [_HEADER.rstrip("\n"), "lemma\tpos\tcues\ttotal\tshare"]
    lines += ["\t".join(map(str, row)) for row in rows]
    Path(args.out).write_text("\n".join(lines) + "\n", "utf-8")
    print(f"{len(rows)} cues → {args.out}")


if __name__ == "__main__":
    main()
