"""The learned check on candidate attributions: how likely a news annotator is to mark one.

The extraction rules (`extract.py`) propose candidates generously: a cue word with a
clause, object or complement, a quotation with its nearest cue. Whether a candidate is a
report in PolNeAR's sense depends on more than its cue word: "found" with a `that`-clause
from a study is one, "found" with a noun object mostly is not; a cue with no speaker in
sight is mostly a parse fragment. A logistic regression over the candidate's parse features
(`features`) weighs these; it is trained on PolNeAR train (`train_candidates.py`) and ships
as plain JSON, scored here with the standard library alone.

Only top-level candidates of the body are judged: one inside another's content is a relay,
kept for its speaker and `via` whatever the model says (PolNeAR never annotates it), and the
headline line is parsed too poorly (title case, no verb) for its features to mean much.
"""

from __future__ import annotations

import json
from bisect import bisect_left
from collections.abc import Callable, Sequence
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from spacy.tokens import Doc, Token

from ..linear import SparseLogistic
from . import syntax
from .attributions import Attribution
from .containment import ContentIndex, quotations_index
from .cues import CueLexicon, coarse_pos, keys
from .quotemarks import Quoted, word_count

MODEL_NAME = "quote_candidates.json"
_PRONOUNS = {"i", "we", "you", "he", "she", "it", "they", "this", "that", "who", "which"}
_QUOTE_CHARS = set("\"“”‘’")
_WORD_BINS = (2, 5, 10, 20, 40)
_SHARE_BINS = (0.0, 0.2, 0.4, 0.6, 0.8)


def model_path() -> Path:
    return Path(str(files("sankore") / "resources" / "data" / MODEL_NAME))


def _bin(value: float, edges: tuple[float, ...]) -> str:
    below = [e for e in edges if value <= e]
    return f"<={below[0]}" if below else f">{edges[-1]}"


