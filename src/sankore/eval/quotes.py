"""`sankore eval quotes`: attributions (source, cue, content) against PolNeAR (brat standoff).

Gold: `<split>/text/<stem>.txt` and `<split>/attributions/<stem>_<annotator>.ann` (see
../shared/data/quotes/README.md), under the given folder at any depth; brat's own layout,
`<stem>.txt` beside `<stem>.ann`, reads too. An article annotated by several people is
scored against the alphabetically first annotator's file, so a run is deterministic.

One attribution is its content (all fragments, `Content` and `Content2`), its cue and its
source. Sankore's mentions that share a cue are one attribution ("“A,” he said, “B.”").
Scores, over all documents:

- content, overlap: predictions and gold matched one to one, greedily by the number of
  word tokens they share (at least one); precision = matched / predicted, recall = matched / gold.
- content, exact: the same, but a match needs the same word tokens (punctuation, quotation
  marks and the gap of a discontinuous span ignored).
- content, tokens: word tokens inside any predicted content vs. inside any gold content.
- cue accuracy: among overlap matches whose gold has a cue, the predicted cue overlaps it.
- speaker accuracy: among overlap matches whose gold has a Source, the predicted speaker
  span (the words at the quotation: "he", "Trump") overlaps the gold Source span.

The baseline runs in the same command: textacy's `direct_quotations` on the same parse when
textacy is installed, otherwise a quote-mark baseline (text between matching quotation marks,
nearest speech verb, nearest PERSON/ORG entity).
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ..errors import EvalError
from ..scoring import prf
from .gold_files import files_under

_WORD = re.compile(r"\w+")
COMPONENTS = ("sankore_places", "sankore_actors", "sankore_quotes")


@dataclass
class Attr:
    content: list[tuple[int, int]]
    cue: list[tuple[int, int]] = field(default_factory=list)
    source: list[tuple[int, int]] = field(default_factory=list)


# -- gold ------------------------------------------------------------------------------
def _fragments(field_: str) -> list[tuple[int, int]]:
    return [(int(a), int(b)) for a, b in (part.split() for part in field_.split(";"))]


def read_ann(text: str) -> list[Attr]:
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events = []
    for line in text.splitlines():
        cells = line.split("\t")
        if len(cells) < 2:
            continue
        if cells[0].startswith("T"):
            label, _, offsets = cells[1].partition(" ")
            try:
                spans[cells[0]] = (label, _fragments(offsets))
            except ValueError:
                continue
        elif cells[0].startswith("E"):
            events.append(dict(arg.split(":", 1) for arg in cells[1].split() if ":" in arg))
    gold = []
    for args in events:
        content = [f for role in ("Content", "Content2") if args.get(role) in spans
                   for f in spans[args[role]][1]]
        if not content:
            continue
        cue = spans[args["Cue"]][1] if args.get("Cue") in spans else []
        source = spans[args["Source"]][1] if args.get("Source") in spans else []
        gold.append(Attr(sorted(content), cue, source))
    return gold


def read_split(folder: Path) -> list[tuple[Path, Path]]:
    """(text, annotation) pairs of one split folder, one annotator per article."""
    pairs = find_pairs(folder)
    if not pairs:
        raise EvalError("no PolNeAR articles here (a .txt with its brat .ann: in text/ and "
                        "attributions/, or side by side)", source=str(folder))
    return pairs


# PolNeAR's splits in its own order, so that --limit picks the same first articles however
# deep the gold folder sits; any other folder comes after them, by path.
_SPLITS = ("train", "dev", "test")


def find_pairs(gold: Path) -> list[tuple[Path, Path]]:
    """(text, annotation) pairs of every article under `gold` (a split folder, a folder of
    splits at any depth, or one .txt file): each `.txt` that has a brat `.ann`, found in the
    `attributions/` beside its `text/` folder (PolNeAR) or beside the text itself (brat).
    A `.txt` without one (a README) is not an article."""
    texts = files_under(gold, (".txt",))
    stems = {t.stem for t in texts}
    index: dict[Path, dict[str, list[Path]]] = {}
    pairs = []
    for text in texts:
        anns = []
        for folder in _ann_folders(text):
            if folder not in index:
                index[folder] = _ann_index(folder)
            anns += index[folder].get(text.stem, [])
        # `<stem>.ann` first, then `<stem>_<annotator>.ann` unless that is another article's own.
        anns = sorted({a for a in anns if a.stem == text.stem or a.stem not in stems},
                      key=lambda a: a.name)
        if anns:
            pairs.append((text, anns[0]))
    return sorted(pairs, key=lambda pair: _split_key(pair[0]))


def _ann_folders(text: Path) -> list[Path]:
    if text.parent.name == "text":
        return [text.parent.parent / "attributions", text.parent]
    return [text.parent]


def _ann_index(folder: Path) -> dict[str, list[Path]]:
    """The `.ann` files of a folder under the article stem they may annotate: their own stem
    and, for PolNeAR's `<stem>_<annotator>.ann`, the stem without the annotator."""
    index: dict[str, list[Path]] = {}
    if not folder.is_dir():
        return index
    for ann in folder.iterdir():
        if ann.suffix.lower() != ".ann" or ann.name.startswith(".") or not ann.is_file():
            continue
        for stem in {ann.stem, ann.stem.rpartition("_")[0]} - {""}:
            index.setdefault(stem, []).append(ann)
    return index


