"""The `sankore_times` component: time expressions with TIMEX3 values on `doc._.times`.

Recognition and normalization live in `sankore.timex` (pure functions over text); this
module adds what only the parse knows: the tense of the verb governing an expression
(which occurrence of a bare "June" or "Thursday" is meant), whether a capitalized word
is a name ("Tanzania Daily News"), and the clause each expression dates
(`extra["governs"]`, the character span of its verb; see `timex.governance`). A second
pass in text order anchors "a year earlier", "the next day" or "the quarter" on the
preceding time expressions (`timex.context`). spaCy's own DATE labels are not used: the
small model tags "Niger" or "We" as DATE often enough to make them worse than no evidence.
"""

from __future__ import annotations

from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..mentions import TimeMention
from ..timex import Candidate, Resolved, TimexRecognizer, resolve
from ..timex.context import ContextTracker, evaluate, parse_value
from ..timex.governance import span_head
from .extensions import in_boilerplate

_FUTURE_AUX = {"will", "shall", "'ll", "wo"}
# Verbs whose complement is in the future although they are not ("is expected in June").
_FUTURE_LEMMAS = {"expect", "plan", "schedule", "due", "set", "intend", "prepare", "aim"}
# Of those, the ones that point forward even in the past tense ("planned a rally on
# Saturday", "has scheduled a news conference Thursday"); "set" does not ("a record set
# on Aug. 6").
_PLAN_LEMMAS = _FUTURE_LEMMAS - {"set"}
# Heads of a to-infinitive that put it in the future ("is scheduled to close Monday").
_INFINITIVE_FUTURE = _FUTURE_LEMMAS | {"be", "want", "hope", "agree", "decide", "vote",
                                       "promise", "threaten", "seek", "try"}
# Words before a date that put it ahead of the clause's own time: a deadline, a start.
_FORWARD_CUES = {"until", "till", "til", "effective", "payable", "starting"}
# Kinds whose capitalized form mid-sentence is usually part of a name.
_NAME_PRONE = {"set_adverb", "ref", "vague_duration", "season"}


def _governing_verb(tok: Token) -> Token | None:
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX"):
            return tok
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _tense(span: Span) -> str | None:
    """'past', 'future', 'present' or None, read from the verb that governs `span`."""
    verb = _governing_verb(span.root)
    if verb is None:
        return None
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in _FUTURE_AUX for a in auxes) or (
            verb.lower_ in _FUTURE_AUX and verb.tag_ == "MD"):
        return "future"
    if verb.lemma_ == "go" and verb.tag_ == "VBG" and any(c.dep_ == "xcomp" for c in verb.children):
        return "future"  # "is going to visit"
    if any(a.tag_ == "MD" for a in auxes):
        return None  # would, could, may: no reliable direction
    if verb.lemma_ in _PLAN_LEMMAS:
        return "future"
    if any(a.tag_ == "TO" for a in auxes) and verb.head is not verb and \
            verb.head.lemma_ in _INFINITIVE_FUTURE:
        return "future"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if verb.tag_ == "VBN" and (any(a.lemma_ == "have" for a in auxes) or (
            not auxes and verb.dep_ in ("acl", "relcl"))):
        return "past"  # "has met", and a participle on a noun: "the year ended March 31"
    if verb.lemma_ in _FUTURE_LEMMAS:
        return "future"
    if verb.tag_ in ("VBZ", "VBP", "VBG") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "present"
    return None


def _is_name_part(doc: Doc, cand: Candidate, span: Span) -> bool:
    if cand.kind not in _NAME_PRONE or not cand.text[:1].isupper():
        return False
    first = span[0]
    return not first.is_sent_start and first.i > 0 and doc[first.i - 1].text not in ('"', "“", "(")


def _is_count(span: Span, cand: Candidate) -> bool:
    """A bare year-like number that counts something ("1999 soldiers") is no date."""
    if cand.kind != "year" or len(span) != 1:
        return False
    tok = span[0]
    # Only a plural noun right after it: "1996 Olympic bombing" and "1990 earnings" are dates.
    return tok.dep_ == "nummod" and tok.head.tag_ == "NNS" and tok.head.i == tok.i + 1 and \
        tok.head.lower_ not in ("elections", "games", "olympics", "earnings", "results")


def _is_modifier(span: Span, cand: Candidate) -> bool:
    """"quarterly dividend", "annual": a rate adjective on a noun is not a TimeML SET."""
    if cand.kind != "set_adverb" or len(span) != 1:
        return False
    return span[0].dep_ == "amod" and span[0].lower_ not in ("daily", "weekly")


class TimesComponent:
    """Finds time expressions and resolves them against `doc._.published`."""

    def __init__(self, name: str = "sankore_times") -> None:
        self.name = name
        self.recognizer = TimexRecognizer()  # patterns compiled once per instance

    def __call__(self, doc: Doc) -> Doc:
        doc._.times = self.mentions(doc)
        return doc

    def mentions(self, doc: Doc) -> list[TimeMention]:
        published: date | None = doc._.published
        found: list[tuple[Candidate, Resolved, str | None, Span | None]] = []
        for cand in self.recognizer.find(doc.text):
            if in_boilerplate(doc, cand.start, cand.end):
                continue
            span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
            tense = None
            if span is not None and len(span):
                if _is_name_part(doc, cand, span) or _is_count(span, cand) or \
                        _is_modifier(span, cand):
                    continue
                tense = _tense(span)
                if tense != "past" and span.start > 0 and doc[span.start - 1].lower_ in _FORWARD_CUES:
                    tense = "future"  # "closed until New Year's Day": the end point is ahead
            found.append((cand, resolve(cand, published, tense), tense, span))
        resolved = _anchor_in_context([res for _, res, _, _ in found])
        out: list[TimeMention] = []
        for (cand, _, tense, span), res in zip(found, resolved, strict=True):
            extra = dict(res.extra, pattern=cand.kind)
            extra.pop("period_context", None)
            if tense:
                extra["tense"] = tense
            if res.value is not None and span is not None and len(span):
                head = span_head(span)
                extra["governs"] = (head.idx, head.idx + len(head.text))
            out.append(TimeMention(cand.start, cand.end, cand.text, res.type, res.value,
                                   res.granularity, res.anchor if res.value else None, res.mod,
                                   extra))
        return out


def _anchor_in_context(results: list[Resolved]) -> list[Resolved]:
    """Fill in context-anchored values ("two days later") from the preceding references."""
    tracker = ContextTracker()
    out = []
    for i, res in enumerate(results):
        op = res.extra.get("context")
        compared = False
        if op is not None and res.value is None:
            if op.get("forward"):
                ref = parse_value(results[i + 1].value) if i + 1 < len(results) else None
            else:
                ref = tracker.reference(op)
            got = evaluate(op, ref) if ref is not None else None
            if got is not None:
                res = Resolved(res.type, got[0], got[1], "context", res.mod, res.extra)
            compared = op["op"] in ("compare", "year_of")
        elif "period_context" in res.extra:
            ref = tracker.reference(res.extra["period_context"])
            if ref is not None and ref.gran in ("quarter", "half"):
                got = evaluate(res.extra["period_context"], ref)
                if got is not None:
                    res = Resolved(res.type, got[0], got[1], "context", res.mod, res.extra)
                    compared = True
        if res.type in ("DATE", "TIME"):
            tracker.see(res.value, comparison=compared)
        out.append(res)
    return out


@Language.factory("sankore_times", assigns=["doc._.times"])
def make_times(nlp: Language, name: str) -> TimesComponent:
    return TimesComponent(name)
