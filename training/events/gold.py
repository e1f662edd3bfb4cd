"""The synthetic PLOVER stories (NGEC, 2023), read for training and benchmarks only.

Training material, never evidence and never news: `sankore eval` does not read them, so
they live here, outside the wheel. The GSR reader that `sankore eval events` uses is
`sankore.eval.events_gold`.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

from sankore.eval.events_gold import SYNTHETIC_FILE, GoldEvent


def read_synthetic(events_dir: Path, groups: list[str] | None = None) -> list[tuple[str, str]]:
    """(sentence, label) pairs from the SYNTHETIC stories: the filled headline and the first
    sentence of each story. Training material only: never evidence, never news. `groups`,
    when given, receives each pair's headline template (stories of one template are siblings:
    a cross-validation keeps them in one fold)."""
    path = next(events_dir.rglob(SYNTHETIC_FILE))
    with zipfile.ZipFile(path) as z:
        name = z.namelist()[0]
        rows = list(csv.DictReader(io.TextIOWrapper(z.open(name), encoding="utf-8")))
    pairs = []
    for row in rows:
        headline = row["prompt"].split("\n")[0].strip()
        first = row["text"].strip().split("\n")[0]
        first = first.split(". ")[0].strip()
        for text in (headline, first):
            if text:
                pairs.append((text, row["label"].strip()))
                if groups is not None:
                    groups.append(row["title"].strip())
    return pairs


# Neutral fillers for the headline templates' slots ("{country_1} Leader Quits"): any real
# names would do; these are fixed so that runs compare.
_SLOTS = {"country_1": "Kenya", "country_2": "Uganda", "country_3": "Tanzania", "city": "Nairobi",
          "city_1": "Nairobi", "city_2": "Kampala"}


def read_headlines(events_dir: Path) -> list[GoldEvent]:
    """The synthetic stories' distinct headline templates (332, hand-written prompts with a
    PLOVER label), sentence-cased so that the parser reads them as sentences, their slots
    filled with fixed names. The prompts are a person's, the stories a model's; the labels
    follow NGEC's conventions, not the GSR's (an agreed concession is CONCEDE there, AGREE in
    the CAMEO table). A check of the trigger lexicon's reach, not a gold standard."""
    path = next(events_dir.rglob(SYNTHETIC_FILE))
    with zipfile.ZipFile(path) as z:
        rows = list(csv.DictReader(io.TextIOWrapper(z.open(z.namelist()[0]), encoding="utf-8")))
    seen: dict[tuple[str, str], str | None] = {}
    for row in rows:
        mode = (row["mode"] or "").strip().lower() or None
        seen.setdefault((row["title"].strip(), row["label"].strip()), mode)
    out = []
    for n, ((title, label), mode) in enumerate(sorted(seen.items())):
        words = [w if i == 0 or w.startswith("{") or (w.isupper() and len(w) > 1) else w.lower()
                 for i, w in enumerate(title.split())]
        text = re.sub(r"\{(\w+)\}", lambda m: _SLOTS.get(m.group(1), "Kenya"), " ".join(words))
        out.append(GoldEvent(f"headline-{n:03d}", text.rstrip(".") + ".", label, mode, (), ()))
    return out
