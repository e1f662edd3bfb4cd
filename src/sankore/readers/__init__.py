"""Readers: paths, folders, standard input and strings in; `Article`s (or failures) out.

One reader per input kind, chosen by file extension (then by content for unknown ones).
Every failure names its file (and line, for tables) and the reason; the batch goes on.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import ReadError
from .base import Article, ReadFailure, document_id
from .decode import decode
from .html import article_from_html
from .tables import DEFAULT_TABLE_OPTIONS, TableOptions, read_csv, read_jsonl
from .text import article_from_text

__all__ = ["DEFAULT_TABLE_OPTIONS", "Article", "ReadFailure", "TableOptions", "document_id", "read_sources",
           "read_path", "article_from_text"]

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
CSV_SUFFIXES = {".csv", ".tsv"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
KNOWN = TEXT_SUFFIXES | HTML_SUFFIXES | CSV_SUFFIXES | JSONL_SUFFIXES
MAX_BYTES = 50 * 1024 * 1024  # a single "article" larger than this is not an article


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:500].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in text)


def read_bytes(data: bytes, source: str, suffix: str, options: TableOptions
               ) -> Iterator[Article | ReadFailure]:
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
                       and p.suffix.lower() in KNOWN)
        if not files:
            yield ReadFailure(source, "folder holds no readable files (.txt, .html, .csv, .jsonl)")
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
    yield from read_bytes(data, source, path.suffix.lower(), options)


def read_sources(sources: Iterable[str | Path], options: TableOptions = DEFAULT_TABLE_OPTIONS
                 ) -> Iterator[Article | ReadFailure]:
    """Read CLI-style sources: paths, folders, and "-" for standard input (as text)."""
    for source in sources:
        if str(source) == "-":
            yield from read_bytes(sys.stdin.buffer.read(), "<stdin>", ".txt", options)
        else:
            yield from read_path(Path(source), options)
