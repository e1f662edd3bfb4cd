"""HTML pages: trafilatura extracts the main text and the page's metadata.

`doc.text` is the extracted main text (DESIGN.md §1), so spans index that text, not the
markup. Boilerplate that trafilatura already dropped is simply not there.
"""

from __future__ import annotations

import lxml.etree
import trafilatura

from ..errors import ReadError
from .base import Article, day_or_none
from .text import article_from_text


def article_from_html(html: str, source: str) -> Article:
    try:
        extracted = trafilatura.bare_extraction(
            html, url=source if source.startswith(("http://", "https://")) else None,
            with_metadata=True, include_comments=False, include_tables=False,
            favor_precision=True,
        )
    except (ValueError, lxml.etree.LxmlError) as exc:  # markup lxml cannot make a tree of
        raise ReadError(f"HTML page unreadable: {exc}", source=source) from exc
    extracted = extracted.as_dict() if extracted is not None else None  # type: ignore[union-attr]
    if not extracted or not (extracted.get("text") or "").strip():
        raise ReadError("HTML page without extractable main text", source=source)
    published = extracted.get("date")
    return article_from_text(
        extracted["text"], source, title=extracted.get("title"),
        author=extracted.get("author"), outlet=extracted.get("sitename"),
        published=day_or_none(published),
    )
