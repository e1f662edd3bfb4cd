"""Train the trigger detector (`sankore.events.detector`) on the news gold set's dev part.

Every candidate predicate of a dev article (`detector.candidates`, read with the features
the coder reads, `detector.detector_inputs`) is an example: the head word of a gold event's
trigger span is a positive of that event's class (its PLOVER type; an arrest is its own
class), the other words of the span are left out, every other candidate is a negative. One
logistic regression per class, one against the rest.

Honest figures: 5 folds grouped by article. Each fold's detector is trained on the other
folds' articles (nouns used as triggers included) and then codes the held articles end to
end (`find_events_scored`, roles and modality as shipped); the coded events are matched
against the gold as `sankore eval events` matches. The out-of-fold events choose the
threshold (the best F1 over all of dev's gold events) and give the reliability table. The
model shipped is refitted on all of dev. The test part is never read. With `--ipe N`, N
IndiaPoliceEvents `dev` documents (none of those in the news dev part) are scored with the
shipped detector and without it (the learned news filter, v8), sentence by sentence.

    python -m training.events.train_detector [--cache DIR] [--ipe N] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

from sankore.api import make_doc
from sankore.eval.news_events import find_corpus, load_texts, match, read_gold
from sankore.events import classifier, detector, news_filter
from sankore.events.code import find_events_scored, prepare
from sankore.events.detector import ARREST, Detector
from sankore.events.settings import Settings
from sankore.linear import SparseLogistic
from sankore.pipeline import get_pipeline
from sankore.readers.text import article_from_text
from sankore.scoring import prf_counts, reliability

from ..paths import CHECKOUT, SHARED_DATA

GOLD = CHECKOUT / "gold" / "news_events"
CODER = classifier.DEFAULT_CODER  # the coder users get: its candidates are what the detector adds to
# Inverse regularization of each class's model (chosen out of fold on dev, DATA_CARD v9).
C = 0.5
FOLDS = 5
PRUNE = 0.01  # smaller weights are left out of the shipped model (they move no decision)
_SPEECH = {"say", "tell", "state", "add", "report", "claim", "announce", "declare", "confirm"}
PRIOR_MIN = 3  # occurrences a lemma needs as a main predicate before its prior is kept


def parsed(nlp, articles: list, cache: Path | None, name: str) -> list:
    """The articles' Docs, parsed by the full pipeline (read from `cache` when it holds them)."""
    from spacy.tokens import DocBin

    path = cache / f"{name}.spacy" if cache else None
    if path is not None and path.exists():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    docs = [nlp(make_doc(nlp, a)) for a in articles]
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        DocBin(docs=docs, store_user_data=True).to_disk(path)
    return docs


def sentence_inputs(doc, nouns: frozenset[str], priors: dict) -> list[tuple]:
    """(token, features) of every candidate of the Doc, read as the shipped coder reads them."""
    model, screen = classifier.packaged(CODER), classifier.packaged("lexical")
    settings = Settings()
    probe = Detector({}, 1.0, nouns, priors)
    sents, vectors = prepare([doc], model, settings, screen)[0]
    out = []
    for sent, matches in sents:
        vector = vectors.get(sent.start)
        coder = screen if model is not None and model.needs_embedding and vector is None else model
        actors = detector.sentence_actors(doc, sent)
        out += detector.detector_inputs(sent, coder, matches, vector, probe, actors)[1]
    return out