def _split_key(text: Path) -> tuple[int, Path]:
    split = text.parent.parent if text.parent.name == "text" else text.parent
    rank = _SPLITS.index(split.name) if split.name in _SPLITS else len(_SPLITS)
    return rank, text


# -- scoring ---------------------------------------------------------------------------
def _tokens(text: str, spans: list[tuple[int, int]]) -> frozenset[int]:
    return frozenset(m.start() for s, e in spans for m in _WORD.finditer(text, s, e))


def _overlaps(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    return any(min(e1, e2) > max(s1, s2) for s1, e1 in a for s2, e2 in b)


class Scorer:
    def __init__(self) -> None:
        self.n = {k: 0 for k in ("gold", "predicted", "overlap", "exact", "tok_gold", "tok_pred", "tok_both",
                                 "cue_total", "cue_right", "speaker_total", "speaker_right")}

    def add(self, text: str, gold: list[Attr], predicted: list[Attr]) -> None:
        n = self.n
        n["gold"] += len(gold)
        n["predicted"] += len(predicted)
        g_tok = [_tokens(text, g.content) for g in gold]
        p_tok = [_tokens(text, p.content) for p in predicted]
        all_g, all_p = frozenset().union(*g_tok), frozenset().union(*p_tok)
        n["tok_gold"] += len(all_g)
        n["tok_pred"] += len(all_p)
        n["tok_both"] += len(all_g & all_p)
        pairs = sorted(((len(g & p), i, j) for i, g in enumerate(g_tok) for j, p in enumerate(p_tok)
                        if g & p), reverse=True)
        free_g, free_p = set(range(len(gold))), set(range(len(predicted)))
        for _, i, j in pairs:
            if i in free_g and j in free_p:
                free_g.discard(i)
                free_p.discard(j)
                n["overlap"] += 1
                g, p = gold[i], predicted[j]
                if g.cue:
                    n["cue_total"] += 1
                    n["cue_right"] += _overlaps(g.cue, p.cue)
                if g.source:
                    n["speaker_total"] += 1
                    n["speaker_right"] += _overlaps(g.source, p.source)
        exact_g = [t for t in g_tok]
        for t in p_tok:
            if t and t in exact_g:
                exact_g.remove(t)
                n["exact"] += 1

    def result(self) -> dict:
        n = self.n

        def scores(hit_p: int, hit_r: int, pred: int, gold: int) -> dict:
            return prf(hit_p, pred, hit_r, gold, digits=4)

        return {
            "gold": n["gold"], "predicted": n["predicted"],
            "content_overlap": scores(n["overlap"], n["overlap"], n["predicted"], n["gold"]),
            "content_exact": scores(n["exact"], n["exact"], n["predicted"], n["gold"]),
            "content_tokens": scores(n["tok_both"], n["tok_both"], n["tok_pred"], n["tok_gold"]),
            "cue_accuracy": round(n["cue_right"] / n["cue_total"], 4) if n["cue_total"] else 0.0,
            "speaker_accuracy": (round(n["speaker_right"] / n["speaker_total"], 4)
                                 if n["speaker_total"] else 0.0),
            "speaker_scored": n["speaker_total"],
        }


# -- predictions -----------------------------------------------------------------------
def _nested(attr: Attr, others: list[Attr]) -> bool:
    anchor = attr.cue or attr.content
    return any(o is not attr and all(any(s <= a and b <= e for s, e in o.content) for a, b in anchor)
               for o in others)


def sankore_attributions(doc: Doc) -> list[Attr]:
    """Sankore's attributions as PolNeAR scores them: the mentions sharing a cue are one, and
    one whose cue lies inside another's content is left out. PolNeAR gives each token one role
    in one attribution, so it annotates only the outer one; Sankore keeps the inner one as a
    relay (`via`), which is right for its records but not a PolNeAR attribution. (Keeping the
    inner ones and cutting them out of the outer content, as PolNeAR sometimes annotates a
    trailing "…, blaming X", costs more precision than it gains recall on train.)"""
    groups: dict[object, Attr] = {}
    for i, q in enumerate(doc._.quotes):
        key = q.cue_span if q.cue_span is not None else ("nocue", i)
        attr = groups.setdefault(key, Attr([], [q.cue_span] if q.cue_span else [],
                                           [q.speaker_span] if q.speaker_span else []))
        attr.content.append((q.start, q.end))
    attrs = list(groups.values())
    return [a for a in attrs if not _nested(a, attrs)]


def _char_span(tokens) -> list[tuple[int, int]]:
    tokens = list(tokens)
    if not tokens:
        return []
    return [(min(t.idx for t in tokens), max(t.idx + len(t) for t in tokens))]


def textacy_attributions(doc: Doc) -> list[Attr]:
    from textacy.extract.triples import direct_quotations

    out = []
    try:
        triples = list(direct_quotations(doc))
    except ValueError:  # textacy bails out on an odd number of quotation marks
        return []
    for triple in triples:
        content = triple.content
        out.append(Attr([(content.start_char, content.end_char)], _char_span(triple.cue),
                        _char_span(triple.speaker)))
    return out


_QUOTE = re.compile(r"[\"“]([^\"“”]{1,2000})[\"”]")
_SPEECH = {"say", "tell", "add", "write", "note", "state", "ask", "claim", "argue", "explain", "announce"}


def quote_mark_attributions(doc: Doc) -> list[Attr]:
    """The plain baseline: text between matching quotation marks, the nearest speech verb
    and the nearest PERSON/ORG entity of the same sentence."""
    out = []
    for m in _QUOTE.finditer(doc.text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None:
            continue
        sent = span[0].sent
        outside = [t for t in sent if not (m.start() <= t.idx < m.end())]
        verbs = [t for t in outside if t.lemma_ in _SPEECH]
        ents = [e for e in sent.ents if e.label_ in ("PERSON", "ORG")
                and not m.start() <= e.start_char < m.end()]
        cue = min(verbs, key=lambda t: abs(t.idx - m.start()), default=None)
        ent = min(ents, key=lambda e: abs(e.start_char - m.start()), default=None)
        out.append(Attr([m.span()], _char_span([cue]) if cue else [],
                        [(ent.start_char, ent.end_char)] if ent else []))
    return out


def _baseline():
    try:
        import textacy.extract.triples  # noqa: F401
    except ImportError:
        return "quote marks + nearest speech verb + nearest PERSON/ORG", quote_mark_attributions
    return "textacy.extract.triples.direct_quotations", textacy_attributions


def evaluate(gold: Path, limit: int | None = None, split: str | None = None,
             nlp: Language | None = None) -> dict:
    from ..pipeline import build_pipeline
    from ..pipeline import quotes as _quotes  # noqa: F401  (registers the factory)

    gold = Path(gold)
    # The shared PolNeAR folder holds train (tuned on) and dev: its dev part unless told.
    split = split or ("dev" if (gold / "dev").is_dir() else None)
    pairs = read_split(gold / split if split else gold)
    pairs = pairs[:limit] if limit else pairs
    nlp = nlp or build_pipeline(components=COMPONENTS)
    base_name, base_fn = _baseline()
    ours, base = Scorer(), Scorer()
    texts = [t.read_text("utf-8") for t, _ in pairs]
    started = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=16))
    seconds = time.perf_counter() - started
    bare = [n for n in nlp.pipe_names if n.startswith("sankore_")]
    started = time.perf_counter()
    with nlp.select_pipes(disable=bare):
        bare_docs = list(nlp.pipe(texts, batch_size=16))
    bare_seconds = time.perf_counter() - started
    for (_, ann), text, doc, bare_doc in zip(pairs, texts, docs, bare_docs, strict=True):
        attrs = read_ann(ann.read_text("utf-8"))
        ours.add(text, attrs, sankore_attributions(doc))
        base.add(text, attrs, base_fn(bare_doc))
    return {
        "task": "quotes", "gold": str(gold), "split": split, "documents": len(pairs),
        "annotator_rule": "alphabetically first .ann per article",
        "sankore": {**ours.result(), "docs_per_s": round(len(pairs) / seconds, 2),
                    "speed_ratio_to_bare_spacy": round(bare_seconds / seconds, 3)},
        "baseline": {"name": base_name, **base.result()},
    }
