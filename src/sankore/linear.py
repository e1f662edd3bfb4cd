"""A sparse logistic regression scored in plain Python: one weight per named feature, an
intercept and a decision threshold. Models are fitted with scikit-learn in `training/` and
shipped as JSON; scoring needs nothing but this (the quotation candidate check and the news
filter of the events stage both use it)."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass
class SparseLogistic:
    weights: dict[str, float]
    intercept: float
    threshold: float

    def probability(self, feats: dict[str, float]) -> float:
        z = self.intercept + sum(self.weights.get(k, 0.0) * v for k, v in feats.items())
        return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> dict:
        return {"intercept": self.intercept, "threshold": self.threshold, "weights": self.weights}
