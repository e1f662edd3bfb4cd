"""Which time expression governs which clause: the link the events stage dates events by.

A time expression attaches to a clause through its head: "In December 2023, three
countries … formed the Alliance" hangs "December 2023" (via the preposition "In") on the
verb "formed". `clause_head` walks the dependency parse up from a token to that verb;
the component stores the verb's character span in `TimeMention.extra["governs"]`, and
`governing_time` answers, for any token, the time mention of its clause or of the nearest
enclosing clause in the same sentence ("will visit Moscow in June" → "June").

Pure functions over a parsed `Doc`: nothing here changes the document.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..pipeline.mentions import TimeMention

# Dependencies a time expression climbs through on its way to its clause: the preposition
# ("in June"), the object of a preposition, a bare noun-phrase adverbial ("met Thursday"),
# and the parts of a complex expression ("the end of the year", "April 15-16, 2025").
_CLIMB = {"prep", "pobj", "npadvmod", "tmod", "nummod", "compound", "appos", "amod", "nmod",
          "advmod", "pcomp", "det", "quantmod", "punct", "cc", "conj", "poss", "case", "dep"}
_CLAUSE_POS = ("VERB", "AUX")
_MAX_STEPS = 12  # parses are trees, but a bound costs nothing and guards odd input


def clause_head(tok: Token) -> Token:
    """The verb of the clause `tok` belongs to, or the root of its sentence."""
    for _ in range(_MAX_STEPS):
        if tok.pos_ in _CLAUSE_POS or tok.head.i == tok.i:
            return tok
        tok = tok.head
    return tok


def time_head(doc: Doc, start: int, end: int) -> Token | None:
    """The clause head a time expression at characters [start, end) attaches to."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span_head(span) if span is not None and len(span) else None


def span_head(span: Span) -> Token:
    """The clause head the (non-empty) time expression `span` attaches to."""
    inside = range(span.start, span.end)
    tok = span.root
    for _ in range(_MAX_STEPS):
        if tok.head.i == tok.i:
            return tok
        parent = tok.head
        if tok.dep_ in _CLIMB or parent.i in inside:
            tok = parent
            if tok.pos_ in _CLAUSE_POS and tok.i not in inside:
                return tok
            continue
        return clause_head(parent)
    return tok


def _token_at(doc: Doc, start: int) -> Token | None:
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def governing_time(doc: Doc, token: Token) -> TimeMention | None:
    """The time mention that dates the clause of `token`, or None.

    Looks first for mentions governing the token's own clause head, then for those of each
    enclosing clause head up to the sentence root ("the officials held a meeting to discuss
    …" → the time of "held"). Between several on one head the nearest to `token` wins.
    Mentions without a value are skipped: they date nothing.
    """
    sent = token.sent
    by_head: dict[int, list[TimeMention]] = {}
    for m in doc._.times:
        gov = m.extra.get("governs")
        if m.value is None or gov is None or not (sent.start_char <= gov[0] < sent.end_char):
            continue
        head = _token_at(doc, gov[0])
        if head is not None:
            by_head.setdefault(head.i, []).append(m)
    if not by_head:
        return None
    head = clause_head(token)
    for _ in range(_MAX_STEPS):
        found = by_head.get(head.i)
        if found:
            return min(found, key=lambda m: abs(m.start - token.idx))
        if head.head.i == head.i:
            return None
        head = clause_head(head.head)
    return None
