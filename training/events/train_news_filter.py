"""Train the news filter (`sankore.events.news_filter`) on the news gold set's dev part.

Every candidate event the coder finds with no filter (`Settings(filter="none")`) in a dev
article is a training example, labelled 1 when it matches a gold event of that article the
way `sankore eval events` matches (overlapping evidence, same PLOVER category). A logistic
regression over `news_features` is fitted in 5 folds grouped by article; the out-of-fold
probabilities choose the threshold (the highest F1 of events against all gold events of the
dev part, recall counted over every gold event, not only those a candidate could reach) and
give the reliability table; the model shipped is then refitted on all of dev. The test part is
never read.

    python -m training.events.train_news_filter [--coder lexical|embeddings] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

from sankore.api import make_doc
from sankore.eval.news_events import find_corpus, load_texts, match, read_gold
from sankore.events import classifier
from sankore.events.code import find_events_scored
from sankore.events.news_filter import NewsFilter, candidates_features, model_path
from sankore.events.settings import Settings
from sankore.pipeline import get_pipeline
from sankore.readers.text import article_from_text
from sankore.scoring import prf_counts, reliability

from ..paths import CHECKOUT, SHARED_DATA

GOLD = CHECKOUT / "gold" / "news_events"
# Inverse regularization: 0.5 gave the best out-of-fold F1 on dev among 0.1, 0.5, 2 and 8
# (0.412, 0.414, 0.411, 0.405 on v8's first candidates, 2026-12-06).
C = 0.5


def examples(coder: str) -> tuple[list[dict[str, float]], list[int], list[int], int]:
    """(features, labels, article index, gold events) of every dev candidate."""
    articles = read_gold(GOLD, "dev")
    texts = load_texts(articles, find_corpus(GOLD, SHARED_DATA / "corpus"))
    nlp = get_pipeline(event_coder=coder)
    docs = [nlp(make_doc(nlp, article_from_text(texts[a.id], a.id, published=a.published))) for a in articles]
    return examples_of(docs, articles, coder)


def examples_of(docs: list, articles: list, coder: str
                ) -> tuple[list[dict[str, float]], list[int], list[int], int]:
    """`examples` of Docs already parsed (the detector's training reuses them)."""
    model = classifier.packaged(coder)
    screen = classifier.packaged("lexical") if coder != "lexical" else None
    settings = Settings(filter="none")
    feats, labels, groups = [], [], []
    for i, (article, doc) in enumerate(zip(articles, docs, strict=True)):
        scored = find_events_scored(doc, model, settings, screen=screen)
        by_sentence: dict[tuple[int, int], list] = {}
        sentences = [(s.start_char, s.end_char) for s in doc.sents]
        for event, sc in scored:  # grouped by sentence, as `code_sentence` sees them
            sent = next(s for s in sentences if s[0] <= event.evidence[0] < s[1])
            by_sentence.setdefault(sent, []).append((event, sc))
        cands: list = []
        for (start, end), group in by_sentence.items():
            actors = [a for a in doc._.actors if start <= a.start < end]
            feats += candidates_features(group, actors)
            cands += [e for e, _ in group]
        hits = {ci for _, ci in match(list(article.events), cands)}
        labels += [int(j in hits) for j in range(len(cands))]
        groups += [i] * len(cands)
    return feats, labels, groups, sum(len(a.events) for a in articles)


def fit(feats: list[dict[str, float]], labels: list[int]):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform(feats)
    lr = LogisticRegression(C=C, max_iter=2000).fit(x, labels)
    return vec, lr


def out_of_fold(feats, labels, groups) -> np.ndarray:
    from sklearn.model_selection import GroupKFold

    probs = np.zeros(len(labels))
    for train, held in GroupKFold(n_splits=5).split(feats, labels, groups):
        vec, lr = fit([feats[i] for i in train], [labels[i] for i in train])
        probs[held] = lr.predict_proba(vec.transform([feats[i] for i in held]))[:, 1]
    return probs


def choose_threshold(probs: np.ndarray, labels: list[int], n_gold: int) -> tuple[float, dict]:
    best = (0.0, 0.5, {})
    y = np.asarray(labels)
    for t in np.arange(0.10, 0.91, 0.025):
        kept = probs >= t
        tp = int((y[kept] == 1).sum())
        fig = prf_counts(tp, int(kept.sum()) - tp, n_gold - tp)
        if fig["f1"] > best[0]:
            best = (fig["f1"], round(float(t), 3), fig)
    return best[1], best[2]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--coder", default="lexical", choices=classifier.CODERS,
                    help="the coder whose candidates train it (lexical: the screen both coders share)")
    ap.add_argument("--out", type=Path, default=model_path())
    args = ap.parse_args()
    start = time.perf_counter()
    feats, labels, groups, n_gold = examples(args.coder)
    probs = out_of_fold(feats, labels, groups)
    threshold, figures = choose_threshold(probs, labels, n_gold)
    kept = probs >= threshold
    table = reliability([float(p) for p in probs[kept]], [bool(v) for v in np.asarray(labels)[kept]])
    vec, lr = fit(feats, labels)
    names = vec.get_feature_names_out()
    coef = {name: round(float(w), 5) for name, w in zip(names, lr.coef_[0], strict=True)}
    model = NewsFilter(coef, round(float(lr.intercept_[0]), 5), threshold)
    args.out.write_text(json.dumps(model.to_json(), indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(json.dumps({"candidates": len(labels), "positives": int(sum(labels)), "gold_events": n_gold,
                      "threshold": threshold, "out_of_fold": figures, "reliability_out_of_fold": table,
                      "seconds": round(time.perf_counter() - start, 1), "written": str(args.out)}, indent=1))


if __name__ == "__main__":
    main()
