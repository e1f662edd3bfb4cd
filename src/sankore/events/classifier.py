"""The sentence classifier: P(PLOVER type | sentence), a linear model shipped as JSON.

Features are the sentence's lemmas and lemma bigrams plus the types its trigger-lexicon
matches name ("T:ASSAULT"), each also with its clause's modality ("M:PROTEST:planned").
The default model also reads the sentence's MiniLM embedding (`embed.py`, `dense`): its
384 numbers, scaled, sit beside the tf-idf vector in one linear layer. The lexical model
(`model_path("lexical")`) has no `dense` part and needs no embedding.
The weights are trained with scikit-learn (`train.py`), but scoring needs nothing beyond
numpy: sublinear tf, idf, l2 norm, a linear layer and a softmax, as in
`TfidfVectorizer(sublinear_tf=True)` + `LogisticRegression`. The same file carries the
confidence calibration (`calibration`), fitted out of fold.
"""

from __future__ import annotations

import gzip
import json
import math
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib.resources import files
from pathlib import Path

import numpy as np
from spacy.tokens import Span

# The coders `--event-coder` names and their files: defined where --help reads them cheaply.
from ..models import CODERS, DEFAULT_CODER, MODEL_FILES, MODEL_NAME  # noqa: F401
from .lexicon import Match
from .modality import modality


def model_path(coder: str = DEFAULT_CODER) -> Path:
    if coder not in MODEL_FILES:
        raise ValueError(f"unknown event coder {coder!r}: one of {', '.join(CODERS)}")
    return Path(str(files("sankore") / "resources" / "data" / MODEL_FILES[coder]))


def features(sent: Span, matches: list[Match]) -> list[str]:
    lemmas = [t.lemma_.lower() for t in sent if t.is_alpha]
    feats = lemmas + [f"{a}_{b}" for a, b in zip(lemmas, lemmas[1:], strict=False)]
    for m in matches:
        # The trigger's clause modality lets the model learn PLOVER's single categories
        # ("said they would boycott" is a THREATEN, "will not accept" a REJECT).
        mod = modality(m.token, m.token)[0]
        for type_, entry in m.types.items():
            feats.append(f"T:{type_}")
            feats.append(f"L:{type_}:{'_'.join(entry.words)}")
            feats.append(f"M:{type_}:{mod}")
    root = sent.root
    feats.append(f"R:{root.lemma_.lower()}")
    return feats


@dataclass
class Classifier:
    classes: list[str]
    vocab: dict[str, int]
    idf: list[float]
    coef: list[list[float]]  # one row per class, over vocab
    intercept: list[float]
    calibration: dict
    # `gold.text_key` of each GSR record trained on: `eval events` scores only the others.
    trained_texts: list[str] = field(default_factory=list)
    # The trigger ranker (`code.option_features`): a logistic regression over one trigger's
    # candidate types, {"vocab": {feature: column}, "coef": [...], "intercept": b}; empty in
    # a model trained before v6, whose types the lexicon weight and P(type) choose.
    ranker: dict = field(default_factory=dict)
    # The embedding part: {"model": embed.MODEL_NAME, "scale": s, "coef": [[...] per class]},
    # scoring s * embedding beside the tf-idf vector; empty in the lexical model.
    dense: dict = field(default_factory=dict)

    @property
    def needs_embedding(self) -> bool:
        return bool(self.dense)

    def rank(self, feats: dict[str, float]) -> float | None:
        """P(this candidate type is the sentence's event type), or None without a ranker."""
        if not self.ranker:
            return None
        vocab, coef = self.ranker["vocab"], self.ranker["coef"]
        z = self.ranker["intercept"] + sum(coef[vocab[f]] * v for f, v in feats.items() if f in vocab)
        return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))

    def proba(self, feats: list[str], vector: np.ndarray | None = None) -> dict[str, float]:
        """P(type | sentence) from its features and, for a model with a `dense` part, its
        embedding (`embed.embed`), which that model cannot score without."""
        counts = Counter(f for f in feats if f in self.vocab)
        x = {self.vocab[f]: (1 + math.log(c)) * self.idf[self.vocab[f]] for f, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in x.values())) or 1.0
        # One matrix product over the sentence's columns: with the trigger detector every
        # sentence is scored, and a Python sum per class took a quarter of the coder's time.
        columns = np.fromiter(x.keys(), dtype=np.int64, count=len(x))
        values = np.fromiter(x.values(), dtype=np.float64, count=len(x)) / norm
        scores = [float(s) for s in self._intercept + self._coef[:, columns] @ values]
        if self.dense:
            if vector is None:
                raise ValueError("this event model reads sentence embeddings: pass the sentence's vector")
            extra = self._dense_coef @ (np.asarray(vector, dtype=np.float64) * self.dense["scale"])
            scores = [s + float(e) for s, e in zip(scores, extra, strict=True)]
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps, strict=True)}

    @cached_property
    def _coef(self) -> np.ndarray:
        return np.asarray(self.coef, dtype=np.float64)

    @cached_property
    def _intercept(self) -> np.ndarray:
        return np.asarray(self.intercept, dtype=np.float64)

    @cached_property
    def _dense_coef(self) -> np.ndarray:
        return np.asarray(self.dense["coef"], dtype=np.float64)

    def to_json(self) -> dict:
        return {"classes": self.classes, "vocab": self.vocab, "idf": self.idf, "coef": self.coef,
                "intercept": self.intercept, "calibration": self.calibration,
                "trained_texts": self.trained_texts, "ranker": self.ranker, "dense": self.dense}


