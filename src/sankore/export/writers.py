"""CSV, JSONL and Parquet writers: rows streamed in, one file out, written whole or not at all."""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterator
from pathlib import Path

ARROW_TYPES = {"str": "string", "int": "int64", "float": "float64"}


def write_csv(path: Path, columns: list[str], batches: Iterator[list[dict]], *, header: bool = True,
              delimiter: str = ",") -> int:
    count = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, columns, delimiter=delimiter, extrasaction="ignore")
        if header:
            writer.writeheader()
        for batch in batches:
            writer.writerows(batch)
            count += len(batch)
    return count


def write_jsonl(path: Path, columns: list[str], batches: Iterator[list[dict]]) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for batch in batches:
            for row in batch:
                out.write(json.dumps({c: row.get(c) for c in columns}, ensure_ascii=False) + "\n")
            count += len(batch)
    return count


def write_parquet(path: Path, columns: list[str], batches: Iterator[list[dict]],
                  types: dict[str, str]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    # The schema is fixed up front: a column empty in the first batch keeps its type.
    schema = pa.schema([(c, pa.type_for_alias(ARROW_TYPES[types[c]])) for c in columns])
    count = 0
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        for batch in batches:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
        if count == 0:  # an empty table is still a readable file with its columns
            writer.write_table(schema.empty_table())
    return count


def atomic(path: Path):
    """A temporary path beside `path`, renamed over it by `commit` (so a failed export never
    leaves half a file where a reader expects a whole one)."""
    temporary = path.with_name(f".{path.name}.part")

    def commit() -> None:
        os.replace(temporary, path)

    return temporary, commit
