"""`sankore eval events --gold gold/news_events --split dev|test`: events in real news.

Gold: the project's news events gold set (`gold/news_events/`, see its README and
`docs/annotation-guidelines.md`): real articles from the Guardian sample, IndiaPoliceEvents
and the founding article, every event coded by two annotators who never saw Sankore's output,
then adjudicated. The gold names each article by corpus and key (the texts' licences keep them
out of the repository); the texts are read from the shared corpus folder (`--corpus`, found
beside the checkout by default) and checked against the hash the gold recorded.

Sankore analyses each article end to end from its raw text (the publication date from the
gold's manifest, as a user's CSV would give it). A coded event **matches** a gold event of the
same article when their evidence spans overlap and their PLOVER categories agree (type and
modality projected by `categories.plover_type`, so "pledged to send troops" scores alike as
MOBILIZE+planned or THREATEN); one to one, greatest overlap first. Figures:

- event precision (matched coded events / coded events) and recall (matched gold / gold),
  overall and per PLOVER category, and the same with any type (detection);
- over matched events: actor and target code right (a coded participant's code equals the
  gold code, or its country alone), modality right, date right (the coded time's value begins
  with the gold date; only where the gold has a date), place country right;
- calibration: a reliability table of confidence against "is a matched event", and
  precision at confidence ≥ 0.5 and ≥ 0.7.

The `test` split is scored here and in benchmarks only, never by pytest floors or while
tuning; each scoring is dated in gold/news_events/README.md. The lexical coder runs in the
same command as the reference.
"""

from __future__ import annotations

import csv
import hashlib
import json
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from ..events.categories import plover_type
from ..records import Record

# `blind`: 12 later Guardian articles coded by one annotator blind to Sankore, scored only
# (gold/news_events/README.md).
SPLITS = ("dev", "test", "blind")
CORPUS_FILES = {"guardian": "guardian/Guardian_SDF_sample.csv",
                "india_police_events": "india_police_events/docs.jsonl", "seed": "seed"}


@dataclass(frozen=True)
class GoldEvent:
    type: str
    modality: str
    evidence: tuple[int, int]
    actor_code: str | None
    target_code: str | None
    date: str | None
    place_country: str | None

    @property
    def category(self) -> str:
        return plover_type(self.type, self.modality)


@dataclass(frozen=True)
class GoldArticle:
    id: str
    corpus: str
    key: str
    published: str | None
    outlet: str | None
    sha1: str
    events: tuple[GoldEvent, ...]


def is_news_gold(path: Path) -> bool:
    return path.is_dir() and (path / "articles.jsonl").is_file()


def read_gold(gold: Path, split: str) -> list[GoldArticle]:
    path = gold / f"{split}.jsonl"
    if not path.is_file():
        raise ValueError(f"{gold}: no {split}.jsonl (the news gold set's {split} part)")
    articles = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            try:
                a = json.loads(line)
                events = tuple(
                    GoldEvent(e["type"], e["modality"], (e["evidence"][0], e["evidence"][1]),
                              (e.get("actor") or {}).get("code"), (e.get("target") or {}).get("code"),
                              e.get("date"), (e.get("place") or {}).get("country"))
                    for e in a["events"])
                articles.append(GoldArticle(a["article"], a["corpus"], a["key"], a.get("published"),
                                            a.get("outlet"), a["sha1"], events))
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise ValueError(f"{path}: line {n} is not a gold article ({exc})") from None
    return articles


def find_corpus(gold: Path, corpus: Path | None) -> Path:
    """The shared corpus folder: given, or `../shared/data/corpus` beside the checkout."""
    candidates = [corpus] if corpus else [Path("../shared/data/corpus"),
                                          gold.resolve().parents[1] / "../shared/data/corpus"]
    for c in candidates:
        if c is not None and (c / CORPUS_FILES["guardian"]).is_file():
            return c
    raise ValueError(f"{candidates[0]}: the shared corpus folder (with {CORPUS_FILES['guardian']}) "
                     "is not there; give it with --corpus")


