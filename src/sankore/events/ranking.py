"""The trigger ranker's side of the coder: each candidate type of a trigger with the
features the ranker reads, the ranker's choice, and what of it an event's scores keep.

The option features are sparse and open-ended ("w:attack:ASSAULT", "dep:nsubj"): a dict is
their natural form (scikit-learn's DictVectorizer reads them as they are). The fixed scores
of a coded event are typed (`classifier.EventScores`).
"""

from __future__ import annotations

from typing import cast

from spacy.tokens import Token

from .classifier import Classifier, EventScores
from .clauses import depth_of
from .lexicon import Entry, Match
from .modality import modality
from .settings import Settings


def option_features(type_: str, entry: Entry | None, proba: dict[str, float] | None, trigger: Token,
                    anchor: Token, mod: str, n_options: int, second: bool) -> dict[str, float]:
    """What the trigger ranker sees of one candidate type of one trigger: the lexicon's word
    for it (which entry, its weight), the sentence classifier's (P(type), and how far below
    its top type), and where the trigger stands (depth, part of speech, modality). Trained
    on sentences the lexicon never saw (the codebook sentences) as well as on GSR records,
    it learns how far each may be trusted where they disagree."""
    p = proba.get(type_, 0.0) if proba else 0.0
    top = max(proba.values()) if proba else 0.0
    weight = entry.weight if entry is not None else 0.0
    depth = depth_of(anchor)
    f = {f"ty:{type_}": 1.0, "p": p, f"p:{type_}": p, "gap": p - top, "top": float(p > 0 and p == top),
         "lex": weight, f"lex:{type_}": weight, "strength": weight * (0.25 + p),
         "depth": min(depth, 4) / 4, "root": float(depth == 0), f"pos:{trigger.pos_}": 1.0,
         f"dep:{anchor.dep_}": 1.0, f"mod:{mod}": 1.0, f"mod:{mod}:{type_}": 1.0,
         "alone": 1.0 / n_options}
    if entry is None:
        f["unlisted"] = 1.0
    else:
        f[f"w:{'_'.join(entry.words)}:{type_}"] = 1.0
        f[f"second:{type_}" if second else f"first:{type_}"] = 1.0
    return f


def options(m: Match | None, anchor: Token, proba: dict[str, float] | None, settings: Settings,
            second: bool) -> dict[str, dict[str, float]]:
    """Each candidate type of a trigger (or of a sentence without one) with its ranker features."""
    trigger = m.token if m is not None else anchor
    mod = modality(trigger, trigger)[0]
    types: dict[str, Entry | None] = dict(m.types) if m is not None else {}
    offered = settings.classifier_option == "all" or (second and settings.classifier_option == "second")
    if proba and (m is None or offered):
        types.setdefault(max(proba, key=proba.__getitem__), None)
    return {t: option_features(t, e, proba, trigger, anchor, mod, len(types), second)
            for t, e in types.items()}


def best_option(opts: dict[str, dict[str, float]], model: Classifier | None, settings: Settings
            ) -> tuple[str, float] | None:
    """The ranker's best candidate type and its score, or None when there is no ranker."""
    if model is None or not settings.use_ranker or not model.ranker or not opts:
        return None
    scores = {t: cast(float, model.rank(f)) for t, f in opts.items()}  # a ranker: never None
    best = max(scores, key=scores.__getitem__)
    return best, scores[best]


def rank_options(type_: str, scores: EventScores, opts: dict[str, dict[str, float]], model: Classifier | None,
              use_ranker: bool) -> None:
    """Keep an event's candidate types in its scores (training reads them) and the
    ranker's score for the type it was coded with (the calibration and the record's main
    event read it)."""
    if type_ not in opts:  # a reported obligation made it a REQUEST (`_event`)
        base = next(iter(opts.values()), {})
        own = ("ty:", "p:", "lex:", "w:", "first:", "second:", "mod:")
        opts = {type_: {**{k: v for k, v in base.items() if not k.startswith(own)},
                        f"ty:{type_}": 1.0, "demand": 1.0}}
    scores.options = opts
    if model is not None and use_ranker and model.ranker:
        scores.rank = model.rank(opts[type_])
