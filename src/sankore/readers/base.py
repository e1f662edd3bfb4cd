"""What every reader yields: an `Article` (text plus metadata) or a `ReadFailure`."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

from ..records import Document, Span


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


def document_id(text: str) -> str:
    """Content hash of the normalized text, so the same article always gets the same id.

    Normalization (NFKC, collapsed whitespace, case-folded) makes a re-encoded or
    re-wrapped copy of an article collide with the original, as DESIGN.md §2 asks.
    """
    normal = _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:16]