def cue_token(doc: Doc, cue_span: tuple[int, int] | None) -> Token | None:
    if cue_span is None:
        return None
    span = doc.char_span(*cue_span, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _content_dep(cue: Token, content: tuple[tuple[int, int], ...], text: str) -> str:
    """Which of the cue's dependents the content is (ccomp, xcomp, dobj, a preposition's object…)."""
    first, envelope = content[0], (content[0][0], content[-1][1])
    for child in cue.children:
        if syntax.trim(text, *syntax.subtree_span(child)) in (first, envelope):
            return child.dep_
        for grandchild in child.children if child.dep_ in ("prep", "agent") else ():
            if syntax.trim(text, *syntax.subtree_span(grandchild)) == first:
                return f"{child.dep_}>{grandchild.dep_}"
    if cue.dep_ == "parataxis":
        return "parataxis"
    start, end = syntax.subtree_span(cue)
    if end <= first[0]:
        return "after"
    if envelope[1] <= start:
        return "before"
    return "other"


def _speaker(a: Attribution, text: str) -> str:
    if a.speaker is None:
        return "none"
    word = text[slice(*a.speaker.span)].lower()
    if word in _PRONOUNS:
        return f"pron:{word}"
    return a.speaker.kind or "unnamed"


def _neighbours(doc: Doc, a: Attribution, cue: Token, found: Sequence,
                lexicon: CueLexicon) -> dict[str, float]:
    """Where the other candidates of the sentence are: a cue after another cue of its sentence is
    often inside that one's content (PolNeAR gives a token one role, so it is not annotated)."""
    sent = cue.sent
    f: dict[str, float] = {}
    # `cue` is the token at `a.cue_span`, so the span is there; its start places the others.
    start = a.cue_span[0] if a.cue_span is not None else cue.idx
    for b in found:
        if b is a or b.cue_span is None or not sent.start_char <= b.cue_span[0] < sent.end_char:
            continue
        other = cue_token(doc, b.cue_span)
        where = "before" if b.cue_span[0] < start else "after"
        f[f"other_{where}"] = 1.0
        if other is not None and lexicon.is_speech_verb(other):
            f[f"other_{where}_speech"] = 1.0
        if where == "before" and b.content[-1][1] <= start:
            f["after_other_content"] = 1.0
    return f


def features(doc: Doc, text: str, a: Attribution, quoted: list[Quoted], lexicon: CueLexicon,
             found: Sequence = (), quoted_index: ContentIndex | None = None) -> dict[str, float]:
    """The candidate's features, as name → value (1.0 for an indicator); `quoted_index`,
    `containment.quotations_index(quoted)`, answers which quotation holds the cue."""
    cue = cue_token(doc, a.cue_span)
    body = " ".join(text[s:e] for s, e in a.content)
    words = word_count(body)
    if cue is None:
        origin = "nocue"
    elif cue.lower_ == "according":
        origin = "according"
    elif cue.text == ":":
        origin = "colon"
    else:
        origin = coarse_pos(cue) or cue.pos_
    origin = f"{a.kind}:{origin}"
    speaker = _speaker(a, text)
    f = {f"origin={origin}": 1.0, f"speaker={speaker}": 1.0, f"words={_bin(words, _WORD_BINS)}": 1.0,
         f"origin×speaker={origin}|{speaker}": 1.0}
    if a.stance:
        f["stance"] = 1.0
    if len(a.content) > 1:
        f["fragments"] = 1.0
    if any(c in _QUOTE_CHARS for c in body):
        f["content_quoted"] = 1.0
    if body.lower().startswith("that "):
        f["content_that"] = 1.0
    first = doc.char_span(a.content[0][0], a.content[0][0] + 1, alignment_mode="expand")
    if first is not None and len(first):
        f[f"first={first[0].pos_}"] = 1.0
        if first[0].pos_ in ("PRON", "DET", "SCONJ", "ADV"):
            f[f"first={first[0].lower_}"] = 1.0
    if cue is None:
        return f
    share = lexicon.share(cue)
    f["share"] = share
    f[f"share={_bin(share, _SHARE_BINS)}"] = 1.0
    for lemma, _ in keys(cue):
        f[f"cue={lemma}"] = 1.0
    if lexicon.is_speech_verb(cue):
        f[f"speech={lexicon.kind(cue)}"] = 1.0
    f[f"tag={cue.tag_}"] = 1.0
    f[f"dep={cue.dep_}"] = 1.0
    dep = _content_dep(cue, a.content, text)
    f[f"content_dep={dep}"] = 1.0
    f[f"origin×content_dep={origin}|{dep}"] = 1.0
    f[f"cue×content_dep={cue.lemma_.lower()}|{dep}"] = 1.0  # "found that …" reports, "found a job" not
    if syntax.that_clause(cue):
        f["that_clause"] = 1.0
    if syntax.is_passive(cue):
        f["passive"] = 1.0
    if any(c.dep_ == "neg" for c in cue.children):
        f["negated"] = 1.0
    if any(c.tag_ == "MD" for c in cue.children):
        f["modal"] = 1.0
    if (any(q.start <= cue.idx < q.end for q in quoted) if quoted_index is None
            else quoted_index.holding((cue.idx, cue.idx + 1))):
        f["cue_in_quote"] = 1.0
    f.update(_neighbours(doc, a, cue, found, lexicon))
    return f


# The candidate check is a sparse logistic regression (`sankore.linear`).
CandidateModel = SparseLogistic


def save(model: CandidateModel, path: Path, header: str, training: dict | None = None) -> None:
    data = {"about": header, "training": training or {}, **model.to_json()}
    path.write_text(json.dumps(data, indent=0, sort_keys=False, ensure_ascii=False) + "\n", "utf-8")


def load(path: Path | None = None) -> CandidateModel:
    data = json.loads((path or model_path()).read_text("utf-8"))
    return CandidateModel(data["weights"], data["intercept"], data["threshold"])


@lru_cache(maxsize=1)
def packaged() -> CandidateModel | None:
    """The model shipped in the package, or None when it has not been trained."""
    path = model_path()
    return load(path) if path.exists() else None


Judge = Callable[[Doc, str, list, list[Quoted], CueLexicon], list]


def judge_with(model: CandidateModel | None) -> Judge:
    """A function that keeps the candidates `model` scores at or above its threshold (and
    every relayed one); with no model it keeps them all."""

    def judge(doc: Doc, text: str, found: list, quoted: list[Quoted], lexicon: CueLexicon) -> list:
        if model is None:
            return found
        index = ContentIndex([b.content for b in found])  # who is nested, by bisection
        # Each candidate's neighbours are those of its cue's sentence (`_neighbours`): found by
        # bisection over the cues' starts, not by reading every candidate per candidate.
        order = sorted((b.cue_span[0], n) for n, b in enumerate(found) if b.cue_span is not None)
        starts = [start for start, _ in order]

        def neighbours(a: Attribution) -> list[Attribution]:
            sent = syntax.sentence_of(doc, a.cue_span[0]) if a.cue_span is not None else None
            if sent is None:
                return found
            near = order[bisect_left(starts, sent.start_char):bisect_left(starts, sent.end_char)]
            return [found[n] for _, n in sorted(near, key=lambda item: item[1])]

        held = quotations_index(quoted)
        return [a for a in found if not judged(a, found, text, index) or model.probability(
            features(doc, text, a, quoted, lexicon, neighbours(a), held)) >= model.threshold]

    return judge


def judged(a: Attribution, found: list[Attribution], text: str, index: ContentIndex | None = None) -> bool:
    """Whether the model judges a candidate: not a relayed one, and not one in the headline
    (the first line of a text of several; a text of one line is all body)."""
    return a.envelope[0] >= max(text.find("\n"), 0) and not nested(a, found, index)


def nested(a: Attribution, others: list[Attribution], index: ContentIndex | None = None) -> bool:
    """Whether `a` is reported inside another candidate's content (a relayed one); `index`,
    the others' contents indexed once, answers without reading them all."""
    anchor = a.cue_span or a.envelope
    if index is not None:
        return any(others[i] is not a for i in index.holding(anchor))
    return any(b is not a and any(s <= anchor[0] and anchor[1] <= e for s, e in b.content) for b in others)