def load_texts(articles: list[GoldArticle], corpus: Path) -> dict[str, str]:
    """Each gold article's text, from the shared corpora, checked against the gold's hash."""
    wanted = {(a.corpus, a.key): a for a in articles}
    texts: dict[str, str] = {}
    if any(c == "guardian" for c, _ in wanted):
        csv.field_size_limit(sys.maxsize)
        with open(corpus / CORPUS_FILES["guardian"], encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                if ("guardian", row[""]) in wanted:
                    texts[wanted["guardian", row[""]].id] = row["text"]
    if any(c == "india_police_events" for c, _ in wanted):
        with open(corpus / CORPUS_FILES["india_police_events"], encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                if ("india_police_events", str(d["doc_id"])) in wanted:
                    texts[wanted["india_police_events", str(d["doc_id"])].id] = d["doc_text"]
    for (c, key), a in wanted.items():
        if c == "seed":
            texts[a.id] = (corpus / CORPUS_FILES["seed"] / key).read_text(encoding="utf-8")
    for a in articles:
        if a.id not in texts:
            raise ValueError(f"{corpus}: article {a.id} of the gold set is not in the corpus")
        if hashlib.sha1(texts[a.id].encode("utf-8")).hexdigest()[:16] != a.sha1:
            raise ValueError(f"{corpus}: article {a.id} differs from the text the gold was coded on")
    return texts


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match(gold: list[GoldEvent], coded: list, typed: bool = True,
          agreement: Callable[[int, int], int] | None = None) -> list[tuple[int, int]]:
    """One-to-one (gold index, coded index) pairs: overlapping evidence (and, `typed`, the same
    PLOVER category), greatest overlap first; between pairs of equal overlap, those whose
    participants agree more (`agreement`: how many of actor and target codes agree) first. A
    clause coded as several records ("Russia, Iran and Syrian troops mounted an offensive":
    one per actor, in the gold and in Sankore) is otherwise paired in list order, and each
    record's actor scored against another record's."""
    pairs = []
    for gi, g in enumerate(gold):
        for ci, c in enumerate(coded):
            ov = _overlap(g.evidence, tuple(c.evidence))
            if ov and (not typed or g.category == plover_type(c.type, c.modality)):
                pairs.append((ov, agreement(gi, ci) if agreement is not None else 0, gi, ci))
    used_g, used_c, out = set(), set(), []
    for _, _, gi, ci in sorted(pairs, key=lambda p: (-p[0], -p[1], p[2], p[3])):
        if gi not in used_g and ci not in used_c:
            used_g.add(gi)
            used_c.add(ci)
            out.append((gi, ci))
    return out


def _codes(record: Record, ids: list[str]) -> list[str]:
    by_id = {e.id: e for e in record.entities}
    return [code for i in ids if i in by_id and (code := by_id[i].code)]


def _code_right(gold: str, coded: list[str]) -> tuple[bool, bool]:
    return gold in coded, any(c.split()[0] == gold.split()[0] for c in coded)


def _agreement(record: Record, gold: list[GoldEvent], coded: list, gi: int, ci: int) -> int:
    """How many of the gold event's actor and target codes the coded event has."""
    return sum(code is not None and _code_right(code, _codes(record, ids))[0]
               for code, ids in ((gold[gi].actor_code, coded[ci].actors),
                                 (gold[gi].target_code, coded[ci].targets)))


def _ratio(hits: list[bool]) -> float | None:
    return round(sum(hits) / len(hits), 3) if hits else None


def score(articles: list[GoldArticle], records: list[Record]) -> dict:
    """The figures for one coder's records (in the articles' order)."""
    from ..scoring import prf_counts, reliability

    tp_type: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    n_coded: Counter[str] = Counter()
    detected = coded_total = gold_total = 0
    fields: dict[str, list[bool]] = {k: [] for k in (
        "actor_code", "actor_country", "target_code", "target_country", "modality", "date", "place_country")}
    confidences: list[tuple[float, bool]] = []
    for article, record in zip(articles, records, strict=True):
        gold, coded = list(article.events), list(record.events)
        gold_total += len(gold)
        coded_total += len(coded)
        n_gold.update(g.category for g in gold)
        n_coded.update(plover_type(c.type, c.modality) for c in coded)
        pairs = match(gold, coded, agreement=partial(_agreement, record, gold, coded))
        detected += len(match(gold, coded, typed=False))
        matched = {ci for _, ci in pairs}
        confidences += [(c.confidence, i in matched) for i, c in enumerate(coded)]
        times = {t.id: t.value for t in record.times}
        places = {p.id: p.country for p in record.places}
        for gi, ci in pairs:
            g, c = gold[gi], coded[ci]
            tp_type[g.category] += 1
            roles = (("actor", g.actor_code, c.actors), ("target", g.target_code, c.targets))
            for role, gold_code, ids in roles:
                if gold_code:
                    exact, country = _code_right(gold_code, _codes(record, ids))
                    fields[f"{role}_code"].append(exact)
                    fields[f"{role}_country"].append(country)
            fields["modality"].append(g.modality == c.modality)
            if g.date:
                value = times.get(c.time) if c.time else None
                fields["date"].append((value or "").split("/")[0].startswith(g.date))
            if g.place_country:
                fields["place_country"].append(bool(c.place) and places.get(c.place or "") == g.place_country)
    matched_total = sum(tp_type.values())
    per_type = {t: {**prf_counts(tp_type[t], n_coded[t] - tp_type[t], n_gold[t] - tp_type[t]),
                    "gold": n_gold[t], "coded": n_coded[t]} for t in sorted(n_gold | n_coded)}
    return {
        "events": {**prf_counts(matched_total, coded_total - matched_total, gold_total - matched_total),
                   "gold": gold_total, "coded": coded_total, "matched": matched_total},
        "detection": prf_counts(detected, coded_total - detected, gold_total - detected),
        "per_type": per_type,
        **{f"{k}_accuracy": _ratio(v) for k, v in fields.items()},
        **{f"{k}_scored": len(v) for k, v in fields.items()},
        "reliability": reliability([c for c, _ in confidences], [ok for _, ok in confidences]),
        **{f"precision_at_confidence_{t}": _ratio([ok for c, ok in confidences if c >= t])
           for t in (0.5, 0.7)},
        **{f"coded_at_confidence_{t}": sum(c >= t for c, _ in confidences) for t in (0.5, 0.7)},
    }


def evaluate(gold: Path, limit: int | None = None, split: str | None = None,
             event_coder: str | None = None, corpus: Path | None = None) -> dict:
    from ..api import analyze_many
    from ..events.classifier import CODERS, DEFAULT_CODER
    from ..models import require_installed
    from ..readers.text import article_from_text

    split = split or "dev"
    if split not in SPLITS:
        raise ValueError(f"--split for the news gold set is one of {', '.join(SPLITS)}, not {split!r}")
    articles = read_gold(gold, split)[:limit]
    texts = load_texts(articles, find_corpus(gold, corpus))
    coder = event_coder or DEFAULT_CODER
    reference = next(c for c in CODERS if c != coder)
    out: dict = {"task": "events", "format": "news", "gold": str(gold), "split": split,
                 "articles": len(articles)}
    for name, which in (("sankore", coder), ("reference", reference)):
        try:
            require_installed(which)
        except ImportError as missing:  # the reference coder is optional
            out[name] = {"event_coder": which, "skipped": str(missing)}
            continue
        inputs = [article_from_text(texts[a.id], a.id, outlet=a.outlet, published=a.published)
                  for a in articles]
        start = time.perf_counter()
        records = [r for r in analyze_many(inputs, event_coder=which) if isinstance(r, Record)]
        out[name] = {"event_coder": which, **score(articles, records),
                     "seconds": round(time.perf_counter() - start, 2)}
    return out
