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

from ..mentions import TimeMention
from ..spans import token_at

# Dependencies a time expression climbs through on its way to its clause: the preposition
# ("in June"), the object of a preposition, a bare noun-phrase adverbial ("met Thursday"),
# and the parts of a complex expression ("the end of the year", "April 15-16, 2025").
_CLIMB = {"prep", "pobj", "npadvmod", "tmod", "nummod", "compound", "appos", "amod", "nmod",
          "advmod", "pcomp", "det", "quantmod", "punct", "cc", "conj", "poss", "case", "dep"}
_CLAUSE_POS = ("VERB", "AUX")
# A time that modifies a noun dates that noun phrase, not the clause around it (annotation
# guidelines §5: "the March 15 programme was banned" — the ban is not of March 15; "a 72-year
# old man was stabbed"): it governs the noun.
_NOUN_MODIFIER = {"compound", "amod", "nmod", "poss", "nummod"}
_NOUN_POS = ("NOUN", "PROPN")
# Dependents of a clause that state when it happened in a clause or phrase of their own: "was
# arrested when he returned last year", "reaffirmed … following talks on Thursday", "were
# killed … while conducting a patrol today". Only markers of the same occasion: "before" and
# "since" point elsewhere.
_OCCASION_MARKS = {"when", "while", "as", "after", "once", "following", "during", "amid", "upon"}
# Prepositions that put a noun event before the clause's time ("collapsed on Saturday after
# weeks of fighting" is left to "after", which as often marks the same day or month: "angered
# politicians in December after a visit to troops").
_ELSEWHERE = {"before", "since", "until", "till"}
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
    # A common noun only: "On Sunday Trump generated …" is parsed with "Sunday" on the name.
    if tok.dep_ in _NOUN_MODIFIER and tok.head.i not in inside and tok.head.pos_ == "NOUN":
        return tok.head
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


def is_calendar(m: TimeMention) -> bool:
    """Whether the mention names a point or stretch of the calendar ("2019-03-22", "2017-W50",
    "199"): a duration ("the past 24 hours", PT24H), a set or "now" (PRESENT_REF) dates no event."""
    return m.value is not None and m.value[:1].isdigit()


def _by_head(doc: Doc, token: Token, times: list[TimeMention] | None = None) -> dict[int, list[TimeMention]]:
    """The calendar mentions of `token`'s sentence, by the token index of the head each governs.
    `times`: the mentions to look among, in the document's order (default: all of them).

    From the token's line on: the parser joins a header line ("This story is from March 3,
    2002", "Wednesday, 30 April 2025") to the sentence below it, and a page's date is not its
    first sentence's."""
    sent = token.sent
    start = sent.start_char + sent.text.rfind("\n", 0, token.idx - sent.start_char) + 1
    by_head: dict[int, list[TimeMention]] = {}
    for m in doc._.times if times is None else times:
        gov = m.extra.get("governs")
        if not is_calendar(m) or gov is None or not (sent.start_char <= gov[0] < sent.end_char) \
                or m.start < start:
            continue
        head = token_at(doc, gov[0])
        if head is not None:
            by_head.setdefault(head.i, []).append(m)
    return by_head


def governing_time(doc: Doc, token: Token, trigger: Token | None = None,
                   times: list[TimeMention] | None = None) -> TimeMention | None:
    """The time mention that dates the clause of `token`, or None.

    A noun `trigger` first takes a time of its own noun phrase ("the March 15 programme",
    "the deal reached in 2015", "the rally scheduled for Sunday"). Then the mentions governing
    the token's own clause head, then those of each enclosing clause head up to the sentence
    root ("the officials held a meeting to discuss …" → the time of "held"); between several on
    one head the nearest to `token` wins. Last, a time stated in a clause or phrase of the same
    occasion under the clause ("was arrested when he returned last year"). Only calendar values
    date (`is_calendar`). `times`: the time mentions to look among, in the document's order,
    if not all of them: a caller dating every event of a long document passes those that
    govern a word of the token's sentence (the others never count).
    """
    by_head = _by_head(doc, token, times)
    if not by_head:
        return None
    if trigger is not None and trigger.pos_ in _NOUN_POS:
        # The noun phrase's head too when the trigger modifies it ("the protest rally
        # scheduled for sunday").
        nouns = (trigger, trigger.head) if trigger.dep_ == "compound" else (trigger,)
        for noun in nouns:
            for t in (noun, *(c for c in noun.children if c.dep_ in ("acl", "relcl"))):
                if t.i in by_head:
                    return min(by_head[t.i], key=lambda m: abs(m.start - trigger.idx))
    if trigger is not None and _before_or_after(trigger):
        return None
    head = clause_head(token)
    chain = []
    for _ in range(_MAX_STEPS):
        found = by_head.get(head.i)
        if found:
            return min(found, key=lambda m: abs(m.start - token.idx))
        chain.append(head)
        # A relative clause keeps its own time: in "the men who were arrested were freed on
        # Monday" the day is the release's; not one on a day ("on January 27, when they last met").
        if head.head.i == head.i or head.dep_ == "relcl" and head.head.ent_type_ not in ("DATE", "TIME"):
            break
        head = clause_head(head.head)
    return next((m for h in chain if (m := _occasion_time(h, by_head)) is not None), None)


def _before_or_after(trigger: Token) -> bool:
    """A noun event in a phrase that places it before its clause's time ("the worst violence
    this year since the 2002 riots"), whose time is then not the clause's."""
    tok = trigger
    for _ in range(4):
        if tok.pos_ in _CLAUSE_POS or tok.head.i == tok.i:
            return False
        if tok.dep_ == "prep" and tok.lower_ in _ELSEWHERE:
            return True
        tok = tok.head
    return False


def _occasion_time(head: Token, by_head: dict[int, list[TimeMention]]) -> TimeMention | None:
    """A time in an adverbial clause or phrase of `head` that marks the same occasion."""
    for child in head.children:
        if child.dep_ == "advcl":
            # "when" is parsed as the clause's advmod, "while" and "after" as its mark.
            marks = {c.lower_ for c in child.children if c.dep_ in ("mark", "advmod")}
            same = bool(marks & _OCCASION_MARKS) or (not marks and child.tag_ == "VBG")
        elif child.dep_ == "prep":
            same = child.lower_ in _OCCASION_MARKS
        else:
            continue
        if not same:
            continue
        for t in child.subtree:
            if t.i in by_head:
                return by_head[t.i][0]
    return None
