"""Which attributions' content holds a span, found by bisection over their content spans
sorted by start, not by reading every attribution for each span (a long document has
thousands, and the question is asked once per attribution); and which quotation holds one."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from .quotemarks import Quoted


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


def inside(span: tuple[int, int], outer: tuple[int, int]) -> bool:
    return outer[0] <= span[0] and span[1] <= outer[1]


def quotations_index(quoted: list[Quoted]) -> ContentIndex:
    """`quoted` indexed as one-span contents, for `innermost` and `ContentIndex.holding`."""
    return ContentIndex([[(q.start, q.end)] for q in quoted])


def innermost(quoted: list[Quoted], start: int, end: int, exclude: Quoted | None = None,
              index: ContentIndex | None = None) -> Quoted | None:
    """The shortest quotation of `quoted` (other than `exclude`) that holds [start, end);
    `index`, `quotations_index(quoted)`, finds those that hold it by bisection."""
    best = None
    for q in (quoted if index is None else (quoted[i] for i in index.holding((start, end)))):
        if q is not exclude and q.start <= start and end <= q.end:
            if best is None or q.end - q.start < best.end - best.start:
                best = q
    return best


def held_elsewhere(position: int, span: tuple[int, int], index: ContentIndex,
                   added: list[tuple[int, tuple[int, int]]]) -> bool:
    """Whether a content span of an attribution other than the one at `position` holds `span`
    (`candidates.nested`): one that `index` holds, or one of `added`, the (position, span)
    pairs a pass added since the index was built."""
    return any(i != position for i in index.holding(span)) or any(
        i != position and s <= span[0] and span[1] <= e for i, (s, e) in added)
