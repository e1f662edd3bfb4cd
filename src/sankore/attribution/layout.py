"""What the paragraph layout of news says about who reports what.

A news paragraph holds a quotation and its cue: "“A,” she said." or "She said: “A.”". The
parser, though, often runs one sentence over a blank line after a closing quotation mark,
so the cue of the next paragraph's own report ("…”\n\nSanders said he may campaign for
him.") looks as if it governed the quotation above it.
"""

from __future__ import annotations

import re

_BREAK = re.compile(r"\n\s*\n")


def separated(text: str, cue: tuple[int, int], quote: tuple[int, int]) -> bool:
    """Whether a paragraph break lies between a cue and a quotation, with no colon before the
    break introducing the quotation ("He wrote:\n\n“…”" is one report over two paragraphs)."""
    if cue[1] <= quote[0]:
        between = text[cue[1]:quote[0]]
        return bool(_BREAK.search(between)) and not between.rstrip().endswith(":")
    if quote[1] <= cue[0]:
        return bool(_BREAK.search(text[quote[1]:cue[0]]))
    return False
