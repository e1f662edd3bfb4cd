"""The document's mentions indexed by position, once per document, for the questions the
events stage asks once per sentence or per event: a sentence's actors, places and times,
the quotations that hold a word, the actors named before a pronoun, how often a name was
named before it.

Asked of the whole lists (`doc._.actors`, `doc._.times`, `doc.sents` …) once per event, they
made a long document quadratic: a 200,000-character text cost ten times the events CPU of a
50,000-character one (docs/reliability.md). Here each list is sorted once (`spans.Overlaps`)
and each question is a bisection; the functions that ask keep their own conditions and only
read fewer mentions, so they answer as before.

`find_events_scored` codes a document inside `indexing(doc)`, and the functions it reaches,
however deep (`roles` → `antecedents`, `modality.own_voice` from the classifier's features),
ask `index_of(doc)` for that one index; called on their own (a test, a training script),
`index_of` builds a fresh index of the document, which costs about what the old pass did.
The index lives only while `indexing` runs (a context variable, reset on the way out), never
on the `Doc`: nothing of it is serialized with the document or outlives the call.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cached_property

from spacy.tokens import Doc

from ..mentions import ActorMention, PlaceMention, QuoteMention, TimeMention
from ..spans import Overlaps


class DocumentIndex:
    """One document's mentions by position; each part is built at its first question."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc

    @cached_property
    def actors(self) -> Overlaps[ActorMention]:
        return Overlaps([(m.start, m.end, m) for m in self.doc._.actors])

    @cached_property
    def places(self) -> Overlaps[PlaceMention]:
        return Overlaps([(p.start, p.end, p) for p in self.doc._.places])

    @cached_property
    def times(self) -> Overlaps[TimeMention]:
        return Overlaps([(m.start, m.end, m) for m in self.doc._.times])

    @cached_property
    def _governing(self) -> Overlaps[TimeMention]:
        """The time mentions by the characters of the clause head each governs."""
        return Overlaps([(m.extra["governs"][0], m.extra["governs"][1], m) for m in self.doc._.times
                         if m.extra.get("governs") is not None])

    def governing_within(self, start: int, end: int) -> list[TimeMention]:
        """The time mentions whose governed clause head starts in [start, end), in order."""
        return self._governing.starting(start, end)

    @cached_property
    def _quotes(self) -> tuple[list[QuoteMention], Overlaps[int]]:
        quotes = list(self.doc._.quotes or ()) if Doc.has_extension("quotes") else []
        spans = [(q.start, q.end, i) for i, q in enumerate(quotes)]
        spans += [(q.cue_span[0], q.cue_span[1], i) for i, q in enumerate(quotes) if q.cue_span]
        return quotes, Overlaps(spans)

    def quotes_at(self, at: int) -> list[QuoteMention]:
        """The quotations whose content or cue holds character `at`, in the document's order."""
        quotes, spans = self._quotes
        return [quotes[i] for i in sorted(set(spans.every((at, at + 1))))]

    @cached_property
    def _sentences(self) -> tuple[list[int], list[int]]:
        sents = list(self.doc.sents)
        return [s.start for s in sents], [s.start_char for s in sents]

    def sentence_start_char(self, token: int, before: int = 0) -> int:
        """The first character of the sentence `before` sentences before token `token`'s
        (the document's first sentence when there are fewer)."""
        starts, chars = self._sentences
        return chars[max(0, bisect_right(starts, token) - 1 - before)]

    @cached_property
    def _ends_by_key(self) -> dict[str, list[int]]:
        ends: dict[str, list[int]] = {}
        for m in self.doc._.actors:
            ends.setdefault(m.key, []).append(m.end)
        return {key: sorted(found) for key, found in ends.items()}

    def named_before(self, key: str, at: int) -> int:
        """How many actor mentions of `key` end at or before character `at`."""
        return bisect_right(self._ends_by_key.get(key, []), at)


_CURRENT: ContextVar[DocumentIndex | None] = ContextVar("sankore_events_index", default=None)


@contextmanager
def indexing(doc: Doc) -> Iterator[DocumentIndex]:
    """Within this block `index_of(doc)` answers from one index of `doc`, built here (or the
    enclosing block's, when the coder is entered again for the same document)."""
    current = _CURRENT.get()
    if current is not None and current.doc is doc:
        yield current
        return
    index = DocumentIndex(doc)
    token = _CURRENT.set(index)
    try:
        yield index
    finally:
        _CURRENT.reset(token)


def index_of(doc: Doc) -> DocumentIndex:
    """The index of the document being coded, or a fresh one of `doc` outside `indexing`."""
    current = _CURRENT.get()
    return current if current is not None and current.doc is doc else DocumentIndex(doc)
