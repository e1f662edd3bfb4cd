"""Nationality words and place-name modifiers linked to their country, scored against a
small hand-annotated set (issue 20's aim: linked to the right country >= 0.85).

The annotation is a TSV of (doc, start, end, text, type, target) rows, target being an ISO
alpha-3 code, `REGION:<gazetteer name>` or `NONE` (a people with no country: "Kurdish",
"Arab", which must stay unlinked); the texts are given by the caller. A gold mention is
linked right when a place the places stage found over it (`doc._.places` or
`doc._.demonyms`) carries its country (or, for a region, its name); a `NONE` mention is a
false link when any found place over it has a country or a name. Found nationality words
(`doc._.demonyms`) over no annotated mention count against precision.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language


@dataclass(frozen=True)
class GoldMention:
    doc: str
    start: int
    end: int
    text: str
    type: str  # adj, dem, nmod, emb
    target: str  # ISO alpha-3, REGION:<name> or NONE


def read_annotations(path: Path) -> list[GoldMention]:
    out: list[GoldMention] = []
    rows = [line for line in path.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]
    for number, line in enumerate(rows[1:], start=2):
        cells = line.split("\t")
        if len(cells) != 6:
            raise ValueError(f"{path}: row {number}: expected 6 tab-separated columns")
        doc, start, end, text, kind, target = cells
        out.append(GoldMention(doc, int(start), int(end), text, kind, target))
    return out


def _right(place, target: str) -> bool:
    if target.startswith("REGION:"):
        return place.name == target.split(":", 1)[1]
    return place.country == target


def score(nlp: Language, texts: dict[str, str], gold: list[GoldMention]) -> dict:
    """Per annotation type: mentions and how many were linked right; false links on `NONE`
    mentions; precision of the nationality words found."""
    linked: Counter[str] = Counter()
    total: Counter[str] = Counter()
    false_links = none = found = found_right = 0
    errors: list[str] = []
    for name, text in texts.items():
        doc = nlp(text)
        places = [*doc._.places, *doc._.demonyms]
        mentions = [g for g in gold if g.doc == name]
        for g in mentions:
            if text[g.start:g.end] != g.text:
                raise ValueError(f"{name}: {g.start}-{g.end} is not {g.text!r}")
            over = [p for p in places if p.start < g.end and g.start < p.end]
            if g.target == "NONE":
                none += 1
                if any(p.country or p.name for p in over):
                    false_links += 1
                    errors.append(f"{name} {g.text!r}: linked, should not be")
                continue
            total[g.type] += 1
            if any(_right(p, g.target) for p in over):
                linked[g.type] += 1
            else:
                errors.append(f"{name} {g.text!r} ({g.type}): {[(p.text, p.country, p.name) for p in over]} "
                              f"not {g.target}")
        for p in doc._.demonyms:
            if p.kind == "embedded":
                continue  # a place name inside a longer name, not a nationality word
            found += 1
            found_right += any(g.start < p.end and p.start < g.end and g.target != "NONE"
                               and _right(p, g.target) for g in mentions)
    country_words = total["adj"] + total["dem"]
    return {
        "by_type": {t: {"mentions": n, "linked_right": linked[t], "accuracy": round(linked[t] / n, 3)}
                    for t, n in sorted(total.items())},
        "adjectives_and_demonyms_accuracy": round((linked["adj"] + linked["dem"]) / country_words, 3)
        if country_words else None,
        "all_accuracy": round(sum(linked.values()) / sum(total.values()), 3) if total else None,
        "unlinked_peoples": {"mentions": none, "false_links": false_links},
        "demonyms_found": {"found": found, "right": found_right,
                           "precision": round(found_right / found, 3) if found else None},
        "errors": errors,
    }
