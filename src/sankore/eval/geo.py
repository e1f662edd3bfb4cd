"""`sankore eval geo`: toponym recognition and resolution against LGL and GeoVirus.

Reads the XML of `shared/data/geo` (see its README) in place, runs Sankore's place
component and a baseline over the same spaCy parses, and scores both:

- recognition: precision/recall/F1 of predicted place spans against gold toponym spans,
  a predicted span matching a gold one when they overlap (each used once);
- resolution: over matched toponyms whose gold has coordinates, the share resolved within
  161 km (100 miles, the customary threshold), the share that is the gold's GeoNames entry
  or within 161 km (LGL gives GeoNames ids; a country's point differs between sources by
  more than 161 km), the share with the very GeoNames id, the median error in km, and the
  AUC of the log error curve (Gritta et al. 2018; lower is better); an unresolved toponym
  counts as the largest possible error (half the Earth's circumference);
- by kind: how many places of each GeoWebNews kind were predicted and how many matched a
  gold toponym (neither LGL nor GeoVirus labels kinds, so recall by gold kind needs a
  GeoWebNews-annotated set);
- nationality words ("Russian troops", `doc._.demonyms`): found, share over a gold
  toponym, and of those the share linked to the right country (LGL marks some of them);
- speed: the places stage's share of the time of spaCy plus the stage, in the same run.

Each dataset is read twice: first each article alone (`single_document`), whose
unambiguous places are collected by outlet (LGL's <domain>, GeoVirus' source host); then,
as `sankore`, each article with its outlet's home learned from the outlet's other articles
only (`geo/outlets.py`), so that no article informs its own resolution.

The baseline is what DESIGN.md names: spaCy's GPE/LOC entities looked up by exact name in
the same gazetteer, most populous candidate, no context.
"""

from __future__ import annotations

import math
import statistics
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, cast
from urllib.parse import urlparse

from spacy.tokens import Doc

from ..distance import haversine_km
from ..geo.outlets import OutletEvidence, anchors
from ..scoring import prf
from .gold_files import files_under

if TYPE_CHECKING:
    from ..pipeline.places import PlaceRecognizer

MAX_KM = 20039.0  # half the Earth's circumference: the error of an unresolved toponym
THRESHOLD_KM = 161.0


@dataclass(frozen=True)
class GoldToponym:
    start: int
    end: int
    text: str
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None  # LGL's gaztag; GeoVirus links Wikipedia pages instead


@dataclass
class GoldDoc:
    id: str
    text: str
    toponyms: list[GoldToponym] = field(default_factory=list)
    outlet: str | None = None  # LGL's <domain>; GeoVirus' source URL's host (Wikinews)


@dataclass(frozen=True)
class Predicted:
    start: int
    end: int
    lat: float | None
    lon: float | None
    geonameid: int | None = None
    kind: str = "literal"


def _float(node: ET.Element | None) -> float | None:
    return float(node.text) if node is not None and node.text else None


def read_lgl(root: ET.Element) -> list[GoldDoc]:
    docs: list[GoldDoc] = []
    for article in root.iter("article"):
        text = article.findtext("text") or ""
        doc = GoldDoc(article.get("docid", str(len(docs))), text,
                      outlet=article.findtext("domain") or None)
        for top in article.iter("toponym"):
            start, end = int(cast(str, top.findtext("start"))), int(cast(str, top.findtext("end")))
            tag = top.find("gaztag")
            lat = _float(tag.find("lat")) if tag is not None else None
            lon = _float(tag.find("lon")) if tag is not None else None
            gid = tag.get("geonameid") if tag is not None else None
            doc.toponyms.append(GoldToponym(start, end, text[start:end], lat, lon,
                                            int(gid) if gid else None))
        docs.append(doc)
    return docs


def read_geovirus(root: ET.Element) -> list[GoldDoc]:
    docs: list[GoldDoc] = []
    for article in root.iter("article"):
        text = article.findtext("text") or ""
        source = article.findtext("source") or ""
        doc = GoldDoc(source or str(len(docs)), text, outlet=urlparse(source).netloc or None)
        # iter(), not the direct children: one <location> wrongly nests three others, which
        # are real toponyms. GeoVirus offsets are one too high (README: text[s-1:e-1] == name).
        for loc in article.iter("location"):
            start, end = int(cast(str, loc.findtext("start"))) - 1, int(cast(str, loc.findtext("end"))) - 1
            doc.toponyms.append(GoldToponym(start, end, text[start:end],
                                            _float(loc.find("lat")), _float(loc.find("lon"))))
        docs.append(doc)
    return docs


