"""CSV, JSONL and Parquet writers: rows streamed in, one file out, written whole or not at all."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import IO, Any

ARROW_TYPES = {"str": "string", "int": "int64", "float": "float64"}


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
        writer.writerows(batch)
        count += len(batch)
    return count


def write_jsonl(out: IO[str], columns: list[str], batches: Iterator[list[dict]]) -> int:
    count = 0
    for batch in batches:
        for row in batch:
            out.write(json.dumps({c: row.get(c) for c in columns}, ensure_ascii=False) + "\n")
        count += len(batch)
    return count


def write_parquet(out: IO[Any], columns: list[str], batches: Iterator[list[dict]],
                  types: dict[str, str]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    # The schema is fixed up front: a column empty in the first batch keeps its type.
    schema = pa.schema([(c, pa.type_for_alias(ARROW_TYPES[types[c]])) for c in columns])
    count = 0
    with pq.ParquetWriter(out, schema, compression="zstd") as writer:
        for batch in batches:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
        if count == 0:  # an empty table is still a readable file with its columns
            writer.write_table(schema.empty_table())
    return count
