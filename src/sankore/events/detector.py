"""The trigger detector: which words of a news sentence name an event, and of which PLOVER type.

The trigger lexicon proposes a fixed list of words and fires on every sense of them ("said in
the release", "Police released video", "welcomed the exchange"); on the news gold set's dev
part it never proposed about two thirds of the events an analyst codes (DATA_CARD v9). The
detector reads every predicate of a sentence instead (`candidates`: each verb, each noun the
lexicon knows or that looks like a nominalisation, each noun the training gold used as a
trigger) and scores it with one sparse logistic regression per PLOVER type (one against the
rest, `sankore.linear.SparseLogistic`) over what the sentence says around it (`token_features`):
its lemma, its dependency and its governor, its object and particles, negation and modal
auxiliaries, what kind of participant its subject and object are (a coded actor, an unnamed
sector noun like "police", a place, a pronoun), the lexicon's entries for it and for its
governor, the clause cues of `clauses` (description, background, purpose), and the sentence
classifier's probabilities, and P(class | lemma) from the codebook and GSR sentences (`priors`).
On news, with `Settings.detector` on (off by default, DATA_CARD v9), the lexicon's events still
pass the news filter (`code._detected`); the detector adds
a predicate the lexicon does not know when its best class reaches the threshold (its calibrated
probability is the event's confidence) and drops a lexicon event whose trigger scores below
`veto`. Both were chosen out of fold (DATA_CARD v9): an added event must be more likely right
than wrong, and no veto beat none.

Trained by `python -m training.events.train_detector` on the news gold set's dev part (its
trigger spans); scoring needs nothing but this module and `events_detector.json`.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib.resources import files
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, Span, Token

from ..linear import SparseLogistic
from ..mentions import ActorMention
from ..pipeline.generic_actors import DATELINE_CHARS, UNNAMED, dateline_spans
from .classifier import Classifier, features
from .clauses import (
    background_relative,
    cancelled,
    depth_of,
    governors,
    idiom,
    measured,
    predicative,
    purpose,
    speculation,
)
from .lexicon import Match
from .lookups import index_of

MODEL_FILE = "events_detector.json"
# Nominalisations ("the killing", "an abduction", "the deployment") name acts; other nouns
# are candidates only when the lexicon or the training gold names them as triggers.
_NOMINAL_SUFFIXES = ("tion", "sion", "ment", "ing", "ance", "ence", "ure", "ade", "age", "al")
_MODALS = {"will", "would", "could", "may", "might", "should", "must", "can", "shall"}
_OBJECT_DEPS = ("dobj", "pobj", "dative", "attr", "oprd")
# Classes are PLOVER types, except that an arrest is told apart from other coercion: the
# IndiaPoliceEvents scorer reads the mode, and many arrest words ("held", "nabbed", "rounded
# up") are in no lexicon entry that would give it.
ARREST = "COERCE:arrest"


def split_class(name: str) -> tuple[str, str | None]:
    """(type, mode) of a detector class."""
    type_, _, mode = name.partition(":")
    return type_, mode or None


@dataclass
class Detector:
    """One binary model per PLOVER type, the threshold on the best type's probability, the
    nouns the training gold used as triggers (candidates beside the nominalisations), and
    P(class | lemma) as main predicate of the codebook and GSR sentences (`priors`)."""

    models: dict[str, SparseLogistic]
    threshold: float
    nouns: frozenset[str]
    priors: dict[str, dict[str, float]] = field(default_factory=dict)
    # confidence = sigmoid(a * logit(p) + b): a one-against-the-rest probability says how
    # likely the word is a trigger of that class; the calibration, fitted on the out-of-fold
    # coded events, says how likely the coded event is one the gold holds.
    calibration: tuple[float, float] = (1.0, 0.0)
    # A lexicon trigger whose best class scores below this is no event (a false sense).
    veto: float = 0.0

    def proba(self, feats: dict[str, float]) -> dict[str, float]:
        # Every predicate of every sentence is scored against every class: one pass over the
        # features with each feature's weights for all classes (`_by_feature`), not one
        # dictionary lookup per feature per class, made the coder 2x faster (DATA_CARD v10).
        names, intercepts, by_feature = self._by_feature
        z = list(intercepts)
        for name, value in feats.items():
            for i, w in by_feature.get(name, ()):
                z[i] += w * value
        return {t: 1 / (1 + math.exp(-max(-30.0, min(30.0, zi)))) for t, zi in zip(names, z, strict=True)}

    @cached_property
    def _by_feature(self) -> tuple[list[str], list[float], dict[str, list[tuple[int, float]]]]:
        names = list(self.models)
        by_feature: dict[str, list[tuple[int, float]]] = {}
        for i, t in enumerate(names):
            for name, w in self.models[t].weights.items():
                by_feature.setdefault(name, []).append((i, w))
        return names, [self.models[t].intercept for t in names], by_feature

    def best(self, feats: dict[str, float]) -> tuple[str, float]:
        probs = self.proba(feats)
        top = max(probs, key=probs.__getitem__)
        return top, probs[top]

    def confidence(self, p: float) -> float:
        a, b = self.calibration
        z = a * math.log(max(p, 1e-6) / max(1 - p, 1e-6)) + b
        return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> dict:
        return {"threshold": self.threshold, "nouns": sorted(self.nouns), "priors": self.priors,
                "calibration": list(self.calibration), "veto": self.veto,
                "models": {t: m.to_json() for t, m in sorted(self.models.items())}}

    @classmethod
    def from_json(cls, data: dict) -> Detector:
        models = {t: SparseLogistic(m["weights"], m["intercept"], m["threshold"])
                  for t, m in data["models"].items()}
        a, b = data.get("calibration", (1.0, 0.0))
        return cls(models, float(data["threshold"]), frozenset(data["nouns"]), data.get("priors", {}),
                   (float(a), float(b)), float(data.get("veto", 0.0)))


def model_path() -> Path:
    return Path(str(files("sankore") / "resources" / "data" / MODEL_FILE))


@lru_cache(maxsize=1)
def packaged() -> Detector | None:
    """The shipped detector, or None where none is trained (the lexicon's triggers decide)."""
    path = model_path()
    if not path.exists():
        return None
    return Detector.from_json(json.loads(path.read_text(encoding="utf-8")))


def candidates(sent: Span, matches: list[Match], nouns: frozenset[str]) -> list[Token]:
    """The sentence's predicates: its verbs, and the nouns that may name an act."""
    matched = {m.token.i for m in matches}
    out = []
    for tok in sent:
        if tok.i in matched or tok.pos_ == "VERB":
            out.append(tok)
        elif tok.pos_ == "NOUN" and eventive_noun(tok, nouns):
            out.append(tok)
    return out


def eventive_noun(tok: Token, nouns: frozenset[str]) -> bool:
    """Whether a noun may name an act: a nominalisation, or a noun the training gold used so."""
    lemma = tok.lemma_.lower()
    return lemma in nouns or (len(lemma) > 5 and lemma.endswith(_NOMINAL_SUFFIXES))


def _participant(tok: Token, actors: list[ActorMention]) -> list[str]:
    """What kind of participant the phrase headed by `tok` is."""
    start, end = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text)
    inside = [a for a in actors if start <= a.start and a.end <= end]
    out = []
    for a in inside:
        if a.key.startswith(UNNAMED):
            out.append("unnamed")
        elif a.code or a.country:
            out.append("coded")
        else:
            out.append("actor")
        out.append(f"kind:{a.kind}")
        if a.code and " " in a.code:
            out.append(f"sector:{a.code.rsplit(' ', 1)[1]}")
    if not inside:
        if tok.pos_ == "PRON":
            out.append("pron")
        elif tok.ent_type_:
            out.append(f"ent:{tok.ent_type_}")
        else:
            out.append("plain")
    return out