def read_gold(path: Path) -> dict[str, list[GoldDoc]]:
    """Documents per dataset (file stem) from one XML file or every XML file under a folder,
    nested ones included; XML files without <article> elements (a schema, other data) are
    not gold and are passed over."""
    out: dict[str, list[GoldDoc]] = {}
    for file in files_under(path, (".xml",)):
        root = _parse(file)
        if next(root.iter("article"), None) is None:
            continue
        # Whole-tree test, not the first article's: an article without toponyms must not
        # send a GeoVirus file to the LGL reader.
        reader = read_geovirus if root.find(".//locations") is not None else read_lgl
        out[_dataset_name(file, path, out)] = reader(root)
    if not out:
        raise ValueError(f"{path}: no LGL or GeoVirus XML here (<article> elements with "
                         "<toponyms> or <locations>)")
    return out


def _parse(file: Path) -> ET.Element:
    try:
        return ET.parse(file).getroot()
    except ET.ParseError as exc:  # a SyntaxError, which the CLI would show as a traceback
        raise ValueError(f"{file}: not well-formed XML ({exc})") from exc


def _dataset_name(file: Path, gold: Path, taken: dict) -> str:
    """The file stem, or its path under `gold` when nested folders repeat a stem."""
    if file.stem not in taken:
        return file.stem
    return file.relative_to(gold).with_suffix("").as_posix()


@dataclass
class Tally:
    gold: int = 0
    predicted: int = 0
    matched_gold: int = 0
    matched_predicted: int = 0
    errors: list[float] = field(default_factory=list)  # per matched gold with coordinates
    right_entry: int = 0  # matched gold with coordinates: same GeoNames id or within 161 km
    with_id: int = 0  # matched gold with a GeoNames id ...
    same_id: int = 0  # ... resolved to that very entry
    by_kind: dict[str, list[int]] = field(default_factory=dict)  # kind -> [predicted, matched]
    unresolved: int = 0
    seconds: float = 0.0
    docs: int = 0

    def add(self, gold: list[GoldToponym], predicted: list[Predicted]) -> None:
        self.gold += len(gold)
        self.predicted += len(predicted)
        used: set[int] = set()
        for g in gold:
            match = _best_overlap(g, predicted, used)
            if match is None:
                continue
            used.add(match)
            self.matched_gold += 1
            p = predicted[match]
            if g.geonameid is not None:
                self.with_id += 1
                self.same_id += p.geonameid == g.geonameid
            if g.lat is None or g.lon is None:
                continue
            if p.lat is None or p.lon is None:
                self.unresolved += 1
                self.errors.append(MAX_KM)
            else:
                self.errors.append(haversine_km(g.lat, g.lon, p.lat, p.lon))
            self.right_entry += (g.geonameid is not None and p.geonameid == g.geonameid) or (
                self.errors[-1] <= THRESHOLD_KM)
        self.matched_predicted += len(used)
        for i, p in enumerate(predicted):
            counts = self.by_kind.setdefault(p.kind, [0, 0])
            counts[0] += 1
            counts[1] += i in used

    def scores(self) -> dict:
        errs = sorted(self.errors)
        within = sum(e <= THRESHOLD_KM for e in errs)
        resolved = [e for e in errs if e < MAX_KM]
        return {
            **prf(self.matched_predicted, self.predicted, self.matched_gold, self.gold, digits=4),
            "accuracy_161km": round(within / len(errs), 4) if errs else None,
            "accuracy_entry_or_161km": round(self.right_entry / len(errs), 4) if errs else None,
            "accuracy_geonameid": round(self.same_id / self.with_id, 4) if self.with_id else None,
            # Neither LGL nor GeoVirus labels a toponym's kind, so recall by gold kind cannot
            # be computed on them; each predicted kind's share of gold matches can.
            "precision_by_kind": {k: {"predicted": n, "matched": m, "precision": round(m / n, 4)}
                                  for k, (n, m) in sorted(self.by_kind.items())},
            "median_error_km": round(statistics.median(resolved), 1) if resolved else None,
            "auc": round(_auc(errs), 4) if errs else None,
            "gold": self.gold, "predicted": self.predicted,
            "matched": self.matched_gold, "matched_with_coordinates": len(errs),
            "unresolved_matched": self.unresolved,
            "docs": self.docs, "seconds": round(self.seconds, 2),
            "docs_per_s": round(self.docs / self.seconds, 1) if self.seconds else None,
        }


