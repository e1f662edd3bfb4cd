"""CSV and JSON Lines dumps: one document per row, columns named by options or guessed.

A malformed row (wrong field count, bad JSON, no text) becomes a `ReadFailure` naming the
file and line; the other rows are still read.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import dateparser

from .base import Article, ReadFailure
from .text import article_from_text

# Column names tried in order when the user names none (the shared corpora use
# text/doc_text/full_text, date, title, source).
TEXT_COLUMNS = ("text", "doc_text", "full_text", "body", "content", "article", "story")
DATE_COLUMNS = ("published", "date", "pub_date", "publication_date", "datetime", "timestamp")
TITLE_COLUMNS = ("title", "headline")
AUTHOR_COLUMNS = ("author", "byline", "authors")
OUTLET_COLUMNS = ("outlet", "source", "publisher", "sitename", "site")
ID_COLUMNS = ("id", "doc_id", "url", "")


@dataclass(frozen=True)
class TableOptions:
    text_column: str | None = None
    date_column: str | None = None
    title_column: str | None = None


DEFAULT_TABLE_OPTIONS = TableOptions()


def _pick(columns: list[str], named: str | None, candidates: tuple[str, ...]) -> str | None:
    if named:
        return named
    lowered = {c.lower(): c for c in columns}
    return next((lowered[c] for c in candidates if c in lowered), None)


def _iso_date(value: object) -> str | None:
    if value in (None, ""):
        return None
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        parsed = dateparser.parse(text, languages=["en"])
        return parsed.date().isoformat() if parsed else None


_NUMERIC_DATE = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}\s*$")


def _ambiguous(value: object) -> bool:
    """01/02/2020: 1 February or January 2? Both readings are dates, and nothing in one cell
    says which the file means, so it is refused rather than read one way in silence."""
    match = _NUMERIC_DATE.match(str(value)) if isinstance(value, str) else None
    return match is not None and match[1] != match[2] and int(match[1]) <= 12 and int(match[2]) <= 12


def _article(row: dict, columns: list[str], options: TableOptions, where: str
             ) -> Article | ReadFailure:
    text_col = _pick(columns, options.text_column, TEXT_COLUMNS)
    if text_col is None or text_col not in row:
        looked = options.text_column or ", ".join(TEXT_COLUMNS)
        return ReadFailure(where, f"no text column (looked for {looked}; name it with --text-column)")
    text = row.get(text_col)
    if text is not None and not isinstance(text, str):
        kind = {bool: "a boolean", int: "a number", float: "a number", list: "a list", dict: "an object"}
        return ReadFailure(where, f"column {text_col!r} holds {kind.get(type(text), 'a value')}, not text",
                           code="S101")
    if not text or not text.strip():
        return ReadFailure(where, f"empty text in column {text_col!r}", code="S101")

    def get(named: str | None, candidates: tuple[str, ...]) -> str | None:
        col = _pick(columns, named, candidates)
        value = row.get(col) if col else None
        return str(value).strip() if value not in (None, "") else None

    date_col = _pick(columns, options.date_column, DATE_COLUMNS)
    if date_col and _ambiguous(row.get(date_col)):
        return ReadFailure(where, f"ambiguous date {row.get(date_col)!r} in column {date_col!r} "
                                  "(day/month or month/day?): write it YYYY-MM-DD", code="S101")
    published = _iso_date(row.get(date_col)) if date_col else None
    if date_col and row.get(date_col) not in (None, "") and published is None:
        return ReadFailure(where, f"unreadable date {row.get(date_col)!r} in column {date_col!r}",
                           code="S101")
    return article_from_text(
        text, where, title=get(options.title_column, TITLE_COLUMNS),
        author=get(None, AUTHOR_COLUMNS), outlet=get(None, OUTLET_COLUMNS), published=published,
    )


def read_csv(text: str, source: str, options: TableOptions, delimiter: str = ","
             ) -> Iterator[Article | ReadFailure]:
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    columns = list(reader.fieldnames or [])
    if not columns:
        yield ReadFailure(source, "CSV file without a header row")
        return
    rows = 0
    start = reader.line_num + 1  # the line the next row starts on (a quoted cell spans lines)
    try:
        for row in reader:
            rows += 1
            where = f"{source}:{start}"
            start = reader.line_num + 1
            if None in row or any(v is None for v in row.values()):
                got = len(columns) + len(row.get(None) or []) - sum(v is None for v in row.values())
                yield ReadFailure(where, f"malformed CSV row: {got} fields, header has {len(columns)}",
                                  code="S101")
                continue
            yield _article(row, columns, options, where)
    except csv.Error as exc:
        yield ReadFailure(f"{source}:{start}", f"malformed CSV from this line on: {exc} (a quote opened "
                          "here and never closed?); rest of file skipped", code="S101")
        return
    if not rows:
        yield ReadFailure(source, "CSV file has a header row but no rows")


def read_jsonl(text: str, source: str, options: TableOptions) -> Iterator[Article | ReadFailure]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ReadFailure(where, f"malformed JSON line: {exc.msg}", code="S101")
            continue
        except RecursionError:  # 100,000 nested brackets: this line fails, the file goes on
            yield ReadFailure(where, "malformed JSON line: nested too deeply", code="S101")
            continue
        if not isinstance(row, dict):
            yield ReadFailure(where, "JSON line is not an object", code="S101")
            continue
        yield _article(row, list(row), options, where)


csv.field_size_limit(64 * 1024 * 1024)  # long articles exceed the 128 KiB default
