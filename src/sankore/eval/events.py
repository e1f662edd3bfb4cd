"""`sankore eval events`: PLOVER event types and actor codes against the held GSR records.

Gold: `PLOVER_GSR_CAMEO.txt` (the file or the `shared/data/events` folder), or any file or
folder of records in its format (`gold.find_gsr`), PLOVER 0.5b1 type names mapped to the
current ones (`sankore.eval.events_gold.GSR_TYPES`). Records the model trained on are skipped
(their texts are stored in the model): on the GSR file that leaves its held split
(`gold.SPLIT`), on other gold all of it. Each record is one sentence
with one event; Sankore's answer is its main event, found by the full
pipeline (times, places, actors, events). Figures: per-type precision, recall and F1 and
their macro averages over the gold types, a confusion table (gold -> coded), actor and
target code accuracy (exact code, and country only) over records with gold actors /
targets, and a reliability table of the calibrated confidence. Because every GSR sentence
holds an event, the coder runs with its GSR settings (`code.gsr_settings`: no-trigger
fallback on, the filters that need a coded actor or a strong trigger off), and a record
it still finds no event in gets the classifier's type (`score.code_gsr(guess=True)`); the
same figures with the news filters on, and no guess, are reported under `news_filters`. Coded types are
compared in PLOVER's single categories (`categories.plover_type`: "will boycott" is THREATEN).

Baseline: the trigger lexicon alone (no classifier, no fallback: the highest-weight type
of the first matching trigger), run on the same parses in the same command.
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

from ..events import classifier
from ..events.settings import Settings, gsr_settings
from .events_gold import SPLIT, find_gsr, read_gsr, unseen
from .events_gold import held as is_held
from .events_score import code_gsr, code_match, prf, reliability

NEWS_KEYS = ("macro_precision", "macro_recall", "macro_f1", "accuracy", "coded", "actor_code_accuracy",
             "target_code_accuracy")


def _figures(held, coded) -> dict:
    pred = [c.type if c else None for c in coded]
    gold = [r.type for r in held]
    figures = prf(gold, pred)
    confusion = Counter(f"{g} -> {p or 'none'}" for g, p in zip(gold, pred, strict=True) if g != p)
    figures["confusion"] = dict(confusion.most_common())
    for role, attr, gold_attr in (("actor", "actor_codes", "source_codes"),
                                  ("target", "target_codes", "target_codes")):
        rows = [(getattr(r, gold_attr), getattr(c, attr) if c else [])
                for r, c in zip(held, coded, strict=True) if getattr(r, gold_attr)]
        matches = [code_match(g, p) for g, p in rows]
        figures[f"{role}_code_accuracy"] = round(sum(e for e, _ in matches) / len(rows), 3) if rows else None
        figures[f"{role}_country_accuracy"] = (round(sum(c for _, c in matches) / len(rows), 3)
                                               if rows else None)
        figures[f"{role}_records"] = len(rows)
    pairs = [(c.confidence, c.type == r.type) for r, c in zip(held, coded, strict=True) if c]
    figures["reliability"] = reliability([c for c, _ in pairs], [ok for _, ok in pairs])
    for threshold in (0.5, 0.7):
        above = [ok for c, ok in pairs if c >= threshold]
        figures[f"precision_at_confidence_{threshold}"] = round(sum(above) / len(above), 3) if above else None
        figures[f"coded_at_confidence_{threshold}"] = len(above)
    return figures


def _split(records, held) -> str:
    if {r.id for r in held} == {r.id for r in records if is_held(r.id)}:
        return SPLIT
    if len(held) == len(records):
        return "all records (the model trained on none of them)"
    return f"the {len(held)} of {len(records)} records whose text the model did not train on"


def evaluate(gold: Path, limit: int | None = None, event_coder: str = classifier.DEFAULT_CODER) -> dict:
    from ..pipeline import build_pipeline

    records = read_gsr(gold)
    model = classifier.packaged(event_coder)
    if model is not None and model.trained_texts:
        held = unseen(records, set(model.trained_texts))
    else:  # a model trained before it recorded its texts: the id split
        held = [r for r in records if is_held(r.id)]
    if limit is not None:
        held = held[:limit]
    if not held:
        raise ValueError(f"{gold}: every record is one the model trained on; nothing to score")
    nlp = build_pipeline(components=("sankore_times", "sankore_places", "sankore_actors"))
    start = time.perf_counter()
    sankore = code_gsr(nlp, held, model, gsr_settings(), pick="main", guess=True)
    seconds = time.perf_counter() - start
    news = _figures(held, code_gsr(nlp, held, model, Settings(fallback=0.0), pick="main"))
    baseline = code_gsr(nlp, held, None, Settings(fallback=None, use_classifier=False, require_coded=False,
                                                  min_weight=0.0), pick="main")
    return {
        "task": "events",
        "gold": [str(p) for p in find_gsr(gold)],
        "split": _split(records, held),
        "records": len(held),
        "records_trained_on_skipped": len(records) - len(held),
        "sankore": {**_figures(held, sankore), "seconds": round(seconds, 2),
                    "model": classifier.model_path(event_coder).name if model else None},
        "news_filters": {k: news[k] for k in NEWS_KEYS},
        "baseline": {"name": "trigger lexicon alone (plover_triggers.tsv, highest weight, no classifier)",
                     **_figures(held, baseline)},
    }
