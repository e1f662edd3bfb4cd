"""Which attributions' content holds a span, found by bisection over their content spans
sorted by start, not by reading every attribution for each span (a long document has
thousands, and the question is asked once per attribution)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence


class ContentIndex:
    def __init__(self, contents: Sequence[Sequence[tuple[int, int]]]) -> None:
        """`contents[i]`: the content spans of attribution i."""
        self._spans = sorted((s, e, i) for i, spans in enumerate(contents) for s, e in spans)
        self._starts = [span[0] for span in self._spans]
        self._longest = max((e - s for s, e, _ in self._spans), default=0)

    def holding(self, span: tuple[int, int]) -> list[int]:
        """The indexes, in order, of the attributions one of whose content spans contains
        `span`. Such a content span starts at or before `span` and no further back than the
        longest content span's length."""
        near = self._spans[bisect_left(self._starts, span[0] - self._longest):
                           bisect_right(self._starts, span[0])]
        return sorted({i for s, e, i in near if s <= span[0] and span[1] <= e})
