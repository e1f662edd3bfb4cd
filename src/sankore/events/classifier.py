"""The sentence classifier: P(PLOVER type | sentence), a linear model shipped as JSON.

Features are the sentence's lemmas and lemma bigrams plus the types its trigger-lexicon
matches name ("T:ASSAULT"), each also with its clause's modality ("M:PROTEST:planned").
The weights are trained with scikit-learn (`train.py`), but scoring needs nothing beyond
the standard library: sublinear tf, idf, l2 norm, a linear layer and a softmax, as in
`TfidfVectorizer(sublinear_tf=True)` + `LogisticRegression`. The same file carries the
confidence calibration (`calibration`), fitted out of fold.
"""

from __future__ import annotations

import gzip
import json
import math
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from spacy.tokens import Span

from .lexicon import Match
from .modality import modality

MODEL_NAME = "events_model.json.gz"


def model_path() -> Path:
    return Path(str(files("sankore") / "resources" / "data" / MODEL_NAME))


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

    def rank(self, feats: dict[str, float]) -> float | None:
        """P(this candidate type is the sentence's event type), or None without a ranker."""
        if not self.ranker:
            return None
        vocab, coef = self.ranker["vocab"], self.ranker["coef"]
        z = self.ranker["intercept"] + sum(coef[vocab[f]] * v for f, v in feats.items() if f in vocab)
        return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))

    def proba(self, feats: list[str]) -> dict[str, float]:
        counts = Counter(f for f in feats if f in self.vocab)
        x = {self.vocab[f]: (1 + math.log(c)) * self.idf[self.vocab[f]] for f, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in x.values())) or 1.0
        scores = [b + sum(row[i] * v / norm for i, v in x.items())
                  for row, b in zip(self.coef, self.intercept, strict=True)]
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps, strict=True)}

    def to_json(self) -> dict:
        return {"classes": self.classes, "vocab": self.vocab, "idf": self.idf, "coef": self.coef,
                "intercept": self.intercept, "calibration": self.calibration,
                "trained_texts": self.trained_texts, "ranker": self.ranker}


def save(model: Classifier, path: Path) -> None:
    with gzip.open(path, "wt", encoding="utf-8") as f:
        json.dump(model.to_json(), f, separators=(",", ":"))


def load(path: Path | None = None) -> Classifier:
    with gzip.open(path or model_path(), "rt", encoding="utf-8") as f:
        data = json.load(f)
    return Classifier(**data)


@lru_cache(maxsize=1)
def packaged() -> Classifier | None:
    """The model shipped in the package, or None when it has not been trained."""
    path = model_path()
    return load(path) if path.exists() else None


def calibrated(calibration: dict, raw: dict[str, float]) -> float:
    """A probability that the coded type is right, from the raw scores via the fitted logistic
    calibration (`{"features": [...], "coef": [...], "intercept": b}`)."""
    if not calibration:
        return raw.get("p", 0.5)
    pairs = zip(calibration["features"], calibration["coef"], strict=True)
    z = calibration["intercept"] + sum(c * raw.get(f, 0.0) for f, c in pairs)
    return 1 / (1 + math.exp(-z))
