"""Where LGL toponym recall (and precision) is lost, by class, for the places stage.

Usage: python benchmarks/geo_errors.py [--gold lgl.xml] [--limit N] [--show CLASS] [--json] [--single]

LGL only: it is the set the places rules are tuned on. GeoVirus is scored only (`sankore
eval geo`); its errors are never read, so this script refuses a GeoVirus file.

Each gold toponym that no predicted place overlaps falls in the first class that fits:

- `nationality word`: Sankore found it, but as a nationality word ("Russian", "Iraqi"),
  which the place figures leave out (they count `doc._.places` and the embedded names);
- `no coordinates`: LGL gives no gaztag (mostly streets: "Memphis St.");
- `feature:<class>`: a GeoNames feature class other than A/P (spot, road, park, water,
  mountain: "Mississippi River", "Central Park");
- `ner:none` / `ner:<LABEL>`: spaCy's NER found no entity over it, or typed it as a non-place
  (PERSON, ORG, NORP, FAC, ...), and the gazetteer scan did not recover it; split by
  whether the gazetteer knows the gold text (`+gaz`, `-gaz`);
- `gpe/loc:no gazetteer entry`: a GPE/LOC entity the gazetteer does not know;
- `gpe/loc:filtered`: a GPE/LOC entity the gazetteer knows, dropped by a non-place rule;
- `boundary`: an entity overlaps the gold span but starts or ends elsewhere, and was dropped.

False positives (predicted places over no gold toponym) are counted by NER label and kind;
found toponyms resolved neither to the gold's GeoNames entry nor within 161 km, by how far
off and the gold's GeoNames feature code. `--show fp ...` and `--show res ...` list them.
Articles are read as `sankore eval geo` reads them: each outlet's home learned from its
other articles (`sankore.geo.outlets`); `--single` reads each article alone.
The spaCy parse is cached under the system temp folder, so re-running after a change to
`sankore.geo` costs only the places stage.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import json
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import _checkout  # noqa: F401  (puts the checkout on sys.path)
from spacy.tokens import Doc, DocBin

from sankore.distance import haversine_km
from sankore.eval.geo import THRESHOLD_KM, GoldToponym, Tally, _predicted, first_reading, read_lgl
from sankore.geo.gazetteer import load_gazetteer
from sankore.geo.names import name_key
from sankore.pipeline import build_pipeline

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "data" / "geo" / "lgl.xml"
PLACE_LABELS = {"GPE", "LOC"}


def parsed_docs(nlp, texts: list[str]) -> list[Doc]:
    """The spaCy parses of `texts` (places stage off), cached as a DocBin by content."""
    key = hashlib.sha1("\0".join(texts).encode()).hexdigest()[:12]
    cache = Path(tempfile.gettempdir()) / f"sankore_geo_parse_{key}.spacy"
    if cache.exists():
        return list(DocBin().from_disk(cache).get_docs(nlp.vocab))
    with nlp.select_pipes(disable=["sankore_places"]):
        docs = list(nlp.pipe(texts, batch_size=32))
    DocBin(store_user_data=False, docs=docs).to_disk(cache)
    return docs


def feature_classes(path: Path, field: str = "fclass") -> dict[tuple[str, int], str]:
    """LGL's GeoNames feature class (or `field`: fcode) per (docid, start) of a gold toponym."""
    out = {}
    for article in ET.parse(path).getroot().iter("article"):
        for top in article.iter("toponym"):
            tag = top.find("gaztag")
            out[(article.get("docid", ""), int(top.findtext("start") or 0))] = (
                tag.findtext(field) or "?" if tag is not None else "")
    return out


def resolution_class(gold: GoldToponym, pred, fcode: str) -> str | None:
    """Why a found toponym is not the gold's entry nor within 161 km (None when it is)."""
    if gold.lat is None or gold.lon is None or (
            gold.geonameid is not None and pred.geonameid == gold.geonameid):
        return None
    if pred.lat is None or pred.lon is None:
        return f"unresolved (gold {fcode})"
    km = haversine_km(gold.lat, gold.lon, pred.lat, pred.lon)
    if km <= THRESHOLD_KM:
        return None
    return f"{'< 1,000' if km < 1000 else '>= 1,000'} km off (gold {fcode})"


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return min(a_end, b_end) > max(a_start, b_start)


DASHES = {"-", "--", "—", "–"}


def _is_dateline(doc: Doc, gold: GoldToponym) -> bool:
    """"TORRINGTON —", "ROSWELL -": a capitalized place opening a story, before a dash."""
    span = doc.char_span(gold.start, gold.end, alignment_mode="expand")
    if span is None or span.end >= len(doc):
        return False
    after = doc[span.end:span.end + 3]
    return gold.text.isupper() and any(t.text in DASHES for t in after)


def _in_longer_name(doc: Doc, gold: GoldToponym, ents: list) -> str | None:
    """The label of a longer name the gold toponym sits in ("Shreveport Police Department",
    "Alexandria Police"), or "" when no entity covers the capitalized run around it."""
    for ent in ents:
        if ent.start_char <= gold.start and gold.end <= ent.end_char and (
                (ent.start_char, ent.end_char) != (gold.start, gold.end)):
            return ent.label_
    span = doc.char_span(gold.start, gold.end, alignment_mode="expand")
    if span is not None and span.end < len(doc):
        nxt = doc[span.end]
        if nxt.text[:1].isupper() and nxt.is_alpha and not nxt.is_sent_start:
            return ""
    return None