def token_features(tok: Token, by_token: dict[int, Match], actors: list[ActorMention],
                   proba: dict[str, float] | None, priors: dict[str, dict[str, float]]) -> dict[str, float]:
    """The features of one candidate (`by_token`: the sentence's lexicon matches by token
    index; `actors`: the sentence's actor mentions; `proba`: the sentence classifier's;
    `priors`: P(class | lemma), `Detector.priors`)."""
    lemma = tok.lemma_.lower()
    f: dict[str, float] = {
        "bias": 1.0, f"lem:{lemma}": 1.0, f"pos:{tok.pos_}": 1.0, f"tag:{tok.tag_}": 1.0,
        f"dep:{tok.dep_}": 1.0, f"lem_dep:{lemma}:{tok.dep_}": 1.0, f"head:{tok.head.lemma_.lower()}": 1.0,
        f"head_dep:{tok.dep_}:{tok.head.pos_}": 1.0}
    if tok.pos_ == "NOUN":
        f[f"suffix:{lemma[-4:]}"] = 1.0
    if tok.dep_ == "ROOT":
        f["root"] = 1.0
    f["depth"] = min(depth_of(tok), 6) / 6.0
    for child in tok.children:
        dep, cl = child.dep_, child.lemma_.lower()
        if dep == "neg" or cl in ("no", "never"):
            f["neg"] = 1.0
        elif dep in ("aux", "auxpass") and cl in _MODALS:
            f[f"modal:{cl}"] = 1.0
        elif dep == "auxpass":
            f["passive"] = 1.0
        elif dep == "prt":
            f[f"lem_prt:{lemma}:{cl}"] = 1.0
        elif dep == "prep":
            f[f"prep:{cl}"] = 1.0
            for g in child.children:
                if g.dep_ == "pobj":
                    f[f"lem_prep:{lemma}:{cl}:{g.lemma_.lower()}"] = 1.0
                    for kind in _participant(g, actors):
                        f[f"pobj:{kind}"] = 1.0
        if dep in ("nsubj", "nsubjpass", "agent"):
            for kind in _participant(child, actors):
                f[f"subj:{kind}"] = 1.0
        elif dep in _OBJECT_DEPS:
            f[f"lem_obj:{lemma}:{cl}"] = 1.0
            for kind in _participant(child, actors):
                f[f"obj:{kind}"] = 1.0
        elif dep == "xcomp":
            f[f"lem_xcomp:{lemma}:{cl}"] = 1.0
    m = by_token.get(tok.i)
    if m is not None:
        for type_, entry in m.types.items():
            f[f"lex:{type_}"] = entry.weight
            if entry.mode:
                f[f"lex_mode:{entry.mode}"] = 1.0
        f["lex"] = 1.0
    for gov in governors(tok):
        gm = by_token.get(gov.i)
        if gm is not None:
            for type_ in gm.types:
                f[f"gov_lex:{type_}"] = 1.0
            break
        if gov.pos_ == "VERB":
            f[f"gov:{gov.lemma_.lower()}:{tok.dep_}"] = 1.0
            break
    for name, cue in (("idiom", idiom), ("cancelled", cancelled), ("predicative", predicative),
                      ("measured", measured), ("speculation", speculation), ("purpose", purpose),
                      ("background", background_relative)):
        if cue(tok):
            f[f"cue:{name}"] = 1.0
    if tok.dep_ == "acl" and tok.tag_ in ("VBN", "VBG"):
        f["cue:modifier"] = 1.0
    for cls, p in priors.get(lemma, {}).items():
        f[f"prior:{cls}"] = p
        f["prior"] = max(f.get("prior", 0.0), p)
    if proba:
        top = max(proba, key=proba.__getitem__)
        f[f"cls_top:{top}"] = 1.0
        for type_, p in proba.items():
            if p >= 0.05:
                f[f"cls:{type_}"] = p
    return f


