"""`sankore eval time`: TIMEX3 recognition and normalization against TimeML gold data.

Sankore's `sankore_times` and the `dateparser.search.search_dates` baseline run over the
same documents in the same call. Spans are scored strictly (same offsets) and relaxed (any
overlap, one-to-one); type and value accuracy are computed on the relaxed matches.
"""

from __future__ import annotations

import re
import time
import warnings
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from ..scoring import prf
from .timeml import GoldTimex, TimeMLDoc, iter_timeml

BASELINE = "dateparser.search.search_dates"


@dataclass(frozen=True)
class Predicted:
    start: int
    end: int
    type: str
    value: str | None


def _match_relaxed(gold: list[GoldTimex],
                   pred: list[Predicted]) -> list[tuple[GoldTimex, Predicted]]:
    """One-to-one pairs of overlapping spans, the largest overlaps first."""
    cands = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            overlap = min(g.end, p.end) - max(g.start, p.start)
            if overlap > 0:
                cands.append((-overlap, gi, pi))
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, gi, pi in sorted(cands):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gold[gi], pred[pi]))
    return pairs


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    return prf(tp, n_pred, tp, n_gold, digits=4)


class _Score:
    def __init__(self) -> None:
        self.gold = self.pred = self.unresolved = 0
        self.strict = self.relaxed = self.type_ok = self.value_ok = 0

    def add(self, gold: list[GoldTimex], pred: list[Predicted]) -> None:
        self.gold += len(gold)
        self.pred += len(pred)
        self.unresolved += sum(p.value is None for p in pred)
        spans = {(g.start, g.end) for g in gold}
        self.strict += sum((p.start, p.end) in spans for p in pred)
        pairs = _match_relaxed(gold, pred)
        self.relaxed += len(pairs)
        self.type_ok += sum(g.type == p.type for g, p in pairs)
        self.value_ok += sum(g.value is not None and g.value == p.value for g, p in pairs)

    def figures(self, seconds: float, docs: int) -> dict[str, object]:
        return {
            "strict": _prf(self.strict, self.pred, self.gold),
            "relaxed": _prf(self.relaxed, self.pred, self.gold),
            "type_accuracy": round(self.type_ok / self.relaxed, 4) if self.relaxed else 0.0,
            "value_accuracy": round(self.value_ok / self.relaxed, 4) if self.relaxed else 0.0,
            # Share of all gold TIMEX3s found with the right value: the end-to-end figure.
            "value_recall": round(self.value_ok / self.gold, 4) if self.gold else 0.0,
            "counts": {"gold": self.gold, "predicted": self.pred, "unresolved": self.unresolved,
                       "matched_strict": self.strict, "matched_relaxed": self.relaxed},
            "seconds": round(seconds, 3),
            "docs_per_s": round(docs / seconds, 2) if seconds else None,
        }


def _run_sankore(docs: list[TimeMLDoc]) -> tuple[list[list[Predicted]], dict[str, float]]:
    from ..pipeline import build_pipeline

    nlp = build_pipeline(components=("sankore_times",))
    component = nlp.get_pipe("sankore_times")
    inputs = []
    for d in docs:
        doc = nlp.make_doc(d.text)
        doc._.published = d.dct
        inputs.append(doc)
    # The base model and the time stage are timed apart to report the stage's share.
    t0 = time.perf_counter()
    with nlp.select_pipes(disable=["sankore_times"]):
        parsed = list(nlp.pipe(inputs, batch_size=16))
    t_base = time.perf_counter() - t0
    t0 = time.perf_counter()
    parsed = [component(doc) for doc in parsed]
    t_times = time.perf_counter() - t0
    preds = [[Predicted(m.start, m.end, m.type, m.value) for m in doc._.times] for doc in parsed]
    return preds, {"spacy_seconds": t_base, "times_seconds": t_times}


_MONTH_RX = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?", re.I)


def _baseline_value(found: str, when: datetime) -> str:
    """The value at the granularity the matched string shows: year, month or day."""
    s = found.strip()
    if re.fullmatch(r"(?:in\s+)?\d{4}", s, re.I):
        return f"{when.year}"
    has_day = re.search(r"\b\d{1,2}(?:st|nd|rd|th)?\b", s) is not None
    if _MONTH_RX.search(s) and not has_day:
        return f"{when.year}-{when.month:02d}"
    return when.date().isoformat()


def _run_baseline(docs: list[TimeMLDoc]) -> list[list[Predicted]]:
    from dateparser.search import search_dates

    out = []
    for d in docs:
        base = datetime.combine(d.dct or date.today(), datetime.min.time())
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = search_dates(d.text, languages=["en"], settings={"RELATIVE_BASE": base}) or []
        preds, pos = [], 0
        for substring, when in found:
            i = d.text.find(substring, pos)
            if i < 0:
                i = d.text.find(substring)
            if i < 0:
                continue
            pos = i + len(substring)
            preds.append(Predicted(i, i + len(substring), "DATE", _baseline_value(substring, when)))
        out.append(preds)
    return out


def evaluate(gold: Path, limit: int | None = None, baseline: bool = True) -> dict[str, object]:
    """Score Sankore (and the dateparser baseline) on TimeML `.tml` files under `gold`."""
    gold = Path(gold)
    docs = list(iter_timeml(gold, limit))
    preds, timing = _run_sankore(docs)
    total = timing["spacy_seconds"] + timing["times_seconds"]
    score = _Score()
    for d, p in zip(docs, preds, strict=True):
        score.add(d.timexes, p)
    sankore = score.figures(total, len(docs))
    sankore["times_stage"] = {
        "seconds": round(timing["times_seconds"], 3),
        "spacy_seconds": round(timing["spacy_seconds"], 3),
        "share_of_pipeline": round(timing["times_seconds"] / total, 4) if total else None,
    }
    result: dict[str, object] = {"task": "time", "gold": str(gold), "documents": len(docs),
                                 "sankore": sankore}
    if baseline:
        t0 = time.perf_counter()
        bpreds = _run_baseline(docs)
        seconds = time.perf_counter() - t0
        bscore = _Score()
        for d, p in zip(docs, bpreds, strict=True):
            bscore.add(d.timexes, p)
        result["baseline"] = {"name": BASELINE, "languages": ["en"],
                              **bscore.figures(seconds, len(docs))}
    return result
