"""RSS and Atom feeds (feedparser): one document per entry that carries text.

Entries usually hold a summary or the full article as HTML; its text is extracted and
the entry's own title, author, date and link are the document's metadata, the feed's
title its outlet.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import feedparser
import lxml.etree
import lxml.html

from .base import Article, ReadFailure
from .text import article_from_text


def _entry_text(entry) -> str:
    html = entry.get("content", [{}])[0].get("value") if entry.get("content") else None
    html = html or entry.get("summary") or ""
    if "<" not in html:
        return html.strip()
    return html_fragment_text(html)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BLOCKS = {"p", "div", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "tr"}


def html_fragment_text(html: str) -> str:
    """Text of an HTML fragment, paragraphs separated by a blank line.

    trafilatura wants whole pages and returns nothing for a one-paragraph fragment; lxml
    reads fragments, so block ends are turned into paragraph breaks by hand here.
    """
    # lxml refuses text with C0 control characters (not XML); they carry nothing anyway.
    root = lxml.html.fragment_fromstring(_CONTROL.sub(" ", html), create_parent="div")
    for element in root.iter():
        if element.tag == "br":
            element.tail = "\n" + (element.tail or "")
        elif element.tag in _BLOCKS:
            element.tail = "\n\n" + (element.tail or "")
    text = root.text_content()
    return re.sub(r"\n{3,}", "\n\n", re.sub(r"[ \t]+\n", "\n", text)).strip()


def read_feed(data: bytes, source: str) -> Iterator[Article | ReadFailure]:
    feed = feedparser.parse(data)
    if feed.bozo and not feed.entries:
        yield ReadFailure(source, f"not a readable RSS/Atom feed: {feed.bozo_exception}")
        return
    outlet = feed.feed.get("title")
    for number, entry in enumerate(feed.entries, start=1):
        where = entry.get("link") or f"{source}#{number}"
        try:
            text = _entry_text(entry)
        except (ValueError, lxml.etree.LxmlError) as exc:  # HTML lxml cannot make a tree of
            yield ReadFailure(where, f"feed entry's HTML unreadable: {exc}", code="S101")
            continue
        if not text:
            yield ReadFailure(where, "feed entry without text", code="S101")
            continue
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        published = time.strftime("%Y-%m-%d", parsed) if parsed else None
        yield article_from_text(text, where, title=entry.get("title"), author=entry.get("author"),
                                outlet=outlet, published=published)