def _best_overlap(g: GoldToponym, predicted: list[Predicted], used: set[int]) -> int | None:
    best, best_len = None, 0
    for i, p in enumerate(predicted):
        overlap = min(g.end, p.end) - max(g.start, p.start)
        if i not in used and overlap > best_len:
            best, best_len = i, overlap
    return best


def _auc(errors: list[float]) -> float:
    """Area under the curve of sorted log errors, scaled to [0, 1] (Gritta et al. 2018)."""
    logs = sorted(math.log(e + 1) for e in errors)
    if len(logs) == 1:
        return logs[0] / math.log(MAX_KM)
    area = sum((a + b) / 2 for a, b in zip(logs, logs[1:], strict=False))
    return area / (len(logs) - 1) / math.log(MAX_KM)


def baseline_places(doc: Doc) -> list[Predicted]:
    """spaCy GPE/LOC entities, exact-name gazetteer match, most populous candidate."""
    from sankore.geo.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    out = []
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "LOC"):
            continue
        found = gaz.lookup(ent.text)
        best = max(found, key=lambda p: p.population, default=None)
        out.append(Predicted(ent.start_char, ent.end_char, best and best.lat, best and best.lon,
                             best and best.gid))
    return out


def evaluate(gold: Path, limit: int | None = None) -> dict:
    """Score Sankore and the baseline on the LGL / GeoVirus XML at `gold` (file or folder).

    `limit` caps the number of documents read from each dataset.
    """
    from sankore.geo.gazetteer import load_gazetteer
    from sankore.pipeline import build_pipeline
    from sankore.pipeline.places import PlaceRecognizer

    gold = Path(gold)
    datasets = read_gold(gold)
    nlp = build_pipeline(components=("sankore_places",))
    places = cast(PlaceRecognizer, nlp.get_pipe("sankore_places"))
    load_gazetteer()  # loaded once, outside the timed loops
    places(nlp.make_doc("Warm-up in Paris."))
    per_set: dict[str, dict] = {}
    systems = ("sankore", "single_document", "baseline", "demonyms")
    totals = {key: Tally() for key in systems}
    spacy_seconds = 0.0
    for name, docs in datasets.items():
        docs = docs[:limit] if limit else docs
        tallies = {key: Tally() for key in systems}
        texts = [d.text for d in docs]
        t0 = time.perf_counter()
        with nlp.select_pipes(disable=["sankore_places"]):
            parsed = list(nlp.pipe(texts, batch_size=32))
        base_s = time.perf_counter() - t0
        spacy_seconds += base_s
        for system in tallies.values():
            system.seconds += base_s
            system.docs += len(docs)
        evidence = first_reading(places, docs, parsed, tallies["single_document"])
        for i, (gold_doc, doc) in enumerate(zip(docs, parsed, strict=True)):
            # Each outlet's home from its other articles only: an article never informs
            # its own resolution (geo/outlets.py).
            home = evidence.home(gold_doc.outlet, without=str(i))
            t0 = time.perf_counter()
            doc = places(doc, outlet_homes={gold_doc.outlet: home} if gold_doc.outlet and home else None)
            ours, words = _predicted(doc)
            t1 = time.perf_counter()
            theirs = baseline_places(doc)
            t2 = time.perf_counter()
            tallies["sankore"].seconds += t1 - t0
            tallies["baseline"].seconds += t2 - t1
            tallies["sankore"].add(gold_doc.toponyms, ours)
            # Nationality words apart: LGL marks some as toponyms ("Russian"), GeoVirus none,
            # so only their precision and how often a matched one is the right country count.
            tallies["demonyms"].add(gold_doc.toponyms, words)
            tallies["baseline"].add(gold_doc.toponyms, theirs)
        per_set[name] = {
            "docs": len(docs), "toponyms": sum(len(d.toponyms) for d in docs),
            "outlets": len({d.outlet for d in docs if d.outlet}),
            "outlet_homes_used": sum(evidence.home(d.outlet, without=str(i)) is not None
                                     for i, d in enumerate(docs)),
            "sankore": tallies["sankore"].scores(), "baseline": tallies["baseline"].scores(),
            "single_document": tallies["single_document"].scores(),
            "demonyms": _demonym_scores(tallies["demonyms"]),
        }
        for key, tally in tallies.items():
            _merge(totals[key], tally)
    n_docs = sum(d["docs"] for d in per_set.values())
    spacy_rate = n_docs / spacy_seconds if spacy_seconds else None
    our_scores, their_scores = totals["sankore"].scores(), totals["baseline"].scores()
    for scores in (our_scores, their_scores):
        # Throughput as a share of bare spaCy's over the same texts (DESIGN.md section 3).
        rate = scores["docs_per_s"]
        scores["speed_vs_spacy"] = round(rate / spacy_rate, 3) if rate and spacy_rate else None
    # The places stage's share of the pipeline's time (spaCy's parse plus the stage), measured
    # on the same texts in this run: the budget is 10%.
    stage_s = totals["sankore"].seconds - spacy_seconds
    our_scores["places_stage_share"] = (round(stage_s / totals["sankore"].seconds, 3)
                                        if totals["sankore"].seconds else None)
    return {
        "task": "geo",
        "gold": str(gold),
        "limit": limit,
        "datasets": per_set,
        "sankore": our_scores,
        "baseline": {"name": "spaCy GPE/LOC + exact gazetteer name, most populous candidate",
                     **their_scores},
        # Each article alone, without its outlet's home: what `sankore analyze` gives a lone
        # text, and the reading whose unambiguous places the homes are learned from.
        "single_document": totals["single_document"].scores(),
        "spacy_docs_per_s": round(spacy_rate, 1) if spacy_rate else None,
        "demonyms": _demonym_scores(totals["demonyms"]),
    }


