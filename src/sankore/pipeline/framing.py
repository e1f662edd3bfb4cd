"""The `sankore_framing` component: hedges, distancing, loaded labels, intensifiers and scare
quotes as `FramingMention`s in `doc._.framing`.

The lexicons are the `framing_*.tsv` files in `resources/data/`; `extra_lexicons` (a list of
paths to files of the same format) extends them without touching the package. Runs after
`sankore_quotes` when present, so that a source's own words are not counted as the
author's framing.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..attribution import lexicon
from ..attribution.framing import FramingLexicon, scare_quotes
from ..mentions import FramingMention
from .extensions import in_boilerplate, register_extensions


def _proposition(doc: Doc, quote) -> bool:
    """Whether a quote's content is something the source asserts (a quotation or a clause),
    not a thing the source took a stance on ("offered access in exchange for “guarantees”"):
    marks inside a stance's noun phrase are the author's, so they can be scare quotes."""
    if quote.kind != "indirect":
        return True
    span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    return span is None or not len(span) or span.root.pos_ in ("VERB", "AUX") or span[0].dep_ == "mark"


class FramingFinder:
    def __init__(self, nlp: Language, name: str = "sankore_framing", extra_lexicons: list[str] | None = None
                 ) -> None:
        register_extensions()
        self.lexicon = FramingLexicon(nlp, lexicon.framing_terms(tuple(extra_lexicons or ())))

    def __call__(self, doc: Doc) -> Doc:
        direct = [(q.start, q.end) for q in doc._.quotes if q.kind == "direct"]

        def skip(start: int, end: int) -> bool:
            return in_boilerplate(doc, start, end) or any(s <= start and end <= e for s, e in direct)

        found = self.lexicon.find(doc, skip)
        text = doc.text  # `Doc.text` joins every token anew at each access: read it once
        found += scare_quotes(text, [(q.start, q.end) for q in doc._.quotes if _proposition(doc, q)],
                              lambda s, e: in_boilerplate(doc, s, e))
        doc._.framing = [FramingMention(s, e, text[s:e], k) for s, e, k in sorted(found)]
        return doc


@Language.factory("sankore_framing", assigns=["doc._.framing"], default_config={"extra_lexicons": []})
def make_framing_finder(nlp: Language, name: str, extra_lexicons: list[str]) -> FramingFinder:
    return FramingFinder(nlp, name, extra_lexicons)
