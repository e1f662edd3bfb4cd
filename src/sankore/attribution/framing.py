"""Framing: hedges, distancing, loaded labels, intensifiers and scare quotes, as spans.

Lexicon terms (resources/data/framing_*.tsv, one "term<TAB>kind" a line) are matched on
lower-cased tokens. A scare quote is a short quotation (a few words) that no speaker is
quoted with and that is not a title ("“security guarantees”"). Words inside a direct
quotation are the source's, not the author's framing, and are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from .extract import SHORT_QUOTE_WORDS, _title_like
from .quotemarks import find_all_quoted, word_count

_MARKUP = re.compile(r"\w=[\"“]")


class FramingLexicon:
    """Terms compiled once into a phrase matcher; kinds kept per match id."""

    def __init__(self, nlp: Language, terms: tuple[tuple[str, str], ...]) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.kinds: dict[int, str] = {}
        by_kind: dict[str, list[str]] = {}
        for term, kind in terms:
            by_kind.setdefault(kind, []).append(term)
        for kind, words in by_kind.items():
            key = nlp.vocab.strings.add(f"FRAMING_{kind}")
            self.kinds[key] = kind
            self.matcher.add(f"FRAMING_{kind}", [nlp.make_doc(w) for w in words])

    def find(self, doc: Doc, skip: Callable[[int, int], bool]) -> list[tuple[int, int, str]]:
        found = []
        for key, start, end in self.matcher(doc):
            span = doc[start:end]
            if not skip(span.start_char, span.end_char):
                found.append((span.start_char, span.end_char, self.kinds[key]))
        return _longest(found)


def _longest(found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Overlapping matches keep the longest ("so-called" over "called")."""
    out: list[tuple[int, int, str]] = []
    for s, e, k in sorted(found, key=lambda f: (f[0], -(f[1] - f[0]))):
        if out and s < out[-1][1]:
            continue
        out.append((s, e, k))
    return out


def scare_quotes(text: str, attributed: list[tuple[int, int]], skip: Callable[[int, int], bool]
                 ) -> list[tuple[int, int, str]]:
    found = []
    for q in find_all_quoted(text):
        inner = text[q.start:q.end]
        if not q.balanced or word_count(inner) > SHORT_QUOTE_WORDS or not word_count(inner):
            continue
        if _MARKUP.search(inner) or _title_like(inner) or skip(q.start, q.end):
            continue
        if any(s <= q.start and q.end <= e and (s, e) != (q.start, q.end) for s, e in attributed):
            continue  # a short quotation inside a source's words is theirs
        if (q.start, q.end) in attributed:
            continue
        found.append((q.start, q.end, "scare_quote"))
    return found
