"""Small tests on plain strings that several layers share (readers, quotes, headlines)."""

from __future__ import annotations

import re
from collections.abc import Sequence

_LETTERS = re.compile(r"[^\W\d_]+")


def long_words(text: str, longer_than: int = 3) -> list[str]:
    """The runs of letters in `text` longer than `longer_than` (short words such as "of",
    "the", "and" stay lowercase in a title, so they say nothing about its case)."""
    return [w for w in _LETTERS.findall(text) if len(w) > longer_than]


def title_case(words: Sequence[str], share: float = 0.8, min_words: int = 1) -> bool:
    """At least `share` of `words` (and at least `min_words` of them) start with a capital.

    The one title-case test: a headline line, a programme name quoted as speech ("Meet the
    Press", share 1.0) and a title line at the top of a plain-text article all use it, each
    with the words and share that its evidence calls for.
    """
    return len(words) >= max(1, min_words) and sum(w[0].isupper() for w in words) >= share * len(words)


def printable(text: str) -> str:
    """`text` safe to print on a terminal: control characters (newlines and escape
    sequences in a file name, a stray ESC in a CSV cell) and lone surrogates (an undecodable
    file name) shown as Python escapes instead of acting on the terminal or failing."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else _escape(c) for c in text)


def _escape(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}" if char not in "\n\t\r" else repr(char)[1:-1]
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
