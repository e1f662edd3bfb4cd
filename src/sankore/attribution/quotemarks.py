"""Quotation-mark spans in raw text: straight and curly, nested, multi-paragraph, unbalanced.

Pure functions over a string, so they test without a model. A span includes its marks
(PolNeAR's content spans do). Rules, and why:

- News style continues a quotation over paragraphs by opening each paragraph with a mark
  and closing only the last one; so an open quotation that meets a paragraph break stays
  open when the next paragraph starts with an opening mark, and is closed (unbalanced) at
  the paragraph's end otherwise.
- Scraped text loses marks. A second opening mark while one is open closes the first one
  before it; a closing mark with nothing open ("… for your solidarity,’ Diop said") is an
  orphan whose quotation runs back to the previous quotation or the paragraph's start.
- Two straight single marks ('') stand for a double mark in text from typewriter-era
  feeds (the New York Times in PolNeAR writes ''like this''); they are read as one double
  mark whose span covers both characters.
- Single marks are quotations only with a non-letter on the outer side, and ’ between
  letters ("alliance’s") or after a plural "s" before a word ("countries’ armies") is an
  apostrophe. Straight single marks (') are left alone: in PolNeAR train they are
  apostrophes far more often than quotation marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PARAGRAPH = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class Quoted:
    start: int  # the opening mark (or the first character, for an orphan's quotation)
    end: int  # one past the closing mark (or past the last character, when unbalanced)
    level: int  # 0 for double marks, 1 for single marks
    balanced: bool = True


def _paragraph_breaks(text: str, start: int, end: int) -> dict[int, int]:
    """Start of each blank-line break in [start, end) → start of the next paragraph."""
    return {m.start(): m.end() for m in _PARAGRAPH.finditer(text, start, end)}


def _trim_end(text: str, end: int, floor: int) -> int:
    while end > floor and text[end - 1].isspace():
        end -= 1
    return end


def _trim_start(text: str, start: int, ceiling: int) -> int:
    while start < ceiling and (text[start].isspace() or text[start] in ".,;:"):
        start += 1
    return start


def _double_role(text: str, i: int, is_open: bool) -> str | None:
    c = text[i]
    if c == "“":
        return "open"
    if c == "”":
        return "close"
    if c == '"':
        before = text[i - 1] if i > 0 else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if is_open and not before.isspace():
            return "close"
        if not after.isspace():
            return "open"
        return "close" if is_open else None
    return None


def _single_role(text: str, i: int, is_open: bool) -> str | None:
    c = text[i]
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if c == "‘":
        return "open" if not before.isalnum() and not after.isspace() else None
    if c != "’" or after.isalnum():
        return None
    if before == "s" and not is_open and after == " ":
        return None  # plural possessive: "the countries’ armies"
    if before.isspace():
        return None
    if not is_open and before not in ".,!?;:—-…":
        return None  # an orphan close only right after punctuation ("solidarity,’ Diop said")
    return "close"


def find_quoted(text: str, start: int = 0, end: int | None = None, level: int = 0) -> list[Quoted]:
    """Quotation spans of one mark level in text[start:end], in order."""
    end = len(text) if end is None else end
    role_of = _double_role if level == 0 else _single_role
    marks = "\"“”" if level == 0 else "‘’"
    breaks = _paragraph_breaks(text, start, end)
    found: list[Quoted] = []
    open_at: int | None = None
    previous_end = start
    i = start
    while i < end:
        if i in breaks:
            nxt = breaks[i]
            if open_at is not None:
                if nxt < end and text[nxt] in marks and role_of(text, nxt, False) == "open":
                    i = nxt + 1  # the quotation continues in the next paragraph
                    continue
                found.append(Quoted(open_at, _trim_end(text, i, open_at + 1), level, False))
                open_at = None
            previous_end = i = nxt
            continue
        c = text[i]
        if c in marks:
            role = role_of(text, i, open_at is not None)
            if role == "open":
                if open_at is not None:
                    found.append(Quoted(open_at, _trim_end(text, i, open_at + 1), level, False))
                open_at = i
            elif role == "close":
                if open_at is not None:
                    found.append(Quoted(open_at, i + 1, level))
                    open_at = None
                else:
                    begin = _trim_start(text, previous_end, i)
                    if begin < i:
                        found.append(Quoted(begin, i + 1, level, False))
                previous_end = i + 1
        i += 1
    if open_at is not None:
        found.append(Quoted(open_at, _trim_end(text, end, open_at + 1), level, False))
    return found


def _typewriter(text: str) -> str:
    """'' → a neutral character plus ": same length, so every offset stays valid."""
    return text.replace("''", "\x01\"") if "''" in text else text


def _widen(text: str, q: Quoted) -> Quoted:
    if q.start > 0 and text[q.start - 1:q.start + 1] == "''":
        return Quoted(q.start - 1, q.end, q.level, q.balanced)
    return q


def find_all_quoted(text: str) -> list[Quoted]:
    """Double-mark quotations, single-mark ones nested inside them, and single-mark ones
    outside any double-mark quotation (the British style), sorted by position."""
    marked = _typewriter(text)
    if marked is not text:
        return sorted((_widen(text, q) for q in _find_all(marked)), key=lambda q: (q.start, -q.end))
    return _find_all(text)


def _find_all(text: str) -> list[Quoted]:
    outer = find_quoted(text)
    spans = list(outer)
    cursor = 0
    for q in outer:
        spans += find_quoted(text, cursor, q.start, level=1)
        spans += find_quoted(text, q.start + 1, q.end - 1 if q.balanced else q.end, level=1)
        cursor = q.end
    spans += find_quoted(text, cursor, len(text), level=1)
    return sorted(spans, key=lambda q: (q.start, -q.end))


def word_count(text: str) -> int:
    return len(re.findall(r"\w+", text))
