"""Span helpers the components use: trimming an NER span, the entity at a token, the token at
a character, overlap and mentions by position found by bisection, lower-cased text."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from typing import Generic, TypeVar

from spacy.tokens import Doc, Span, Token

_LOWERCASE_DOC = 0.03  # share of capitalized words under which a text counts as lower-cased


def is_lowercased(doc: Doc) -> bool:
    """A text written (nearly) all in lower case, as some news dumps are: the actors
    component then matches its dictionary names case-insensitively as well."""
    words = [t for t in doc if t.is_alpha]
    if len(words) < 20:
        return False
    return sum(t.text[0].isupper() for t in words) / len(words) < _LOWERCASE_DOC


# A dash standing as a word between parts of a text ("ISTANBUL - Erdogan", "TORRINGTON —").
DASHES = {"-", "--", "---", "—", "–"}


def trim_entity(ent: Span) -> Span | None:
    """Strip whitespace, a leading "the", a trailing possessive and a dateline the NER ran into
    the name ("ISTANBUL - Erdogan") off an NER span."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and (doc[start].is_space or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].is_punct
                           or doc[end - 1].text in ("'s", "’s")):
        end -= 1
    # "ISTANBUL - Erdogan": a dateline in capitals and a spaced dash, then the name the NER
    # ran it into (a hyphen inside a name, "Al-Assad", has no space before it).
    for i in range(end - 2, start, -1):
        if doc[i].text in DASHES and doc[i - 1].whitespace_ and doc[start:i].text.isupper():
            start = i + 1
            break
    if start >= end or not doc[start:end].text[0].isupper() and not doc[start].lower_ == "the":
        return None
    return Span(doc, start, end, label=ent.label_)


def token_at(doc: Doc, char: int) -> Token | None:
    """The token a character offset falls in (a mention's or a trigger's first character)."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def entity_at(doc: Doc, i: int) -> Span | None:
    """The named entity that token `i` is part of, found from the tokens' IOB tags in time
    proportional to the entity's length. (`doc.ents` builds every entity of the document on
    each access: asked once per candidate, it made a long document quadratic.)"""
    if not 0 <= i < len(doc) or doc[i].ent_iob_ not in ("B", "I"):
        return None
    start = i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=doc[start].ent_type_)


def entity_within(doc: Doc, start: int, end: int) -> Span | None:
    """The first named entity wholly inside tokens [start, end), what
    `doc[start:end].ents[0]` gives, read off the IOB tags of those tokens alone (`Span.ents`
    goes through `doc.ents`, which builds every entity of the document)."""
    i = start
    while i < end and doc[i].ent_iob_ != "B":
        i += 1
    ent = entity_at(doc, i) if i < end else None
    return ent if ent is not None and ent.end <= end else None


L = TypeVar("L")


class Overlaps(Generic[L]):
    """Which of many labelled spans overlaps a span (most), or starts in a stretch, without
    reading them all: sorted by start, only those starting less than the longest span's
    length before it are looked at. (Asking a list of every mention once per quote and
    event made long documents quadratic.) Ties go to the span given first, as a scan of the
    list in order would give them."""

    def __init__(self, spans: list[tuple[int, int, L]]) -> None:
        self._items = sorted((start, end, order, label) for order, (start, end, label) in enumerate(spans))
        self._starts = [item[0] for item in self._items]
        self._longest = max((end - start for start, end, _ in spans), default=0)

    def _near(self, span: tuple[int, int]) -> list[tuple[int, int, int, L]]:
        low, high = bisect_left(self._starts, span[0] - self._longest), bisect_left(self._starts, span[1])
        return [item for item in self._items[low:high] if min(item[1], span[1]) > max(item[0], span[0])]

    def most(self, span: tuple[int, int] | None) -> L | None:
        """The label of the span overlapping `span` by the most characters; None if none does."""
        if span is None:
            return None
        best = min(self._near(span), default=None,
                   key=lambda item: (-(min(item[1], span[1]) - max(item[0], span[0])), item[2]))
        return best[3] if best else None

    def touches(self, span: tuple[int, int]) -> bool:
        """Whether any span overlaps `span` (as `overlaps` below, by bisection)."""
        return bool(self._near(span))

    def every(self, span: tuple[int, int]) -> list[L]:
        """The labels of every span overlapping `span`, in the order the spans were given."""
        return [label for _, _, _, label in sorted(self._near(span), key=lambda item: item[2])]

    def starting(self, start: int, end: int) -> list[L]:
        """The labels of the spans that start in [start, end), in the order they were given
        (a sentence's mentions, without reading those of every other sentence)."""
        found = self._items[bisect_left(self._starts, start):bisect_left(self._starts, end)]
        return [label for _, _, _, label in sorted(found, key=lambda item: item[2])]

    def latest_first(self, start: int, end: int) -> Iterator[L]:
        """The labels of the spans that start in [start, end), the latest start first and,
        between equal starts, in the order given: what `max(…, key=start)` over the given
        order would pick first, for a caller that stops at the first that suits it."""
        low, high = bisect_left(self._starts, start), bisect_left(self._starts, end)
        while high > low:
            first = bisect_left(self._starts, self._starts[high - 1], low, high)
            yield from (label for _, _, _, label in sorted(self._items[first:high], key=lambda item: item[2]))
            high = first


def overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether [start, end) overlaps any of `spans`."""
    return any(start < s_end and s_start < end for s_start, s_end in spans)


def overlaps_in_order(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """`overlaps` for disjoint `spans` added in text order while scanning forward: only the
    last few can reach `start`, so the scan stops at the first that ends before it (a pass
    that asked every span per word made long documents quadratic)."""
    for s_start, s_end in reversed(spans):
        if s_end <= start:
            return False
        if s_start < end:
            return True
    return False
