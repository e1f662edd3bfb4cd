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


# What the first cell of a row looks like when it is a key: a number, a URL, a date, a hex id.
_KEY_SHAPES = (re.compile(r"\d+\Z"), re.compile(r"https?://\S+\Z", re.IGNORECASE),
               re.compile(r"\d{4}-\d{2}-\d{2}\S*\Z"), re.compile(r"[0-9a-fA-F][0-9a-fA-F-]{7,}\Z"))


def _key_shape(value: str) -> int | None:
    return next((n for n, shape in enumerate(_KEY_SHAPES) if shape.match(value.strip())), None)


def _swallowed_row(first: str, lines: list[str], columns: int, delimiter: str) -> int | None:
    """The number (0-based, within `lines`) of a line inside one multi-line CSV row that reads
    as a row of its own: as many fields as the header, and a first cell shaped like the row's
    own key (an id, a URL, a date). A quote left open on one row and closed on a later one
    makes the csv module read all the rows between as one, without an error; a line break
    inside real article text does not begin with the next row's key."""
    shape = _key_shape(first)
    if shape is None:
        return None
    for number, line in enumerate(lines[1:], start=1):
        fields = next(csv.reader([line.rstrip("\r\n")], delimiter=delimiter), [])
        if len(fields) == columns and _key_shape(fields[0]) == shape:
            return number
    return None


def read_csv(text: str, source: str, options: TableOptions, delimiter: str = ","
             ) -> Iterator[Article | ReadFailure]:
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        columns = list(reader.fieldnames or [])
    except csv.Error as exc:  # found by benchmarks/fuzz_long.py: a quote in the header left open
        yield ReadFailure(f"{source}:1", f"malformed CSV header: {exc}", code="S101")
        return
    if not columns:
        yield ReadFailure(source, "CSV file without a header row")
        return
    lines: list[str] | None = None  # the file's lines as the reader counts them, when needed
    rows = 0
    start = reader.line_num + 1  # the line the next row starts on (a quoted cell spans lines)
    try:
        for row in reader:
            rows += 1
            first, end = start, reader.line_num
            where = f"{source}:{first}"  # an article's source: the line its row starts on
            lines_of = where if end == first else f"{where}-{end}"  # a failure names them all
            start = end + 1
            if None in row or any(v is None for v in row.values()):
                got = len(columns) + len(row.get(None) or []) - sum(v is None for v in row.values())
                yield ReadFailure(lines_of, f"malformed CSV row: {got} fields, header has {len(columns)}",
                                  code="S101")
                continue
            if end > first:
                lines = lines if lines is not None else io.StringIO(text, newline="").readlines()
                inner = _swallowed_row(row[columns[0]] or "", lines[first - 1:end], len(columns), delimiter)
                if inner is not None:
                    yield ReadFailure(lines_of, f"a quote opened on line {first} closes on line {end}, "
                                      f"taking in line {first + inner}, which reads as a row of its own: "
                                      "rows not read (check the quotes on these lines)", code="S101")
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
