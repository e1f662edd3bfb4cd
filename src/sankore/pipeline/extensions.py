"""The `Doc._` attributes Sankore's components read and write.

Registered once, idempotently, so that a user who adds one component to a pipeline of
their own gets the attributes too. Defaults are immutable (tuples) because spaCy shares an
extension's default between all docs: components always assign a new list.
"""

from __future__ import annotations

from spacy.tokens import Doc

from . import serialization  # noqa: F401  (Doc._ values survive n_process and DocBin)

_ATTRS = {
    "published": None,  # datetime.date of publication, the anchor for relative times
    "outlet": None,  # the outlet's name, whose country is context for places
    "author": None,  # the by-line's name, so that the NER's "ORG" for it becomes a person
    "boilerplate": (),  # [(start, end)] character spans the extractors ignore
    "times": (),  # [TimeMention]
    "places": (),  # [PlaceMention]
    # [PlaceMention] of kind modifier/demonym ("Russian troops", "Mexicans") and embedded
    # ("Shreveport" in "Shreveport Police Department", geo/second_pass.py), apart from
    # `places` so that readers of literal places (event place, home country, the actors
    # stage's claimed spans) never see them
    "demonyms": (),
    "actors": (),  # [ActorMention]
    "quotes": (),  # [QuoteMention]
    "voices": (),  # [SentenceVoice], one per sentence
    "events": (),  # [EventMention]
    "framing": (),  # [FramingMention]
}


def register_extensions() -> None:
    for name, default in _ATTRS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


def in_boilerplate(doc: Doc, start: int, end: int) -> bool:
    """True when the character span [start, end) overlaps a boilerplate span of `doc`."""
    return any(start < b_end and b_start < end for b_start, b_end in doc._.boilerplate)


register_extensions()
