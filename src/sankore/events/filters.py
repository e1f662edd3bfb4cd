"""The news filters: which coded events a careful reader keeps (`Settings`), one event per
type and modality in a sentence, and a promised act in place of its promise."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..mentions import EventMention
from ..spans import token_at
from .classifier import EventScores
from .cues import PLANNING
from .settings import Settings


def kept(event: EventMention, scores: EventScores, coded: set[tuple[int, int]], settings: Settings,
         named: set[tuple[int, int]] | None = None) -> bool:
    """Whether a coded event passes the news filters (`Settings`); `coded` holds the spans of
    the actors that carry a code or a country, `named` those of them that are named (not a bare
    sector noun: "people", "police"), by default all of them."""
    spans = event.actor_spans + event.target_spans
    # A noun event is only `clear` where told with its own place; its trigger is then strong
    # enough as the detector's or the lexicon's choice (`code._event`).
    clear = scores.clear and (scores.lex >= 0.8 or scores.nominal) and event.place_span is not None
    if settings.require_participant and not spans and not clear:
        return False
    if settings.require_coded and not any(s in coded for s in spans) and not clear:
        return False
    if not describes_event(event, scores, coded if named is None else named, settings):
        return False
    if event.modality == "hypothetical" and not settings.keep_hypothetical:
        # A conditional between two named parties is a threat or an offer ("Ghana would
        # impose sanctions on Togo if …"); without both it is speculation.
        return any(s in coded for s in event.actor_spans) and any(s in coded for s in event.target_spans)
    return True


def describes_event(event: EventMention, scores: EventScores, named: set[tuple[int, int]],
                    settings: Settings) -> bool:
    """False for what names no event whatever the evidence around it: a weak noun, a
    description, background. These hold under every filter, the learned one included (the news
    gold set's guidelines code none of them either, §9). `named`: the spans of named, coded
    actors ("Many people want a better life" has an actor, but no named one)."""
    if scores.fallback == 0.0 and scores.lex < settings.min_weight and (
            scores.top == 0.0 or scores.nominal or not any(s in named for s in event.actor_spans)):
        return False  # a weak noun ("the war") never codes; a weak verb needs a named actor
    if settings.require_participant and scores.modifier:
        return False  # "fighters allied to the SDF", "a video released on Tuesday": description
    if settings.require_participant and scores.background:
        return False  # "Britons who went to join Isis", "Begum, who left the UK in 2015": description
    return True


Scored = tuple[EventMention, EventScores]


def merge_duplicates(scored: list[Scored]) -> list[Scored]:
    """One event per (type, modality, participants) in a sentence: of two events of one type
    and modality whose participants one holds all of the other's, the one naming more stays
    ("held a summit meeting to discuss …" is one consultation, not three), while events with
    other participants stay apart (the dyads of "Moscow and Tehran armed the regime", or
    "Russia bombed Idlib and Turkey shelled Afrin")."""
    order = sorted(range(len(scored)), key=lambda i: -_size(scored[i][0]))  # stable: text order on ties
    kept: list[int] = []
    for i in order:
        event = scored[i][0]
        if not any(_same_occasion(event, scored[j][0]) for j in kept):
            kept.append(i)
    chosen = set(kept)
    return [er for i, er in enumerate(scored) if i in chosen]


def _same_occasion(event: EventMention, larger: EventMention) -> bool:
    """Whether `event` repeats `larger` (kept already): same type and modality, and every
    participant of `event` is one of `larger`'s, in whichever role ("army units were engaged
    in heavy fighting": the units are the target of "engaged" as parsed, the actor of
    "fighting")."""
    return (event.type, event.modality) == (larger.type, larger.modality) \
        and set(event.actor_spans + event.target_spans) <= set(larger.actor_spans + larger.target_spans)


def _size(event: EventMention) -> int:
    return len(event.actor_spans) + len(event.target_spans) + (event.place_span is not None)


def content_over_pledge(doc: Doc, scored: list[Scored]) -> list[Scored]:
    """Without the pledge, offer or agreement whose content is coded as an event of its own:
    that event, planned, is what was promised (guidelines §2: "Russia pledged to send troops"
    is MOBILIZE, planned, not an AGREE beside it; "vowed to ask its allies" a REQUEST). A
    pledge whose content codes no event stays ("pledged their support")."""
    triggers = [token_at(doc, event.trigger[0]) if event.trigger is not None else None
                for event, _ in scored]
    heads = {gov.i for tok in triggers if tok is not None for gov in _content_of(tok)}
    return [(event, scores) for (event, scores), tok in zip(scored, triggers, strict=True)
            if not (event.type in ("AGREE", "THREATEN") and tok is not None
                    and tok.i in heads and tok.lemma_.lower() in PLANNING)]


# How a promised act hangs from the promise: "vowed to ask", "vowed he would continue to
# clear", "commitment to bolstering" (not a conjoined clause: "promised …, but insisted …").
_CONTENT_DEPS = {"xcomp", "ccomp", "pcomp", "pobj", "prep", "acl"}


def _content_of(tok: Token) -> list[Token]:
    """The heads `tok` hangs from as the content of a complement, nearest first (3 at most)."""
    heads: list[Token] = []
    while tok.dep_ in _CONTENT_DEPS and tok.head.i != tok.i and len(heads) < 3:
        tok = tok.head
        heads.append(tok)
    return heads


def coded_spans(actors: list) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
    """The spans of the actors that carry a code or a country, and of those among them that
    are named (not a bare sector noun: "police"), as the news filters read them."""
    # Here, not at the top: importing the pipeline package first imports the events coder,
    # which imports this module (tests/test_architecture.py imports every module first).
    from ..pipeline.generic_actors import UNNAMED

    coded = {(a.start, a.end) for a in actors if a.code or a.country}
    named = {(a.start, a.end) for a in actors if (a.code or a.country) and not a.key.startswith(UNNAMED)}
    return coded, named
