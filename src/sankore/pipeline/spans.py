"""Span helpers the actors component uses: trimming an NER span, overlap, lower-cased text."""

from __future__ import annotations

from spacy.tokens import Doc, Span

_LOWERCASE_DOC = 0.03  # share of capitalized words under which a text counts as lower-cased


def is_lowercased(doc: Doc) -> bool:
    """A text written (nearly) all in lower case, as some news dumps are: the actors
    component then matches its dictionary names case-insensitively as well."""
    words = [t for t in doc if t.is_alpha]
    if len(words) < 20:
        return False
    return sum(t.text[0].isupper() for t in words) / len(words) < _LOWERCASE_DOC


def trim_entity(ent: Span) -> Span | None:
    """Strip whitespace, a leading "the" and a trailing possessive off an NER span."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and (doc[start].is_space or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].is_punct
                           or doc[end - 1].text in ("'s", "’s")):
        end -= 1
    if start >= end or not doc[start:end].text[0].isupper() and not doc[start].lower_ == "the":
        return None
    return Span(doc, start, end, label=ent.label_)


def overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether [start, end) overlaps any of `spans`."""
    return any(start < s_end and s_start < end for s_start, s_end in spans)
