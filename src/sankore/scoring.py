"""Precision, recall, F1 and calibration tables: the one definition every scorer uses.

Figures are rounded to three decimals where they are reported, never before they are
combined, so macro averages are averages of exact values' roundings as printed.
"""

from __future__ import annotations


def ratio(num: float, den: float) -> float:
    """num / den, 0.0 when den is 0 (a scorer with nothing predicted has precision 0, not NaN)."""
    return num / den if den else 0.0


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def prf_counts(tp: int, fp: int, fn: int) -> dict[str, float]:
    """Precision, recall and F1 from true positives, false positives and false negatives."""
    p, r = ratio(tp, tp + fp), ratio(tp, tp + fn)
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f1(p, r), 3)}


def prf(matched_predicted: int, predicted: int, matched_gold: int, gold: int,
        digits: int = 3) -> dict[str, float]:
    """Precision, recall and F1 rounded to `digits`, where a prediction and a gold item may
    match more than one of the other (quotes, toponyms): precision counts the predictions
    that matched, recall the gold items that were found. With one-to-one matches both are
    the true positives (`prf_counts`)."""
    p, r = ratio(matched_predicted, predicted), ratio(matched_gold, gold)
    return {"precision": round(p, digits), "recall": round(r, digits), "f1": round(f1(p, r), digits)}


def reliability(confidences: list[float], rights: list[bool], bins: int = 5) -> list[dict]:
    """A reliability table: per confidence bin, how many predictions and how many were right."""
    rows = []
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        inside = [(c, r) for c, r in zip(confidences, rights, strict=True)
                  if lo <= c < hi or (b == bins - 1 and c == 1.0)]
        n = len(inside)
        rows.append({"confidence": f"{lo:.1f}-{hi:.1f}", "events": n,
                     "accuracy": round(sum(r for _, r in inside) / n, 3) if n else None,
                     "mean_confidence": round(sum(c for c, _ in inside) / n, 3) if n else None})
    return rows