def lemma_priors(cache: Path | None) -> dict[str, dict[str, float]]:
    """P(class | lemma) of the main predicates of the codebook sentences and the training GSR
    records (one event each, labelled by type): what a word names beyond the 41 dev articles.
    The main predicates are the root, the verbs it governs as complement or conjunct, and the
    object of a light verb ("held talks")."""
    from sankore.eval.events_gold import split_gsr
    from sankore.events.code import LIGHT_VERBS
    from sankore.pipeline import load_base_model

    from ..paths import SHARED_EVENTS
    from .codebook import CODEBOOK

    path = cache / "priors.json" if cache else None
    if path is not None and path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    rows = [json.loads(line) for line in CODEBOOK.read_text("utf-8").splitlines() if line.strip()]
    units = [(r["text"], gold_class(r)) for r in rows]
    units += [(g.text, gold_class({"type": g.type, "mode": g.mode})) for g in split_gsr(SHARED_EVENTS)[0]]
    counts: dict[str, dict[str, int]] = {}
    nlp = load_base_model()
    for doc, (_, cls) in zip(nlp.pipe([t for t, _ in units], batch_size=64), units, strict=True):
        for sent in doc.sents:
            root = sent.root
            said = [c for c in root.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")]
            if root.lemma_.lower() in _SPEECH and said:  # "X said on Monday it would ...": the content
                root = said[0]
            main = [root] + [c for c in root.children if c.dep_ in ("xcomp", "conj") and c.pos_ == "VERB"]
            if root.lemma_.lower() in LIGHT_VERBS:
                main += [c for c in root.children if c.dep_ == "dobj" and c.pos_ == "NOUN"]
            for tok in main:
                lemma = tok.lemma_.lower()
                counts.setdefault(lemma, {}).setdefault(cls, 0)
                counts[lemma][cls] += 1
    priors = {}
    for lemma, by_class in counts.items():
        n = sum(by_class.values())
        if n >= PRIOR_MIN:
            priors[lemma] = {c: round(k / (n + 1), 3) for c, k in by_class.items() if k / (n + 1) >= 0.1}
    if path is not None:
        path.write_text(json.dumps(priors), encoding="utf-8")
    return priors


def gold_class(event) -> str:
    return ARREST if event["type"] == "COERCE" and event.get("mode") == "arrest" else event["type"]


def labelled(doc, events: list[dict], inputs: list[tuple]) -> tuple[list[dict], list[set[str]], int]:
    """(features, classes of each kept candidate, gold events no candidate reaches)."""
    by_i = {tok.i: n for n, (tok, _) in enumerate(inputs)}
    classes: dict[int, set[str]] = {}
    skip: set[int] = set()
    unreached = 0
    for e in events:
        start, end = e["trigger"]
        inside = [tok for tok in doc if start <= tok.idx < end and tok.i in by_i]
        if not inside:
            unreached += 1
            continue
        ids = {t.i for t in inside}
        heads = [t for t in inside if not any(a.i in ids for a in t.ancestors)]
        head = heads[0] if heads else inside[0]
        classes.setdefault(by_i[head.i], set()).add(gold_class(e))
        skip |= {by_i[t.i] for t in inside if t.i != head.i}
    feats, labels = [], []
    for n, (_, f) in enumerate(inputs):
        if n in skip and n not in classes:
            continue
        feats.append(f)
        labels.append(classes.get(n, set()))
    return feats, labels, unreached


def fit(feats: list[dict], labels: list[set[str]], nouns: frozenset[str], priors: dict, threshold: float
        ) -> Detector:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform(feats)
    names = vec.get_feature_names_out()
    models = {}
    for cls in sorted(set().union(*labels)):
        y = np.array([cls in ls for ls in labels], dtype=int)
        if y.sum() < 2:
            continue
        lr = LogisticRegression(C=C, max_iter=3000).fit(x, y)
        weights = {n: round(float(w), 3) for n, w in zip(names, lr.coef_[0], strict=True) if abs(w) >= PRUNE}
        models[cls] = SparseLogistic(weights, round(float(lr.intercept_[0]), 4), threshold)
    return Detector(models, threshold, nouns, priors)


def trigger_nouns(docs: list, articles: list) -> frozenset[str]:
    """The nouns the gold uses as trigger heads."""
    out = set()
    for doc, a in zip(docs, articles, strict=True):
        for e in a["events"]:
            start, end = e["trigger"]
            out |= {t.lemma_.lower() for t in doc if start <= t.idx < end and t.pos_ == "NOUN"}
    return frozenset(out)


def code(docs: list, det: Detector) -> list[list]:
    model, screen = classifier.packaged(CODER), classifier.packaged("lexical")
    return [find_events_scored(doc, model, Settings(detector=True), screen=screen, trigger_model=det)
            for doc in docs]


def fold_filter(docs: list, gold: list, held: list[int]) -> news_filter.NewsFilter:
    """The news filter refitted on the articles outside `held` (as `train_news_filter` fits it)."""
    from . import train_news_filter

    train = [i for i in range(len(docs)) if i not in held]
    feats, labels, _, _ = train_news_filter.examples_of([docs[i] for i in train], [gold[i] for i in train],
                                                        CODER)
    vec, lr = train_news_filter.fit(feats, labels)
    coef = dict(zip(vec.get_feature_names_out(), (float(w) for w in lr.coef_[0]), strict=True))
    return news_filter.NewsFilter(coef, float(lr.intercept_[0]), news_filter.packaged().threshold)


def out_of_fold(docs, raw, gold, priors: dict, chosen: tuple[float, float] | None = None
                ) -> tuple[list[tuple[str, float, float, bool]], int, int]:
    """(source, detector probability, confidence, matched) of every event coded on held
    articles by the fold's detector and news filter (both trained on the other folds), the
    gold events, and those no candidate reaches. Source: "lex" for the lexicon's events, "det"
    for the detector's additions. `chosen`: (threshold, veto); by default floors, so that every
    candidate comes out for the choice."""
    every_noun = trigger_nouns(docs, raw)
    inputs = [sentence_inputs(doc, every_noun, priors) for doc in docs]
    scored, unreached = [], 0
    shipped = news_filter.packaged
    for fold in range(FOLDS):
        train = [i for i in range(len(docs)) if i % FOLDS != fold]
        held = [i for i in range(len(docs)) if i % FOLDS == fold]
        nouns = trigger_nouns([docs[i] for i in train], [raw[i] for i in train])
        feats, labels = [], []
        for i in train:
            kept = [(t, f) for t, f in inputs[i]
                    if t.pos_ != "NOUN" or f.get("lex") or detector.eventive_noun(t, nouns)]
            f, lab, _ = labelled(docs[i], raw[i]["events"], kept)
            feats += f
            labels += lab
        det = fit(feats, labels, nouns, priors, chosen[0] if chosen else 0.05)
        det.veto = chosen[1] if chosen else 0.0
        filt = fold_filter(docs, gold, held)
        news_filter.packaged = lambda filt=filt: filt  # the fold's filter codes its held articles
        try:
            coded_docs = code([docs[i] for i in held], det)
        finally:
            news_filter.packaged = shipped
        for i, events in zip(held, coded_docs, strict=True):
            best = {t.idx: det.best(f)[1] for t, f in inputs[i]}
            lexical = {t.idx for t, f in inputs[i] if f.get("lex")}
            coded = [e for e, _ in events]
            hits = {ci for _, ci in match(list(gold[i].events), coded)}
            for n, e in enumerate(coded):
                at = (e.trigger or (-1, 0))[0]
                scored.append(("lex" if at in lexical else "det", best.get(at, 1.0), e.confidence, n in hits))
            unreached += labelled(docs[i], raw[i]["events"], inputs[i])[2]
    return scored, sum(len(a.events) for a in gold), unreached


def choose(scored: list[tuple[str, float, float, bool]], n_gold: int, min_confidence: float = 0.0,
           tolerance: float = 0.01) -> tuple[float, float]:
    """(threshold, veto): the highest threshold whose best F1 over all gold events (any veto)
    is within `tolerance` of the best F1 (41 articles cannot tell 0.005 apart; fewer additions
    keep precision), no lower than where an added event's calibrated confidence reaches
    `min_confidence`. v9 shipped with 0.5 (an added event more likely right than wrong) and
    added 6 events on dev; since v10 the F1 optimum is shipped: recall is what the news
    figures lack most, and the added events' low confidence says what they are (DATA_CARD v10)."""
    probe = Detector({}, 0.0, frozenset(), {}, calibration(scored))
    floor = next(float(t) for t in np.arange(0.05, 0.91, 0.025)
                 if probe.confidence(float(t)) >= min_confidence)
    by_threshold: dict[float, tuple[float, float]] = {}
    for t in np.arange(floor, 0.91, 0.025):
        for veto in (0.0, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15):
            kept = [hit for src, p, _, hit in scored if p >= (t if src == "det" else veto)]
            f1 = prf_counts(sum(kept), len(kept) - sum(kept), n_gold - sum(kept))["f1"]
            if f1 > by_threshold.get(round(float(t), 3), (-1.0, 0.0))[0]:
                by_threshold[round(float(t), 3)] = (f1, veto)
    best = max(f1 for f1, _ in by_threshold.values())
    threshold = max(t for t, (f1, _) in by_threshold.items() if f1 >= best - tolerance)
    return threshold, by_threshold[threshold][1]


def curve(scored: list[tuple[str, float, float, bool]], n_gold: int, veto: float) -> list[dict]:
    """P/R/F1 over all gold events at each detector threshold (the chosen veto), and how many
    events the detector adds there and how many of them are right: the trade-off behind the
    choice, for the data card."""
    rows = []
    for t in np.arange(0.05, 0.5, 0.025):
        kept = [(src, hit) for src, p, _, hit in scored if p >= (t if src == "det" else veto)]
        hits = [h for _, h in kept]
        rows.append({"threshold": round(float(t), 3),
                     **prf_counts(sum(hits), len(hits) - sum(hits), n_gold - sum(hits)),
                     "added": sum(src == "det" for src, _ in kept),
                     "added_right": sum(src == "det" and h for src, h in kept)})
    return rows


def calibration(scored: list[tuple[str, float, float, bool]]) -> tuple[float, float]:
    """(a, b) of sigmoid(a * logit(p) + b) fitted on the detector's out-of-fold additions."""
    from sklearn.linear_model import LogisticRegression

    kept = [(p, hit) for src, p, _, hit in scored if src == "det"]
    x = np.array([[np.log(p / (1 - p))] for p, _ in kept])
    lr = LogisticRegression(C=100.0).fit(x, [int(h) for _, h in kept])
    return round(float(lr.coef_[0][0]), 4), round(float(lr.intercept_[0]), 4)


def ipe(nlp, det: Detector, n: int, exclude: set[str], cache: Path | None) -> dict:
    """Sentence P/R/F1 per label on N IndiaPoliceEvents dev documents, with and without the detector."""
    from sankore.eval.india_police import LABELS, _score, event_labels, read_documents, sentence_labels
    from sankore.pipeline.to_records import doc_to_record

    docs = [d for d in read_documents(SHARED_DATA / "corpus" / "india_police_events", "dev")
            if f"india_police_events:{d.doc_id}" not in exclude][:n]
    arts = [article_from_text(d.text, f"india_police_events:{d.doc_id}", outlet="The Times of India",
                              published=d.published) for d in docs]
    parsed_docs = parsed(nlp, arts, cache, f"ipe_dev_{n}")
    out = {}
    model, screen = classifier.packaged(CODER), classifier.packaged("lexical")
    rows = (("detector", Settings(detector=True)), ("v8 news filter", Settings(detector=False)))
    for name, settings in rows:
        gold_sets, pred = [], []
        for d, a, doc in zip(docs, arts, parsed_docs, strict=True):
            events = find_events_scored(doc, model, settings, screen=screen, trigger_model=det)
            doc._.events = [e for e, _ in events]
            found = event_labels(doc_to_record(doc, a.document(), a.boilerplate))
            for s, coded in zip(d.sentences, sentence_labels(found, d.sentences), strict=True):
                gold_sets.append(set(s.labels) & set(LABELS))
                pred.append(coded)
        out[name] = _score(gold_sets, pred)
    return {"documents": len(docs), **out}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cache", type=Path, help="a folder to keep the parsed Docs in between runs")
    ap.add_argument("--ipe", type=int, default=0, help="score N IndiaPoliceEvents dev documents")
    ap.add_argument("--out", type=Path, default=detector.model_path())
    args = ap.parse_args()
    start = time.perf_counter()
    gold = read_gold(GOLD, "dev")
    raw = [json.loads(line) for line in (GOLD / "dev.jsonl").read_text(encoding="utf-8").splitlines()]
    texts = load_texts(gold, find_corpus(GOLD, SHARED_DATA / "corpus"))
    nlp = get_pipeline(event_coder=CODER)
    arts = [article_from_text(texts[a.id], a.id, published=a.published) for a in gold]
    docs = parsed(nlp, arts, args.cache, "news_dev")
    priors = lemma_priors(args.cache)
    floors = out_of_fold(docs, raw, gold, priors)
    threshold, veto = choose(*floors[:2])
    scored, n_gold, unreached = out_of_fold(docs, raw, gold, priors, (threshold, veto))
    calib = calibration(scored)
    probe = Detector({}, threshold, frozenset(), {}, calib)
    confidences = [probe.confidence(p) if src == "det" else c for src, p, c, _ in scored]
    hits = [h for *_, h in scored]
    figures = prf_counts(sum(hits), len(hits) - sum(hits), n_gold - sum(hits))
    table = reliability(confidences, hits)
    confident = [h for c, h in zip(confidences, hits, strict=True) if c >= 0.7]
    by_source = {src: {"events": sum(s == src for s, *_ in scored),
                       "matched": sum(s == src and h for s, *_, h in scored)} for src in ("lex", "det")}
    nouns = trigger_nouns(docs, raw)
    feats, labels = [], []
    for doc, a in zip(docs, raw, strict=True):
        f, lab, _ = labelled(doc, a["events"], sentence_inputs(doc, nouns, priors))
        feats += f
        labels += lab
    det = fit(feats, labels, nouns, priors, threshold)
    det.calibration, det.veto = calib, veto
    args.out.write_text(json.dumps(det.to_json(), sort_keys=True) + "\n", encoding="utf-8")
    report = {"candidates": len(labels), "positives": sum(bool(ls) for ls in labels), "gold_events": n_gold,
              "unreached_by_candidates": unreached, "threshold": threshold, "veto": veto,
              "out_of_fold": figures,
              "out_of_fold_by_source": by_source,
              "out_of_fold_curve": curve(*floors[:2], veto),
              "precision_at_confidence_0.7": round(sum(confident) / max(1, len(confident)), 3),
              "events_at_confidence_0.7": len(confident), "reliability_out_of_fold": table}
    if args.ipe:
        report["ipe_dev"] = ipe(nlp, det, args.ipe, {a.id for a in gold}, args.cache)
    report.update(seconds=round(time.perf_counter() - start, 1), written=str(args.out))
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
