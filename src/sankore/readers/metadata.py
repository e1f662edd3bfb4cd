"""Metadata that a plain text carries in itself: a dateline, a title line, a by-line, and
the site furniture (boilerplate) at its end.

Pure functions over the text; nothing is removed from it. Reported spans index the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib.resources import files

import dateparser

from ..records import Span
from ..text import title_case

_PARAGRAPH = re.compile(r"[^\n]+(?:\n[^\n]+)*")  # blocks separated by blank lines
_DATELINE_PREFIX = re.compile(
    r"^\s*(?:this\s+(?:story|article)\s+is\s+from|published(?:\s+on)?|posted(?:\s+on)?|"
    r"updated(?:\s+on)?|date)\s*:?\s*", re.I)
_DATEISH = re.compile(r"\d{1,4}")
_SEPARATOR = re.compile(r"^\s*[*\-_=.~•·—–#]{1,10}\s*$")
_BYLINE = re.compile(r"^\s*by\s+(?P<name>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3})\s*$")
# A trailing personal name: 2-4 capitalized words, as in "… Seek Support of Russia. Abayomi
# Azikiwe". Function words are excluded so that a headline's last clause is not taken.
_NAME_WORD = r"[A-Z][a-z'’-]+(?:-[A-Z][a-z]+)?"
_TRAILING_NAME = re.compile(
    rf"(?<=[.!?])\s+(?P<name>{_NAME_WORD}(?:\s+(?:[A-Z]\.\s*)?{_NAME_WORD}){{1,3}})\s*$")
_NOT_NAME = {"The", "A", "An", "Of", "In", "On", "For", "And", "To", "With", "News", "Report",
             "Update", "Analysis", "Opinion", "Says", "Said", "Is", "Are", "Was", "Be"}
_MAX_TITLE = 300
# A list of related headlines run into the story's last paragraph, as scraped newspaper pages
# keep it ("… police added. related stories: narendra modi visits riot-hit areas …"): after a
# sentence's end, never inside one ("and related stories of abuse").
_RUN_IN_RELATED = re.compile(r"(?<=[.!?\"'”’])\s*related\s+(?:stor(?:y|ies)|articles?|coverage|links)"
                             r"\s*:?(?=[\s\u00a0\u00c2]|$)", re.I)
# A letters page's bulleted appeals run into the last letter after its signature ("… Rosa Gilbert
# Co-secretary • Join the debate – email … • Read more Guardian letters – click here …").
_RUN_IN_APPEALS = re.compile(r"[•·]\s*(?:join\s+the\s+debate|read\s+more\s+\w+\s+letters)\b", re.I)
_TAIL_SHARE = 0.5  # boilerplate is only looked for in the last half of a text


@dataclass
class TextMetadata:
    published: str | None = None
    title: str | None = None
    author: str | None = None
    boilerplate: list[Span] = field(default_factory=list)


def paragraphs(text: str) -> list[Span]:
    return [m.span() for m in _PARAGRAPH.finditer(text)]


def parse_dateline(line: str) -> date | None:
    """A short line that is nothing but a full date ("Wednesday, 30 April 2025")."""
    candidate = _DATELINE_PREFIX.sub("", line).strip().rstrip(".")
    if not candidate or len(candidate) > 60 or not _DATEISH.search(candidate):
        return None
    parsed = dateparser.parse(
        candidate, languages=["en"],
        settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]},
    )
    return parsed.date() if parsed else None


def _looks_like_headline(line: str) -> bool:
    """No closing full stop, or Title Case: a first paragraph of one sentence is neither."""
    if not line.rstrip().endswith((".", "!", "?", "”", '"')):
        return True
    words = [w for w in line.split()[1:] if len(w) > 3 and w[0].isalpha()]
    return title_case(words, share=0.8)


def split_author(title: str) -> tuple[str, str | None]:
    """Split "Headline. Firstname Lastname" into the headline and the author's name."""
    match = _TRAILING_NAME.search(title)
    if not match:
        return title, None
    words = match.group("name").split()
    if any(word in _NOT_NAME for word in words):
        return title, None
    return title[: match.start()].strip(), match.group("name")


@lru_cache(maxsize=1)
def boilerplate_patterns() -> tuple[re.Pattern[str], ...]:
    lines = (files("sankore") / "resources" / "data" / "boilerplate.txt").read_text("utf-8")
    return tuple(
        re.compile(line.strip(), re.I) for line in lines.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    )


def _is_furniture(block: str, author: str | None) -> bool:
    stripped = block.strip()
    if _SEPARATOR.match(stripped):
        return True
    if author and stripped.startswith(author) and re.match(
            rf"{re.escape(author)}\s+(is|was|has been)\b", stripped) and len(stripped) < 600:
        return True  # the author's bio
    return any(p.search(stripped) for p in boilerplate_patterns())


def find_boilerplate(text: str, author: str | None = None) -> list[Span]:
    """The trailing run of furniture paragraphs, as one span, if it holds real furniture.

    Walks back from the end while paragraphs are furniture (a pattern, a separator line,
    the author's bio). A run of separators alone is not reported. A list of related
    headlines run into the story's last paragraph starts the span there.
    """
    blocks = paragraphs(text)
    limit = len(text) * (1 - _TAIL_SHARE)
    start = None
    found_pattern = False
    for b_start, b_end in reversed(blocks):
        if b_start < limit or not _is_furniture(text[b_start:b_end], author):
            break
        start = b_start
        found_pattern = found_pattern or not _SEPARATOR.match(text[b_start:b_end])
    # The story's last paragraph (the one before the furniture) may end in a related list.
    last = [b for b in blocks if start is None or b[1] <= start][-1:]
    related = [m for b_start, b_end in last for pattern in (_RUN_IN_RELATED, _RUN_IN_APPEALS)
               for m in pattern.finditer(text, b_start, b_end) if m.start() >= limit]
    related.sort(key=lambda m: m.start())
    if related:
        return [(related[0].start() + len(related[0].group()) - len(related[0].group().lstrip()),
                 len(text.rstrip()))]
    if start is None or not found_pattern:
        return []
    return [(start, len(text.rstrip()))]


def read_text_metadata(text: str) -> TextMetadata:
    """Dateline, title (with a trailing author name) and boilerplate of a plain text."""
    meta = TextMetadata()
    blocks = paragraphs(text)
    index = 0
    if blocks:
        first = text[blocks[0][0]:blocks[0][1]]
        if "\n" not in first and (day := parse_dateline(first)):
            meta.published = day.isoformat()
            index = 1
    if index < len(blocks) and len(blocks) - index > 1:
        line = text[blocks[index][0]:blocks[index][1]].strip()
        byline = None
        if index + 1 < len(blocks):
            byline = _BYLINE.match(text[blocks[index + 1][0]:blocks[index + 1][1]])
        if "\n" not in line and len(line) <= _MAX_TITLE and not line.endswith((",", ";", ":")) \
                and (index == 1 or _looks_like_headline(line)):
            meta.title, meta.author = split_author(line)
            if byline:
                meta.author = byline.group("name")
    meta.boilerplate = find_boilerplate(text, meta.author)
    return meta
