"""Readers: paths, folders, standard input and strings in; `Article`s (or failures) out.

One reader per input kind, chosen by file extension (then by content for unknown ones).
Every failure names its file (and line, for tables) and the reason; the batch goes on.
"""

from __future__ import annotations

import io
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import ReadError
from .base import Article, ReadFailure, document_id, publication_date
from .decode import decode
from .feeds import read_feed
from .html import article_from_html
from .tables import DEFAULT_TABLE_OPTIONS, TableOptions, read_csv, read_jsonl
from .text import article_from_text
from .warc import read_warc

__all__ = ["DEFAULT_TABLE_OPTIONS", "Article", "ReadFailure", "TableOptions", "document_id", "read_sources",
           "read_path", "article_from_text", "publication_date", "source_name"]

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


def source_name(path: Path) -> str:
    """`path` as text that prints and encodes as UTF-8: the bytes of a file name that are not
    UTF-8 (which Python keeps as lone surrogates) become \\xNN escapes. A record's `source`
    and every failure use it, so one odd name cannot stop a run's output."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _unreadable_link(path: Path) -> str | None:
    """Why a symbolic link cannot be followed (dangling, a loop), or None."""
    if not path.is_symlink():
        return None
    try:
        path.stat()
    except FileNotFoundError:
        return "dangling symbolic link: its target does not exist"
    except OSError as exc:
        return f"symbolic link cannot be followed: {exc.strerror or exc}"
    return None


def _listed(folder: Path) -> list[Path]:
    """The readable files under `folder` (hidden ones skipped), and the links that cannot be
    followed, which are reported rather than skipped in silence."""
    found = []
    for p in folder.rglob("*"):
        if any(part.startswith(".") for part in p.relative_to(folder).parts):
            continue
        if (p.is_file() and _suffix(p) in KNOWN) or _unreadable_link(p):
            found.append(p)
    return sorted(found)


def read_path(path: Path, options: TableOptions = DEFAULT_TABLE_OPTIONS
              ) -> Iterator[Article | ReadFailure]:
    """Read one file, or every known file under a folder (sorted, hidden files skipped)."""
    source = source_name(path)
    broken = _unreadable_link(path)
    if broken:
        yield ReadFailure(source, broken)
        return
    if not path.exists():
        yield ReadFailure(source, "no such file or directory")
        return
    if path.is_dir():
        files = _listed(path)
        if not files:
            yield ReadFailure(source, "folder holds no readable files "
                                      "(.txt, .html, .csv, .jsonl, .warc, .rss/.atom)")
        for file in files:
            yield from read_path(file, options)
        return
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            # A FIFO would block the run forever waiting for a writer; a device never ends.
            yield ReadFailure(source, "not a regular file (a FIFO, device or socket): not read")
            return
        if info.st_size > MAX_BYTES:
            yield ReadFailure(source, f"file too large ({info.st_size} bytes, limit {MAX_BYTES})")
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