def first_reading(places: PlaceRecognizer, docs: list[GoldDoc], parsed: list[Doc],
                  tally: Tally) -> OutletEvidence:
    """Each article read alone (scored into `tally`), and the unambiguous local places of
    each, by outlet: the evidence the outlets' homes are learned from."""
    from sankore.geo.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    evidence = OutletEvidence()
    for i, (gold_doc, doc) in enumerate(zip(docs, parsed, strict=True)):
        doc._.outlet = gold_doc.outlet
        t0 = time.perf_counter()
        doc = places(doc)
        ours, _ = _predicted(doc)
        tally.seconds += time.perf_counter() - t0
        tally.add(gold_doc.toponyms, ours)
        named = [*doc._.places, *(p for p in doc._.demonyms if p.kind == "embedded")]
        evidence.add(gold_doc.outlet, str(i), anchors(named, gaz))
    return evidence


def _predicted(doc: Doc) -> tuple[list[Predicted], list[Predicted]]:
    """Sankore's place names, and apart its nationality words. Place names inside longer
    names ("Shreveport Police Department", kind `embedded`) ride on `doc._.demonyms` so that
    readers of literal places skip them, but they are place names, which LGL marks; they
    were scored with the places when they sat on `doc._.places` (before 2026-12-06)."""
    def as_predicted(p) -> Predicted:
        return Predicted(p.start, p.end, p.lat, p.lon, p.geonameid, p.kind)

    names = [as_predicted(p) for p in doc._.places]
    names += [as_predicted(p) for p in doc._.demonyms if p.kind == "embedded"]
    words = [as_predicted(p) for p in doc._.demonyms if p.kind != "embedded"]
    return sorted(names, key=lambda p: p.start), words


def _demonym_scores(tally: Tally) -> dict:
    """Nationality words ("Russian", "Mexicans"; `doc._.demonyms`): how many were found, the
    share over a gold toponym, and of those the share linked to the gold's entry or within
    161 km. Recall is left out: no gold set here marks every nationality word."""
    scores = tally.scores()
    return {"found": tally.predicted, "over_gold": tally.matched_predicted,
            "precision": scores["precision"], "right_country": scores["accuracy_entry_or_161km"],
            "by_kind": scores["precision_by_kind"]}


def _merge(into: Tally, other: Tally) -> None:
    for name in ("gold", "predicted", "matched_gold", "matched_predicted", "unresolved",
                 "seconds", "docs", "right_entry", "with_id", "same_id"):
        setattr(into, name, getattr(into, name) + getattr(other, name))
    into.errors.extend(other.errors)
    for kind, (n, m) in other.by_kind.items():
        counts = into.by_kind.setdefault(kind, [0, 0])
        counts[0] += n
        counts[1] += m
