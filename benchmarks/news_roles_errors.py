"""Error analysis for event actors and targets on the news gold set's dev part.

Usage: python benchmarks/news_roles_errors.py [--limit N] [--coder lexical|embeddings]
                                              [--show CLASS] [--records FILE]

For each event Sankore matches to a gold event (the scorer's own matching,
`sankore.eval.news_events.match`), compares the gold actor and target (text, code) with the
coded participants and sorts each miss into one class:

- `none`: no participant coded at all;
- `wrong-span`: a participant that does not overlap the gold's words (nor what they refer to);
- `same-span-no-code`: the right words, but no code (a person without affiliation, a pronoun);
- `same-span-wrong-sector`: the right words and country, another sector;
- `same-span-wrong-country`: the right words and sector, another country (or none);
- `same-span-other`: the right words, another code altogether.

Only the `dev` split: the test part is scored by `sankore eval` alone. `--records` keeps the
analysed records (JSON lines) so that a rerun with another `--show` costs no parsing.
"""

from __future__ import annotations

import argparse
import collections
from functools import partial
from pathlib import Path

from _news_dev import analysed, gold_part

from sankore.eval.news_events import _agreement, match, score
from sankore.events.classifier import DEFAULT_CODER


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _classify(gold: dict | None, coded: list[tuple[str, str | None, list[tuple[int, int]]]], text: str
              ) -> str | None:
    """None when right (the scorer's rule: the gold code among the coded ones), else the
    class of the miss."""
    code = (gold or {}).get("code")
    if not code:
        return None
    codes = [c for _, c, _ in coded if c]
    if code in codes:  # the scorer's "code right": exact
        return None
    if not coded:
        return "none"
    span = tuple(gold["span"]) if gold.get("span") else None
    refers = gold.get("refers_to")
    same = [c for c in coded if span and any(_overlaps(span, m) for m in c[2])
            or refers and any(text[m[0]:m[1]] in refers for m in c[2])]
    if not same:
        return "wrong-span"
    got = [c for _, c, _ in same if c]
    if not got:
        return "same-span-no-code"
    g_country, _, g_sector = code.partition(" ")
    for c in got:
        country, _, sector = c.partition(" ")
        if country == g_country or (len(country) != 3 and c == g_sector):
            return "same-span-wrong-sector"
        if sector == g_sector:
            return "same-span-wrong-country"
    return "same-span-other"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--coder", default=DEFAULT_CODER)
    ap.add_argument("--show", default=None, help="print every miss of this class ('all': every one)")
    ap.add_argument("--records", type=Path, default=None, help="cache of the analysed records")
    args = ap.parse_args()
    articles, raw, texts = gold_part("dev", args.limit)
    records = analysed(articles, texts, args.coder, args.records)
    classes: dict[str, collections.Counter[str]] = {"actor": collections.Counter(),
                                                    "target": collections.Counter()}
    for article, record in zip(articles, records, strict=True):
        text = texts[article.id]
        gold_events = raw[article.id]["events"]
        entities = {e.id: e for e in record.entities}
        agreement = partial(_agreement, record, list(article.events), list(record.events))
        for gi, ci in match(list(article.events), list(record.events), agreement=agreement):
            g, c = gold_events[gi], record.events[ci]
            for role, ids in (("actor", c.actors), ("target", c.targets)):
                coded = [(entities[i].text, entities[i].code,
                          [tuple(m) for m in entities[i].mentions] or [tuple(entities[i].span)])
                         for i in ids if i in entities]
                # The mention the event used is not kept in the record: any of the entity's
                # mentions inside the evidence stands for it.
                ev = tuple(c.evidence)
                coded = [(t, code, [m for m in ms if _overlaps(m, ev)] or ms) for t, code, ms in coded]
                cls = _classify(g.get(role), coded, text)
                classes[role][cls or "right"] += 1 if g.get(role) and g[role].get("code") else 0
                if cls and args.show in (cls, "all"):
                    sentence = text[ev[0]:ev[1]].replace("\n", " ")[:300]
                    gold_p = g[role]
                    print(f"[{role} {cls}] {article.id} {c.type}\n  {sentence}\n  gold: {gold_p['text']!r} "
                          f"{gold_p['code']} (refers_to {gold_p.get('refers_to')!r})\n  coded: "
                          f"{[(t, code) for t, code, _ in coded]}")
    figures = score(articles, records)
    print(f"events: {figures['events']}; actor code {figures['actor_code_accuracy']}, "
          f"target code {figures['target_code_accuracy']} (the scorer's figures)")
    for role, counter in classes.items():
        total = sum(counter.values())
        print(f"{role}: {total} scored, right {counter['right']} ({counter['right'] / max(total, 1):.3f})")
        for cls, n in counter.most_common():
            if cls != "right":
                print(f"  {cls:26} {n}")


if __name__ == "__main__":
    main()
