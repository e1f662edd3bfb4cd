"""An event's date: its clause's own time, or the time of the story it is news of.

The clause's own time comes first (`timex.governance.governing_time`). An event the text dates
nowhere in its sentence is often still dated by the article: wire copy states the day once, in
the lead ("new delhi: the home minister on monday defended …"), and the sentences after it
report the same occasion ("opposition members staged a walkout"). Annotators carry that date
over (guidelines §9, "Dates"), and so does an analyst reading the story.

The **story time** is the first calendar mention in the article's lead (its first
`LEAD_SENTENCES` sentences) that the text states relative to the day of publication ("on
monday", "yesterday", "today") and that falls within `NEWS_DAYS` days before it: the day the
news happened. A full date there ("This story is from March 25, 2002", "Wednesday, 30 April
2025") is the page's header, the day of publication, not of the news; annotators do not carry it
(guidelines §5: "do not fill the publication date in").

An undated event takes the story time when it is told as that news: asserted or reported (not
planned, hypothetical or negated: "a planned event with no date of its own takes none"); in the
simple past ("staged a walkout", "were killed"), or in the present perfect or present within the
lead ("has killed four Americans": further down those tenses tell background, "has fought the
state for 40 years"); not in the past perfect ("had met"), a relative clause ("cells, which have
launched attacks") or with "earlier"; a noun only as the subject or object of such a clause
("claimed the strike"); and in a sentence that states no date of its own (a sentence dated "in
2012" is background).

Provenance: the event points to the lead's time mention, so its date keeps pointing at the
characters it came from ("on monday" in the first sentence), as every date in a record does.
"""

from __future__ import annotations

from datetime import date, timedelta
from itertools import islice

from spacy.tokens import Doc, Token

from ..mentions import TimeMention
from ..timex.governance import clause_head, governing_time, is_calendar
from .lookups import index_of
from .modality import SUBJECTS

LEAD_SENTENCES = 3
NEWS_DAYS = 7  # a weekday name in wire copy points at most a week back
_UNDATED_MODALITIES = {"planned", "hypothetical", "negated"}
_PERFECT_AUX = {"has", "have", "'ve", "'s"}
_CORE_ARGS = {"nsubj", "nsubjpass", "dobj"}
_SPAN_ENDS = {"until", "till", "til", "through", "pending"}
_EARLIER = {"earlier", "previously", "already", "before", "once", "formerly"}


def event_time(doc: Doc, anchor: Token, trigger: Token, modality: str) -> TimeMention | None:
    """The time mention that dates the event anchored on `anchor`, or None."""
    sent, index = anchor.sent, index_of(doc)
    own = governing_time(doc, anchor, trigger, index.governing_within(sent.start_char, sent.end_char))
    if own is not None:
        return own
    if modality in _UNDATED_MODALITIES or not _carries(anchor, trigger):
        return None
    if any(is_calendar(m) for m in index.times.starting(sent.start_char, sent.end_char)):
        return None
    return story_time(doc)


def scheduled(doc: Doc, time: TimeMention | None, modality: str, heads: tuple[Token, ...]) -> str:
    """An event stated or reported as fact whose own time comes after the day of publication
    is still to happen ("before UN peace talks resume in Geneva on 28 November", in an article
    of 20 November): planned (guidelines §4: "scheduled or future"). Compared at the precision
    the text gives: a day with the day, a month with the month, a year with the year. Only a
    time that hangs on the event itself (`heads`: its anchor and trigger), not one inside a
    phrase ("marginalises the opposition before elections slated for 2019") or naming the end
    of a state ("bail until his first hearing on 1 March")."""
    published: date | None = doc._.published
    if modality not in ("asserted", "reported") or time is None or published is None \
            or not is_calendar(time) or time.value is None or not _hangs_on(doc, time, heads):
        return modality
    value, day = time.value, published.isoformat()
    if len(value) >= 10 and value[4] == "-" and value[7] == "-":
        ahead = value[:10] > day
    elif len(value) == 7 and value[4] == "-" and value[5:].isdigit():
        ahead = value > day[:7]
    else:
        ahead = len(value) == 4 and value.isdigit() and value > day[:4]
    return "planned" if ahead else modality


