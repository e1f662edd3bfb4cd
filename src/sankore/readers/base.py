"""What every reader yields: an `Article` (text plus metadata) or a `ReadFailure`."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from ..records import Document, Span

# Publication dates Sankore accepts: relative times ("last week", "in 2,000 years") are
# resolved against the date, and must stay inside what a calendar date can hold.
EARLIEST, LATEST = date(1000, 1, 1), date(8999, 12, 31)


def publication_date(value: str | date) -> date:
    """`value` (a date or YYYY-MM-DD) as a date in [EARLIEST, LATEST], or `ValueError` saying
    what is wrong."""
    if not isinstance(value, date):
        try:
            value = date.fromisoformat(str(value))
        except ValueError:
            raise ValueError(f"{value!r} is not a date in YYYY-MM-DD form") from None
    if not EARLIEST <= value <= LATEST:
        raise ValueError(f"{value.isoformat()} is outside the dates Sankore accepts "
                         f"({EARLIEST.isoformat()} to {LATEST.isoformat()})")
    return value


def day_or_none(value: str | None) -> str | None:
    """`value`'s first ten characters when they are a date Sankore accepts, else None: a date
    a file only carries in a header (a WARC record's capture date) is metadata to keep when
    it is sound, never a reason to fail the text (the long fuzz run gave '2024-01--2')."""
    try:
        return publication_date(value[:10]).isoformat() if value else None
    except ValueError:
        return None


@dataclass
class Article:
    """A document as read, before analysis. `text` is what spans will index."""

    text: str
    source: str | None = None
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    published: str | None = None  # YYYY-MM-DD
    boilerplate: list[Span] = field(default_factory=list)

    def __post_init__(self) -> None:
        # A lone surrogate (a JSON "\\ud800", a str built in Python) cannot be encoded,
        # so spaCy and every UTF-8 writer would fail on it. U+FFFD takes its place: one code
        # point for one, so every offset into the text stays where it was.
        if _SURROGATE.search(self.text):
            self.text = _SURROGATE.sub("\ufffd", self.text)

    def document(self) -> Document:
        return Document(
            id=document_id(self.text), source=self.source, title=self.title,
            author=self.author, outlet=self.outlet, published=self.published, text=self.text,
        )


@dataclass
class ReadFailure:
    """A file or row that could not be read, with the reason; the batch goes on."""

    source: str
    reason: str
    code: str = "S100"

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


_SPACE = re.compile(r"\s+")
_SURROGATE = re.compile("[\ud800-\udfff]")


def document_id(text: str) -> str:
    """Content hash of the normalized text, so the same article always gets the same id.

    Normalization (NFKC, collapsed whitespace, case-folded) makes a re-encoded or
    re-wrapped copy of an article collide with the original, as DESIGN.md §2 asks.
    """
    normal = _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:16]