def miss_class(doc: Doc, gold: GoldToponym, fclass: str, demonyms: list, gaz,
               found_keys: set[str]) -> str:
    if any(_overlaps(gold.start, gold.end, d.start, d.end) for d in demonyms):
        return "nationality word"
    if not fclass:
        return "no coordinates"
    if fclass not in ("A", "P"):
        return f"feature:{fclass}"
    known = "+gaz" if gaz.lookup(gold.text) else "-gaz"
    elsewhere = " (a place elsewhere in the doc)" if name_key(gold.text) in found_keys else ""
    if _is_dateline(doc, gold):
        return f"dateline {known}"
    ents = [e for e in doc.ents if _overlaps(gold.start, gold.end, e.start_char, e.end_char)]
    longer = _in_longer_name(doc, gold, ents)
    if longer is not None:
        return f"inside a longer name {longer or 'no entity'} {known}"
    if not ents:
        return f"ner:none {known}{elsewhere}"
    places = [e for e in ents if e.label_ in PLACE_LABELS]
    if not places:
        return f"ner:{ents[0].label_} {known}{elsewhere}"
    ent = places[0]
    if (ent.start_char, ent.end_char) != (gold.start, gold.end) and not gaz.lookup(ent.text):
        return f"boundary {known}"
    return "gpe/loc:filtered" if known == "+gaz" else "gpe/loc:no gazetteer entry"


def fp_class(doc: Doc, start: int, end: int, kind: str) -> str:
    span = doc.char_span(start, end, alignment_mode="expand")
    label = next((e.label_ for e in doc.ents if span is not None
                  and _overlaps(start, end, e.start_char, e.end_char)), "none")
    return f"{label} {kind}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", default=str(GOLD))
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--show", default=None, help="print every case of this class (prefix)")
    ap.add_argument("--json", action="store_true", help="print the counts as JSON")
    ap.add_argument("--single", action="store_true",
                    help="each article alone, without its outlet's learned home")
    args = ap.parse_args()
    gold_path = Path(args.gold)
    root = ET.parse(gold_path).getroot()
    if root.find(".//locations") is not None:
        raise SystemExit("GeoVirus is scored only: its errors are not read (use LGL)")
    gold_docs = read_lgl(root)[: args.limit]
    fclasses = feature_classes(gold_path)
    fcodes = feature_classes(gold_path, "fcode")
    nlp = build_pipeline(components=("sankore_places",))
    places = nlp.get_pipe("sankore_places")
    gaz = load_gazetteer()
    misses: collections.Counter[str] = collections.Counter()
    false_pos: collections.Counter[str] = collections.Counter()
    wrong: collections.Counter[str] = collections.Counter()
    shown: list[str] = []
    total = 0
    parsed = parsed_docs(nlp, [d.text for d in gold_docs])
    # As `sankore eval geo` scores it: each outlet's home learned from its other articles.
    evidence = first_reading(places, gold_docs, parsed, Tally())
    for i, (gold_doc, doc) in enumerate(zip(gold_docs, parsed, strict=True)):
        home = None if args.single else evidence.home(gold_doc.outlet, without=str(i))
        doc = places(doc, outlet_homes={gold_doc.outlet: home} if gold_doc.outlet and home else None)
        ours, words = _predicted(doc)  # place names (embedded ones too), nationality words
        used: set[int] = set()
        found_keys = {name_key(doc.text[p.start:p.end]) for p in ours}
        for gold in gold_doc.toponyms:
            total += 1
            hit = next((i for i, p in enumerate(ours) if i not in used
                        and _overlaps(gold.start, gold.end, p.start, p.end)), None)
            if hit is not None:
                used.add(hit)
                fcode = fcodes.get((gold_doc.id, gold.start), "")
                why = resolution_class(gold, ours[hit], fcode)
                if why is not None:
                    wrong[why] += 1
                    if args.show and ("res " + why).startswith(args.show):
                        shown.append(f"res {why:30} {gold.text!r:24} "
                                     f"…{gold_doc.text[max(0, gold.start - 60):gold.end + 30]!r}")
                continue
            cls = miss_class(doc, gold, fclasses.get((gold_doc.id, gold.start), ""),
                             words, gaz, found_keys)
            misses[cls] += 1
            if args.show and cls.startswith(args.show):
                left = max(0, gold.start - 50)
                shown.append(f"{cls:28} {gold.text!r:28} "
                             f"…{gold_doc.text[left:gold.end + 40]!r}")
        for i, p in enumerate(ours):
            if i not in used:
                cls = fp_class(doc, p.start, p.end, p.kind) + ("" if p.lat is not None else " unresolved")
                false_pos[cls] += 1
                if args.show and ("fp " + cls).startswith(args.show):
                    left = max(0, p.start - 50)
                    shown.append(f"fp {cls:25} {doc.text[p.start:p.end]!r:28} "
                                 f"…{doc.text[left:p.end + 40]!r}")
    report = {"gold": total, "missed": sum(misses.values()),
              "missed_by_class": dict(misses.most_common()),
              "false_positives": sum(false_pos.values()),
              "false_positives_by_class": dict(false_pos.most_common()),
              "misresolved": sum(wrong.values()), "misresolved_by_class": dict(wrong.most_common())}
    if args.json:
        print(json.dumps(report, indent=1))
    else:
        print(f"gold toponyms {total}, missed {report['missed']}")
        for cls, n in misses.most_common():
            print(f"  {n:5}  {n / total:6.1%}  {cls}")
        print(f"false positives {report['false_positives']}")
        for cls, n in false_pos.most_common():
            print(f"  {n:5}  {cls}")
        print(f"found, but neither the gold's entry nor within 161 km {report['misresolved']}")
        for cls, n in wrong.most_common():
            print(f"  {n:5}  {cls}")
    for line in shown:
        print(line)


if __name__ == "__main__":
    main()