def _hangs_on(doc: Doc, time: TimeMention, heads: tuple[Token, ...]) -> bool:
    span = doc.char_span(time.start, time.end, alignment_mode="expand")
    # An act named by its clause's subject takes the clause's time ("talks resume on Tuesday").
    ids = {h.i for h in heads} | {h.head.i for h in heads
                                  if h.dep_ in SUBJECTS and h.pos_ in ("NOUN", "PROPN")}
    if span is None:
        return False
    tok = span.root
    for _ in range(6):
        if tok.lower_ in _SPAN_ENDS:
            return False
        if tok.i in ids:
            return True
        if tok.pos_ in ("VERB", "AUX", "NOUN", "PROPN") and tok.i != span.root.i or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _carries(anchor: Token, trigger: Token) -> bool:
    """Whether an undated event is told as the story's news, not as background to it."""
    if trigger.pos_ != "VERB" and anchor.i == trigger.i:
        # A noun names the news as the subject or object of a reported act ("a suicide bombing
        # … has killed four", "claimed the strike"), not inside a phrase ("replying to the
        # opposition's criticism") or as what something is ("the attack was a challenge").
        if trigger.dep_ not in _CORE_ARGS or trigger.head.lemma_ == "be":
            return False
        verb = trigger.head
    else:
        verb = clause_head(anchor)
    if verb.tag_ == "VBG" and verb.dep_ == "advcl" and not any(c.dep_ == "aux" for c in verb.children):
        verb = clause_head(verb.head)  # "condemning the violence, vajpayee said …": said's tense
    if verb.dep_ == "relcl" or any(c.dep_ == "advmod" and c.lower_ in _EARLIER for c in verb.children):
        return False  # "sleeper cells, which have launched attacks"; "taken into custody earlier"
    if not told_as_news(verb):
        return False
    # The present perfect and the present tell the news in the lead ("has killed four
    # Americans"); further down they tell background ("has fought the Turkish state for 40 years").
    return verb.tag_ == "VBD" or _past_auxiliary(verb) or _in_lead(verb)


def _past_auxiliary(verb: Token) -> bool:
    return any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in verb.children)


def _in_lead(tok: Token) -> bool:
    return any(s.start_char <= tok.idx < s.end_char for s in islice(tok.doc.sents, LEAD_SENTENCES))


def told_as_news(verb: Token) -> bool:
    """Whether the clause of `verb` is in the simple past, present perfect or present: the
    tenses of a report of the day's news, not the past perfect of background or the future."""
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if any(a.tag_ == "MD" or a.tag_ == "TO" for a in auxes) or verb.tag_ in ("VB", "MD"):
        return False  # "will visit", "to meet": not a report of what happened
    if "had" in words and verb.tag_ == "VBN" or "'d" in words:
        return False  # "had met": background to the news
    if verb.tag_ == "VBD" or words & {"was", "were", "did"}:
        return True
    if verb.tag_ == "VBN":
        return bool(words & _PERFECT_AUX) or bool(words & {"is", "are", "been"})
    return verb.tag_ in ("VBZ", "VBP", "VBG") and not words & {"going"}


def story_time(doc: Doc) -> TimeMention | None:
    """The day the story is news of: the first calendar mention of the lead within
    `NEWS_DAYS` days before publication, or None."""
    published: date | None = doc._.published
    if published is None:
        return None
    lead = list(islice(doc.sents, LEAD_SENTENCES))
    end = lead[-1].end_char if lead else 0
    for m in doc._.times:
        if m.start >= end:
            break
        when = _day_of(m) if m.anchor == "published" else None
        if when is not None and timedelta(0) <= published - when <= timedelta(days=NEWS_DAYS):
            return m
    return None


def _day_of(m: TimeMention) -> date | None:
    """The day a day-precise mention names ("2002-03-11", "2002-03-11TNI"), else None."""
    if not is_calendar(m) or m.value is None or len(m.value) < 10 or m.value[4] != "-":
        return None
    try:
        return date.fromisoformat(m.value[:10])
    except ValueError:
        return None