def sentence_actors(doc: Doc, sent: Span) -> list[ActorMention]:
    """The sentence's actor mentions, less those in a dateline ("HANOI, Vietnam (AP) —")."""
    datelines = [(sent.start_char + a, sent.start_char + b)
                 for a, b in dateline_spans(sent.text[:DATELINE_CHARS - sent.start_char])
                 ] if sent.start_char < DATELINE_CHARS else []
    return [a for a in index_of(doc).actors.starting(sent.start_char, sent.end_char)
            if not any(s <= a.start and a.end <= e for s, e in datelines)]


def detector_inputs(sent: Span, model: Classifier | None, matches: list[Match], vector: np.ndarray | None,
                    trigger_model: Detector, actors: list[ActorMention]
                    ) -> tuple[dict[str, float] | None, list[tuple[Token, dict[str, float]]]]:
    """(the sentence classifier's probabilities, each candidate predicate with its features):
    what the detector reads, in training as in coding (`model`: the sentence classifier, or
    None where the coder runs without one)."""
    found = candidates(sent, matches, trigger_model.nouns)
    if not found:
        return None, []
    proba = model.proba(features(sent, matches), vector) if model is not None else None
    by_token = {m.token.i: m for m in matches}
    return proba, [(tok, token_features(tok, by_token, actors, proba, trigger_model.priors))
                  for tok in found]
