"""Code GSR sentences and score them: shared by `train.py` (calibration) and `eval/events.py`.

One GSR record is one sentence with one gold event; the coder's answer for it is its most
confident event (or none). A record's actor code counts as right when a coded actor's code
equals a gold source code, exactly ("HUN GOV") or on the country alone ("HUN"); targets
likewise. Action types with a future, conditional or negated modality are projected onto
the single PLOVER category the manual prescribes before scoring (`plover_type`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from spacy.language import Language

from ..events.categories import plover_type
from ..events.classifier import Classifier, EventScores, features
from ..events.code import Settings, find_events_scored, gsr_settings
from ..events.embed import embed
from ..events.lexicon import sentence_matches
from ..scoring import prf_counts
from ..scoring import reliability as reliability  # re-exported: the events scorer's table
from .events_gold import GoldEvent


@dataclass
class Coded:
    type: str
    confidence: float
    raw: EventScores | None  # the coded event's scores; None for the classifier's guess
    actor_codes: list[str] = field(default_factory=list)
    target_codes: list[str] = field(default_factory=list)


def code_gsr(nlp: Language, records: list[GoldEvent], model: Classifier | None,
             settings: Settings | None = None, pick: str = "main", guess: bool = False
             ) -> list[Coded | None]:
    """Each record's one coded event (`pick`, below) or None (`nlp` runs the actors, times and
    places components, or only the parser when it has none of them). With `guess`, a record
    the coder finds no event in gets the classifier's type for its text, with that
    probability as its confidence and no participants: every GSR record holds an event."""
    return code_docs(parse_gsr(nlp, records), model, settings, pick, guess)


def parse_gsr(nlp: Language, records: list[GoldEvent]) -> list:
    """The records' texts run through `nlp`, dated as the GSR dates them: parse once, code often."""
    from ..pipeline.extensions import register_extensions

    register_extensions()
    docs = []
    for r in records:
        doc = nlp.make_doc(r.text)
        doc._.published = date(2000, 1, 1)  # the GSR's own placeholder date
        docs.append(doc)
    return list(nlp.pipe(docs, batch_size=64))


def code_docs(docs: list, model: Classifier | None, settings: Settings | None = None, pick: str = "main",
              guess: bool = False, scored_out: list | None = None) -> list[Coded | None]:
    """`code_gsr` on parsed records; `scored_out`, when given, receives each record's events
    with their raw scores (the ranker trains on them)."""
    settings = settings or gsr_settings()

    def strength(scores: EventScores) -> float:
        if scores.rank is not None:
            return scores.rank
        return scores.lex * (settings.mix + scores.p) if settings.mix is not None else scores.lex
    out: list[Coded | None] = []
    for doc in docs:
        scored = find_events_scored(doc, model, settings)
        if scored_out is not None:
            scored_out.append(scored)
        if not scored:
            if guess and model is not None:
                vector = embed([doc.text])[0] if model.needs_embedding else None
                proba = model.proba(features(doc[:], sentence_matches(doc[:])), vector)
                type_, p = max(proba.items(), key=lambda kv: kv[1])
                out.append(Coded(type_, p, None))
            else:
                out.append(None)
            continue
        # The record's one event (a GSR sentence codes its main event): "main" takes the
        # strongest trigger (its lexicon weight x (mix + P(type)), as a trigger's type is
        # chosen), then the one nearest the main clause ("resigned as the opposition
        # threatened to storm" is a RETREAT), then the most confident; "weight" ranks by the
        # lexicon weight alone (v3-v4); "confidence" takes the most confident. A
        # trigger-coded event goes before a fallback one (lex 0).
        keys = {"confidence": lambda er: er[0].confidence,
                "weight": lambda er: (er[1].lex, -er[1].depth, er[0].confidence),
                "main": lambda er: (strength(er[1]), -er[1].depth, er[0].confidence)}
        event, raw = max(scored, key=keys[pick])
        codes = {(a.start, a.end): a.code or a.country for a in doc._.actors}
        out.append(Coded(plover_type(event.type, event.modality), event.confidence, raw,
                         [c for s in event.actor_spans if (c := codes.get(s))],
                         [c for s in event.target_spans if (c := codes.get(s))]))
    return out


def prf(gold: list[str], pred: list[str | None]) -> dict:
    """Per-type precision, recall, F1 and their macro average over the gold types."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for g, p in zip(gold, pred, strict=True):
        if p == g:
            tp[g] += 1
        else:
            fn[g] += 1
            if p is not None:
                fp[p] += 1
    per = {}
    for t in sorted(set(gold)):
        per[t] = {**prf_counts(tp[t], fp[t], fn[t]), "gold": tp[t] + fn[t]}
    n = len(per) or 1
    predicted = sum(p is not None for p in pred)
    correct = sum(p == g for g, p in zip(gold, pred, strict=True))
    return {
        "macro_precision": round(sum(v["precision"] for v in per.values()) / n, 3),
        "macro_recall": round(sum(v["recall"] for v in per.values()) / n, 3),
        "macro_f1": round(sum(v["f1"] for v in per.values()) / n, 3),
        "accuracy": round(correct / len(gold), 3) if gold else 0.0,
        "coded": predicted, "records": len(gold), "per_type": per,
    }


def code_match(gold_codes: tuple[str, ...], coded: list[str]) -> tuple[bool, bool]:
    """(exact match, country match) between gold codes and coded ones."""
    exact = any(c == g for c in coded for g in gold_codes)
    country = any(c.split()[0] == g.split()[0] for c in coded for g in gold_codes)
    return exact, country
