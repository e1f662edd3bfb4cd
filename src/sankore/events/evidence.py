"""An event's evidence span and who reports it: what a record points at for one-click audit."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..mentions import QuoteMention
from ..pipeline.generic_actors import DATELINE_CHARS, dateline_spans
from . import phrases
from .lookups import index_of


def speaker_span(doc: Doc, trigger: Token, speech: Token | None) -> tuple[tuple[int, int] | None, bool]:
    """(span naming who reports the event, whether the sentence is attributed)."""
    quotes: list[QuoteMention] = index_of(doc).quotes_at(trigger.idx)
    # Only a quotation's content reports: the sentence-level voice would also make the
    # writer's own clauses reported whenever a small attribution sits in the sentence
    # ("France has refused to take back fighters, of whom 150 are thought to be in Syria").
    for q in quotes:
        if q.start <= trigger.idx < q.end and _propositional(doc, q):
            return q.antecedent_span or q.speaker_span, True
    if speech is not None:
        subj, _ = phrases.subject(speech)
        found = phrases.np_mentions(subj, doc._.actors) if subj is not None else []
        return ((found[0].start, found[0].end) if found else None), True
    return None, False


def _propositional(doc: Doc, quote: QuoteMention) -> bool:
    """Whether a quotation's content states something (a direct quotation, or a clause:
    "police said [five were arrested]"), which is what makes the events in it reported
    (guidelines §4). The attribution stage also takes a noun phrase as an indirect quote's
    content ("his family issued [an appeal for his release]", "rejected [the demand for a
    probe]", "the group has maintained [sleeper cells, which have launched attacks]"): the
    article states those acts in its own voice."""
    if quote.kind != "indirect":
        return True
    span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    return span is None or not len(span) or span.root.pos_ in ("VERB", "AUX")


_DASHES = "—–-"


def evidence_span(doc: Doc, sent: Span, trigger: Token) -> tuple[int, int]:
    """The sentence, from the line the trigger is on and after a dateline: the parser joins a
    header line ("This story is from March 3, 2002") and a dateline ("lucknow:", "HANOI,
    Vietnam (AP) —") to the sentence below them, and neither is evidence."""
    # `sent.text`, not `doc.text`: spaCy rebuilds a Doc's text from its tokens on every access.
    text, at = sent.text, trigger.idx - sent.start_char
    start = text.rfind("\n", 0, at) + 1
    if sent.start_char < DATELINE_CHARS:
        for a, b in dateline_spans(text[:DATELINE_CHARS - sent.start_char]):
            if a <= start < b and b <= at:
                start = b
    while start < at and (text[start].isspace() or text[start] in _DASHES):
        start += 1
    return sent.start_char + start, sent.end_char
