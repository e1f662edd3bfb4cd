"""Plain text: the decoded input is `doc.text`, unchanged; metadata comes from the text."""

from __future__ import annotations

from .base import Article
from .metadata import read_text_metadata


def article_from_text(text: str, source: str | None = None, *, title: str | None = None,
                      author: str | None = None, outlet: str | None = None,
                      published: str | None = None) -> Article:
    """An `Article` for `text`; what the caller gives wins over what the text says."""
    meta = read_text_metadata(text)
    return Article(
        text=text, source=source, title=title or meta.title, author=author or meta.author,
        outlet=outlet, published=published or meta.published, boilerplate=meta.boilerplate,
    )
