"""The news filters: which coded events a careful reader keeps (`Settings`), and one event
per type and modality in a sentence."""

from __future__ import annotations

from ..mentions import EventMention
from .classifier import EventScores
from .settings import Settings


def kept(event: EventMention, scores: EventScores, coded: set[tuple[int, int]], settings: Settings,
         named: set[tuple[int, int]] | None = None) -> bool:
    """Whether a coded event passes the news filters (`Settings`); `coded` holds the spans of
    the actors that carry a code or a country, `named` those of them that are named (not a bare
    sector noun: "people", "police"), by default all of them."""
    spans = event.actor_spans + event.target_spans
    clear = scores.clear and scores.lex >= 0.8 and event.place_span is not None
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
    """One event per (type, modality) in a sentence: the one naming the most participants
    ("held a summit meeting to discuss …" is one consultation, not three)."""
    best: dict[tuple[str, str], Scored] = {}
    for er in scored:
        key = (er[0].type, er[0].modality)
        if key not in best or _size(er[0]) > _size(best[key][0]):
            best[key] = er
    return [er for er in scored if best.get((er[0].type, er[0].modality)) is er]


def _size(event: EventMention) -> int:
    return len(event.actor_spans) + len(event.target_spans) + (event.place_span is not None)
