"""WARC archives (warcio): every archived HTML response becomes a document.

The page's main text is extracted as for any HTML page; the capture date stands in for the
publication date when the page itself gives none. A record that cannot be read is a
failure naming the archive and the record's URL; the other records go on.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from ..errors import ReadError
from ..text import printable
from .base import Article, ReadFailure, day_or_none
from .decode import decode
from .html import article_from_html

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _is_archive(head: bytes) -> bool:
    """WARC or ARC magic, after gunzip: warcio itself reads any text as ARC records."""
    if head[:2] == b"\x1f\x8b":
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
        except zlib.error:
            return False
    return head.startswith((b"WARC/", b"filedesc://"))


def read_warc(stream: BinaryIO, source: str) -> Iterator[Article | ReadFailure]:
    head = stream.read(4096)
    stream.seek(0)
    if not _is_archive(head):
        yield ReadFailure(source, "not a readable WARC archive: no WARC header")
        return
    seen = reported = 0
    last: ArcWarcRecord | None = None
    archive = ArchiveIterator(stream)
    try:
        for record in archive:
            if last is not None and archive.err_count > reported:
                yield _overrun(last, source)
                reported = archive.err_count
            last = record
            if record.rec_type is None or record.rec_headers is None:
                # warcio yields a headerless record for bytes that are no WARC record at all
                yield ReadFailure(source, "not a readable WARC archive: a record without WARC headers")
                return
            seen += 1
            length = record.rec_headers.get_header("Content-Length") or ""
            if not length.strip().isdigit():
                # warcio reads an unparseable length as 0 and goes on: the headers are corrupt
                # (a damaged gzip member inflates to garbage) and the record's bytes are lost.
                yield ReadFailure(_where(record, source), "not a readable WARC archive: corrupt "
                                  f"record headers (Content-Length {printable(length)[:40]!r})")
                return
            if record.rec_type not in ("response", "resource"):
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI") or "?"
            where = _where(record, source)
            if record.rec_type == "response":
                if record.http_headers is None or record.http_headers.get_statuscode() != "200":
                    continue
                content_type = record.http_headers.get_header("Content-Type") or ""
            else:
                content_type = record.rec_headers.get_header("Content-Type") or ""
            if not content_type.startswith(_HTML_TYPES):
                continue
            content = record.content_stream().read()
            if _missing(record):
                # Fewer bytes than its Content-Length: the archive is cut short here. Half a
                # page is not analysed as if it were the page, and what follows is gone.
                yield _truncated(record, source)
                return
            try:
                html = decode(content, where)
                article = article_from_html(html, uri)
            except ReadError as exc:
                yield ReadFailure(where, exc.reason, exc.code)
                continue
            if article.published is None:
                captured = record.rec_headers.get_header("WARC-Date")
                article.published = day_or_none(captured)
            yield article
    except (ArchiveLoadFailed, OSError, EOFError, zlib.error) as exc:
        # warcio quotes the bytes it choked on: shown escaped, never raw on a terminal
        yield ReadFailure(source, f"not a readable WARC archive: {printable(str(exc))[:200]}")
        return
    except (AttributeError, TypeError, ValueError, IndexError, KeyError) as exc:
        # warcio's header parsers fail this way on corrupt headers (the fuzz harness found a
        # record without its target URI raising AttributeError): the archive is unreadable.
        yield ReadFailure(source, f"not a readable WARC archive: corrupt record headers "
                                  f"({type(exc).__name__}: {printable(str(exc))[:120]})")
        return
    if not seen:
        yield ReadFailure(source, "not a readable WARC archive: no records found")
    elif last is not None and _missing(last):
        # A record skipped above (not a page, or its HTTP head cut into garbage) can be the one
        # the archive ends inside: warcio drained it without a word, so say what was lost.
        yield _truncated(last, source)
    elif last is not None and archive.err_count > reported:
        yield _overrun(last, source)


def _where(record: ArcWarcRecord, source: str) -> str:
    uri = record.rec_headers.get_header("WARC-Target-URI") if record.rec_headers else None
    return f"{source}#{uri or '?'}"


def _overrun(record: ArcWarcRecord, source: str) -> ReadFailure:
    # warcio only warns on stderr (and counts) when a record's Content-Length does not end at
    # the blank line that closes it: what follows was garbage or a corrupt gzip member, and
    # warcio skipped a line of it. A record whose skip went unreported would vanish silently.
    return ReadFailure(_where(record, source), "not a readable WARC archive: corrupt data after "
                                               "this record (its Content-Length does not end it)")


def _missing(record: ArcWarcRecord) -> int:
    """Bytes of the record's Content-Length the archive did not hold (0 when complete)."""
    return int(getattr(record.raw_stream, "limit", 0) or 0)


def _truncated(record: ArcWarcRecord, source: str) -> ReadFailure:
    return ReadFailure(_where(record, source), "WARC archive truncated inside this record "
                                               f"({_missing(record)} bytes missing); rest of archive lost")
