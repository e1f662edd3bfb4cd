"""Whose voice each sentence speaks in: the author's own, or a source's.

A sentence is attributed when an attribution's content covers at least half of it, or when
it holds an attribution's cue and some of its content ("Lavrov stated that …"); of several,
the innermost (shortest) attribution wins, so a sentence inside a quoted report that quotes
a minister is the minister's. A sentence that only introduces a quotation ("One report …
emphasized:") is the author's, and so is one that reports a stance on a thing rather than a
proposition ("Three countries formed an alliance to proclaim their commitment to …"): the
author asserts it, nobody is quoted.
"""

from __future__ import annotations

from collections.abc import Iterable

from .extract import Attribution

COVER_SHARE = 0.5


def _covered(content: tuple[tuple[int, int], ...], start: int, end: int) -> int:
    return sum(max(0, min(e, end) - max(s, start)) for s, e in content)


def sentence_voice(sentence: tuple[int, int], text: str, attributions: list[Attribution],
                   candidates: Iterable[int] | None = None) -> int | None:
    """The index of the attribution a sentence speaks for, or None for the author's voice.
    `candidates`: the indexes, in order, of the attributions whose content overlaps the
    sentence (the only ones that can win), when the caller has found them; else all."""
    start, end = sentence
    length = len(text[start:end].strip()) or 1
    best = None
    for i in candidates if candidates is not None else range(len(attributions)):
        a = attributions[i]
        if a.stance:
            continue
        covered = _covered(a.content, start, end)
        if covered <= 0:
            continue
        has_cue = a.cue_span is not None and start <= a.cue_span[0] < end
        if covered / length >= COVER_SHARE or has_cue:
            size = a.envelope[1] - a.envelope[0]
            if best is None or size < best[0]:
                best = (size, i)
    return best[1] if best else None
