"""Who speaks: the speaker's words at the quotation, the named mention they refer to, and
the outlet that relays the quotation.

Spans are chosen to coincide with the actor component's mentions (`doc._.actors`) when one
overlaps, since the record converter maps a span to the entity whose mention overlaps it most.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Token

from .syntax import core_span, subtree_span

_PERSONAL = {"he", "she", "him", "her", "his", "hers"}
_RELATIVE = {"who", "which", "that", "whom", "whose"}
SPEAKER_KINDS = _SPEAKER_KINDS = ("person", "media", "government", "igo", "organization", "party", "military",
                  "armed_group", "police", "state")


@dataclass(frozen=True)
class Speaker:
    span: tuple[int, int]
    antecedent: tuple[int, int] | None = None
    kind: str | None = None  # the actor kind of the span or its antecedent, when known


_HONORIFICS = {"Mr": "he", "Mrs": "she", "Ms": "she", "Miss": "she", "Sir": "he", "Madam": "she"}
_HONORIFIC = re.compile(r"\b(Mr|Mrs|Ms|Miss|Sir|Madam)\b\.?\s")
_GROUP_KINDS = ("organization", "party", "government", "media", "igo", "military", "armed_group",
                "police", "state")


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return min(a[1], b[1]) - max(a[0], b[0])


class ActorIndex:
    """The actor mentions of one document, sorted, with the lookups speakers need."""

    def __init__(self, actors, text: str = "") -> None:
        self.actors = sorted(actors, key=lambda a: (a.start, a.end))
        self.starts = [a.start for a in self.actors]
        self.longest = max((a.end - a.start for a in self.actors), default=0)
        self.text = text
        # surname → "he"/"she", from an honorific ("Mr. Trump", "Ms. Clinton") or from a
        # pronoun already resolved to that person; unknown names agree with either pronoun.
        self.gender: dict[str, str] = {}
        for a in self.actors:
            if a.kind == "person":
                before = text[max(0, a.start - 6):a.end]
                honorific = _HONORIFIC.search(before)
                if honorific:
                    self.gender.setdefault(self.surname(a.start, a.end), _HONORIFICS[honorific.group(1)])

    def surname(self, start: int, end: int) -> str:
        words = self.text[start:end].split()
        return words[-1].strip(".,’'s") if words else ""

    def agrees(self, span: tuple[int, int], pronoun: str) -> bool:
        return self.gender.get(self.surname(*span), pronoun) == pronoun

    def note(self, span: tuple[int, int], pronoun: str) -> None:
        self.gender.setdefault(self.surname(*span), pronoun)

    def overlapping(self, span: tuple[int, int]):
        # Only mentions starting less than the longest mention's length before the span can
        # reach it: a bisection, not a pass over every mention of a long document per call.
        low = bisect_left(self.starts, span[0] - self.longest)
        high = bisect_left(self.starts, span[1])
        return [a for a in self.actors[low:high] if _overlap((a.start, a.end), span) > 0]

    def last_person_before(self, position: int, floor: int = 0, pronoun: str | None = None):
        """The nearest person mention before `position` that agrees with `pronoun` ("he"/"she")."""
        return self.last_before(position, floor, ("person",), pronoun)

    def last_before(self, position: int, floor: int, kinds: tuple[str, ...], pronoun: str | None = None):
        i = bisect_left(self.starts, position) - 1
        while i >= 0 and self.actors[i].start >= floor:
            a = self.actors[i]
            agrees = pronoun is None or self.agrees((a.start, a.end), pronoun)
            if a.kind in kinds and a.end <= position and agrees:
                return a
            i -= 1
        return None

    def media_in(self, span: tuple[int, int]):
        return next((a for a in self.overlapping(span) if a.kind == "media"), None)


def _kind_rank(kind: str) -> int:
    return _SPEAKER_KINDS.index(kind) if kind in _SPEAKER_KINDS else len(_SPEAKER_KINDS)


def _best_actor(candidates, core: tuple[int, int]):
    ranked = sorted(candidates, key=lambda a: (_overlap((a.start, a.end), core) <= 0,
                                                _kind_rank(a.kind),
                                                a.start))
    return ranked[0] if ranked else None


def speaker_at(head: Token, actors: ActorIndex, person_nouns: frozenset[str],
               previous: Speaker | None = None) -> Speaker:
    """The speaker named by the noun phrase headed by `head` (a subject or `according to`'s object)."""
    doc = head.doc
    low = head.lower_
    if head.pos_ == "PRON" or low in _PERSONAL | _RELATIVE:
        span = (head.idx, head.idx + len(head))
        if low in _RELATIVE and head.head.dep_ == "relcl":
            noun = head.head.head
            named = _best_actor(actors.overlapping(subtree_span(noun)), core_span(noun))
            ante = (named.start, named.end) if named else core_span(noun)
            return Speaker(span, ante, named.kind if named else None)
        if low in ("he", "she"):
            if previous is not None and previous.kind == "person" and previous.span[0] < head.idx:
                return Speaker(span, previous.antecedent or previous.span, "person")
            person = actors.last_person_before(head.idx, floor=max(0, head.idx - 3000), pronoun=low)
            return Speaker(span, (person.start, person.end) if person else None, "person")
        if low == "they":
            # plural: a group, party, body or outlet named shortly before, never one person
            group = actors.last_before(head.idx, max(0, head.idx - 600), _GROUP_KINDS)
            return Speaker(span, (group.start, group.end) if group else None, group.kind if group else None)
        return Speaker(span)
    core = core_span(head)
    full = subtree_span(head)
    named = _best_actor(actors.overlapping(full), core)
    if head.lemma_.lower() in person_nouns:
        # "Niger's foreign minister, Bakari Yaou Sangare, said": the person, not the state.
        named = _best_actor([a for a in actors.overlapping(full) if a.kind == "person"], core) or named
    if named is None or named.kind not in ("person", "media"):
        # "WASHINGTON (AP) — Donald Trump said": a dateline parsed as the subject, with the
        # speaker as its apposition.
        for child in head.children:
            if child.dep_ == "appos":
                person = _best_actor([a for a in actors.overlapping(core_span(child)) if a.kind == "person"],
                                     core_span(child))
                if person is not None:
                    return Speaker((person.start, person.end), None, "person")
    if named is not None and (_overlap((named.start, named.end), core) > 0 or named.kind == "person"
                              or named.kind == "media"):
        return Speaker((named.start, named.end), None, named.kind)
    if head.lemma_.lower() in person_nouns and head.pos_ == "NOUN":
        person = actors.last_person_before(core[0], floor=max(0, core[0] - 3000))
        if previous is not None and previous.kind == "person":
            return Speaker(core, previous.antecedent or previous.span, "person")
        return Speaker(core, (person.start, person.end) if person else None, "person" if person else None)
    del doc
    return Speaker(core)


def via_of(cue: Token, actors: ActorIndex) -> tuple[int, int] | None:
    """An outlet the cue addresses or appears in: "told CNN", "said on Fox News", "in an
    interview with The Times"."""
    for child in cue.children:
        if child.dep_ in ("dative", "dobj", "prep", "npadvmod"):
            media = actors.media_in(subtree_span(child))
            if media is not None:
                return media.start, media.end
    return None
