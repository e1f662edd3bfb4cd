"""Readers: paths, folders, standard input and strings in; `Article`s (or failures) out.

One reader per input kind, chosen by file extension (then by content for unknown ones).
Every failure names its file (and line, for tables) and the reason; the batch goes on.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import ReadError
from .base import Article, ReadFailure, document_id
from .decode import decode
from .feeds import read_feed
from .html import article_from_html
from .tables import DEFAULT_TABLE_OPTIONS, TableOptions, read_csv, read_jsonl
from .text import article_from_text
from .warc import read_warc

__all__ = ["DEFAULT_TABLE_OPTIONS", "Article", "ReadFailure", "TableOptions", "document_id", "read_sources",
           "read_path", "article_from_text"]

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
CSV_SUFFIXES = {".csv", ".tsv"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
WARC_SUFFIXES = {".warc", ".warc.gz", ".arc", ".arc.gz"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
KNOWN = TEXT_SUFFIXES | HTML_SUFFIXES | CSV_SUFFIXES | JSONL_SUFFIXES | WARC_SUFFIXES | FEED_SUFFIXES
MAX_BYTES = 50 * 1024 * 1024  # a single "article" larger than this is not an article


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:500].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in text)


def _looks_like_feed(data: bytes) -> bool:
    head = data.lstrip()[:2000].lower()
    return head.startswith((b"<?xml", b"<rss", b"<feed")) and (b"<rss" in head or b"<feed" in head)


def _suffix(path: Path) -> str:
    """The reader-deciding suffix: ".warc.gz" counts whole, as one kind."""
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    if len(suffixes) == 2 and suffixes[1] == ".gz":
        return "".join(suffixes)
    return suffixes[-1] if suffixes else ""


def read_bytes(data: bytes, source: str, suffix: str, options: TableOptions
               ) -> Iterator[Article | ReadFailure]:
    if suffix in WARC_SUFFIXES:
        yield from read_warc(io.BytesIO(data), source)
        return
    if suffix in FEED_SUFFIXES or _looks_like_feed(data):
        yield from read_feed(data, source)
        return
    try:
        text = decode(data, source)
    except ReadError as exc:
        yield ReadFailure(source, exc.reason, exc.code)
        return
    if suffix in CSV_SUFFIXES:
        yield from read_csv(text, source, options, delimiter="\t" if suffix == ".tsv" else ",")
    elif suffix in JSONL_SUFFIXES:
        yield from read_jsonl(text, source, options)
    elif suffix in HTML_SUFFIXES or _looks_like_html(text):
        try:
            yield article_from_html(text, source)
        except ReadError as exc:
            yield ReadFailure(source, exc.reason, exc.code)
    else:
        yield article_from_text(text, source)


def read_path(path: Path, options: TableOptions = DEFAULT_TABLE_OPTIONS
              ) -> Iterator[Article | ReadFailure]:
    """Read one file, or every known file under a folder (sorted, hidden files skipped)."""
    source = str(path)
    if not path.exists():
        yield ReadFailure(source, "no such file or directory")
        return
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file()
                       and not any(part.startswith(".") for part in p.relative_to(path).parts)
                       and _suffix(p) in KNOWN)
        if not files:
            yield ReadFailure(source, "folder holds no readable files "
                                      "(.txt, .html, .csv, .jsonl, .warc, .rss/.atom)")
        for file in files:
            yield from read_path(file, options)
        return
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            yield ReadFailure(source, f"file too large ({size} bytes, limit {MAX_BYTES})")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield ReadFailure(source, exc.strerror or str(exc))
        return
    yield from read_bytes(data, source, _suffix(path), options)


def read_sources(sources: Iterable[str | Path], options: TableOptions = DEFAULT_TABLE_OPTIONS
                 ) -> Iterator[Article | ReadFailure]:
    """Read CLI-style sources: paths, folders, and "-" for standard input (as text)."""
    for source in sources:
        if str(source) == "-":
            yield from read_bytes(sys.stdin.buffer.read(), "<stdin>", ".txt", options)
        else:
            yield from read_path(Path(source), options)