def save(model: Classifier, path: Path) -> None:
    with gzip.open(path, "wt", encoding="utf-8") as f:
        json.dump(model.to_json(), f, separators=(",", ":"))


def load(path: Path | None = None) -> Classifier:
    with gzip.open(path or model_path(), "rt", encoding="utf-8") as f:
        data = json.load(f)
    return Classifier(**data)


@lru_cache(maxsize=2)
def packaged(coder: str = DEFAULT_CODER) -> Classifier | None:
    """The model shipped in the package for `coder` (one of CODERS), or None when it has not
    been trained."""
    path = model_path(coder)
    return load(path) if path.exists() else None


# The scores of an `EventScores` a calibration may name, in the order training fits them.
CALIBRATION_FEATURES = ("p", "lex", "top", "fallback", "nominal", "actor", "root", "depth", "rank")


@dataclass
class EventScores:
    """The fixed scores of one coded event, which its confidence is calibrated from and the
    news filters and training read. A field, not a string key: the calibration names its
    features (`CALIBRATION_FEATURES`) and `feature` refuses a name that is not one."""

    p: float  # P(type) from the sentence classifier; the trigger's weight without one
    lex: float  # the trigger entry's weight (0.0 when the classifier chose an unlisted type)
    top: float  # 1.0 when the type is the classifier's top type
    fallback: float  # 1.0 for a sentence coded without a trigger (the classifier alone)
    nominal: float  # 1.0 for a noun trigger standing alone ("the bombing")
    actor: float  # 1.0 when the event has an actor
    root: float  # 1.0 when the trigger's anchor is the sentence's root
    depth: float  # head hops from the anchor to the root
    clear: float  # 1.0 for a clause with a plain lexical subject (`clauses.clear_predicate`)
    modifier: float  # 1.0 for a participle modifying a noun ("fighters allied to the SDF")
    background: float  # 1.0 inside a describing clause, a purpose, speculation or "as" phrase
    # Each candidate type with its sparse ranker features (`ranking.option_features`).
    options: dict[str, dict[str, float]] = field(default_factory=dict)
    rank: float | None = None  # the ranker's score for the coded type; None without a ranker

    def feature(self, name: str) -> float:
        """The score a calibration calls `name` (a missing rank counts 0.0, as it did when
        the calibration was fitted)."""
        if name not in CALIBRATION_FEATURES:
            raise ValueError(f"{name!r} is not a calibration feature: {CALIBRATION_FEATURES}")
        value = getattr(self, name)
        return 0.0 if value is None else float(value)


def calibrated(calibration: dict, scores: EventScores) -> float:
    """A probability that the coded type is right, from the event's scores via the fitted
    logistic calibration (`{"features": [...], "coef": [...], "intercept": b}`)."""
    if not calibration:
        return scores.p
    pairs = zip(calibration["features"], calibration["coef"], strict=True)
    z = calibration["intercept"] + sum(c * scores.feature(f) for f, c in pairs)
    return 1 / (1 + math.exp(-z))
