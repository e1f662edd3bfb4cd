"""CSV, JSONL and Parquet writers: rows streamed in, one file out, written whole or not at all.

Parquet and JSONL keep each column's type (tables.Table.types): a date is a date, a time a
UTC timestamp, a flag a boolean and a list a list, whatever the database stores them as
(SQLite keeps dates as text and flags as 0/1). CSV is text: a list is one cell, joined with ';'.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from datetime import date, datetime, timezone
from typing import IO, Any


def _date(value: Any) -> date | None:
    return value if isinstance(value, date) or value is None else date.fromisoformat(str(value)[:10])


def _timestamp(value: Any) -> datetime | None:
    if value is None:
        return None
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    # Sankore stores ingestion times in UTC; one without an offset is UTC, not local time.
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


_CONVERT: dict[str, Callable[[Any], Any]] = {
    "date": _date, "timestamp": _timestamp,
    "bool": lambda value: None if value is None else bool(value),
    "list": lambda value: None if value is None else list(value),
}


def typed(row: dict, types: dict[str, str]) -> dict:
    """`row` with each value in its column's type (dates, timestamps, booleans, lists)."""
    return {column: _CONVERT[kind](row.get(column)) if kind in _CONVERT else row.get(column)
            for column, kind in types.items()}


def _cell(value: Any) -> Any:
    return ";".join(map(str, value)) if isinstance(value, list) else value


def write_csv(out: IO[str], columns: list[str], batches: Iterator[list[dict]], *, header: bool = True,
              delimiter: str = ",", lineterminator: str = "\r\n") -> int:
    """`out` is opened with newline="" (the csv module writes its own line ends: CRLF as
    RFC 4180 asks, or "\n" for GDELT's files, whose lines end in LF)."""
    count = 0
    writer = csv.DictWriter(out, columns, delimiter=delimiter, extrasaction="ignore",
                            lineterminator=lineterminator)
    if header:
        writer.writeheader()
    for batch in batches:
        writer.writerows({k: _cell(v) for k, v in row.items()} for row in batch)
        count += len(batch)
    return count


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value  # a datetime is a date too


def write_jsonl(out: IO[str], columns: list[str], batches: Iterator[list[dict]],
                types: dict[str, str] | None = None) -> int:
    """One JSON object per row; with `types`, booleans and lists are JSON's own (dates stay
    ISO 8601 strings, which JSON has no type for)."""
    count = 0
    for batch in batches:
        for row in batch:
            values = typed(row, types) if types else {c: row.get(c) for c in columns}
            out.write(json.dumps({c: _json_value(values.get(c)) for c in columns}, ensure_ascii=False) + "\n")
        count += len(batch)
    return count


def write_parquet(out: IO[Any], columns: list[str], batches: Iterator[list[dict]],
                  types: dict[str, str]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    arrow = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(),
             "date": pa.date32(), "timestamp": pa.timestamp("us", tz="UTC"), "list": pa.list_(pa.string())}
    # The schema is fixed up front: a column empty in the first batch keeps its type.
    schema = pa.schema([(c, arrow[types[c]]) for c in columns])
    count = 0
    with pq.ParquetWriter(out, schema, compression="zstd") as writer:
        for batch in batches:
            writer.write_table(pa.Table.from_pylist([typed(row, types) for row in batch], schema=schema))
            count += len(batch)
        if count == 0:  # an empty table is still a readable file with its columns
            writer.write_table(schema.empty_table())
    return count
