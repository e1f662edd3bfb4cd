"""The news filter: P(a coded event is one an analyst codes, with this PLOVER category), learned
on the news gold set's dev part, deciding which candidate events a news article keeps and
giving each its confidence.

The hand-written filters (`filters.kept`) were tuned on edited PLOVER sentences and a blind
reading of Guardian articles; on the news gold set they kept 211 of 583 candidate events of
the dev part, at precision 0.65 and recall 0.18, and their confidence did not separate right
from wrong (issue 17). This replaces their yes/no with a logistic regression over the same
scores the calibration reads (`EventScores`) plus what the news set showed matters: which
participants are coded or unnamed, the modality, the type, how many candidates the sentence
holds. Trained out of fold by `python -m training.events.train_news_filter` (grouped by
article), which also picks the threshold; scoring needs nothing but this module and the
JSON file.
"""

from __future__ import annotations

import json
from dataclasses import replace
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from ..linear import SparseLogistic
from ..mentions import ActorMention, EventMention
from ..pipeline.generic_actors import UNNAMED
from .classifier import EventScores

MODEL_FILE = "events_news_filter.json"
_SCORE_FIELDS = ("p", "lex", "top", "fallback", "nominal", "actor", "root", "clear", "modifier", "background")


def news_features(event: EventMention, scores: EventScores, coded: set[tuple[int, int]],
                  unnamed: set[tuple[int, int]], in_sentence: int) -> dict[str, float]:
    """The features of one candidate event: `coded` and `unnamed` hold the sentence's actor
    spans that carry a code and that are unnamed (a bare sector noun); `in_sentence` counts
    the candidates of its sentence."""
    feats = {f"s:{name}": float(getattr(scores, name)) for name in _SCORE_FIELDS}
    feats["s:depth"] = min(float(scores.depth), 6.0) / 6.0
    feats["s:rank"] = scores.rank if scores.rank is not None else 0.5
    for role, spans in (("actor", event.actor_spans), ("target", event.target_spans)):
        feats[f"{role}:any"] = float(bool(spans))
        feats[f"{role}:coded"] = float(any(s in coded for s in spans))
        feats[f"{role}:unnamed"] = float(any(s in unnamed for s in spans))
    feats["place"] = float(event.place_span is not None)
    feats["time"] = float(event.time_span is not None)
    feats["attributed"] = float(event.attributed_span is not None)
    feats[f"modality:{event.modality}"] = 1.0
    feats[f"type:{event.type}"] = 1.0
    feats[f"type_modality:{event.type}:{event.modality}"] = 1.0
    feats["crowded"] = min(in_sentence, 5) / 5.0
    return feats


# The filter is a sparse logistic regression (`sankore.linear`): weights by feature name.
NewsFilter = SparseLogistic


def model_path() -> Path:
    return Path(str(files("sankore") / "resources" / "data" / MODEL_FILE))


@lru_cache(maxsize=1)
def packaged() -> NewsFilter | None:
    """The shipped filter, or None before it has been trained (the hand-written filters apply)."""
    path = model_path()
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return NewsFilter(data["weights"], data["intercept"], data["threshold"])


def candidates_features(scored: list[tuple[EventMention, EventScores]], actors: list[ActorMention]
                        ) -> list[dict[str, float]]:
    """Features of one sentence's candidate events (`actors`: the sentence's actor mentions)."""
    coded = {(a.start, a.end) for a in actors if a.code or a.country}
    unnamed = {(a.start, a.end) for a in actors if a.key.startswith(UNNAMED)}
    return [news_features(e, sc, coded, unnamed, len(scored)) for e, sc in scored]


def apply(scored: list[tuple[EventMention, EventScores]], actors: list[ActorMention], model: NewsFilter
          ) -> list[tuple[EventMention, EventScores]]:
    """The candidates the filter keeps, each with its probability as confidence."""
    out = []
    for (event, sc), feats in zip(scored, candidates_features(scored, actors), strict=True):
        p = model.probability(feats)
        if p >= model.threshold:
            out.append((replace(event, confidence=round(p, 4)), sc))
    return out
