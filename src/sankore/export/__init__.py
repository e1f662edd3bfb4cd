"""Exports of a store: CSV, JSONL, Parquet, and events in the GDELT 2.0 event-table layout.

    with open_store("sqlite:///sankore.db") as store:
        export(store, "parquet", Path("events.parquet"), table="events")

Rows stream from the database in batches, so an export needs no more memory than a batch;
the file is written beside its target and renamed at the end, whole or not at all.
"""

from __future__ import annotations

from pathlib import Path

from ..output import atomic_output
from . import gdelt
from .tables import TABLES, QueryStore, rows
from .writers import write_csv, write_jsonl, write_parquet

FORMATS = ("csv", "jsonl", "parquet", "gdelt")
__all__ = ["FORMATS", "TABLES", "export"]


def export(store: QueryStore, fmt: str, path: Path, table: str = "events") -> int:
    """Write `table` of `store` to `path` in format `fmt`; returns the number of rows.

    `gdelt` exports events only (any other `table` is an error)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: expected one of {', '.join(FORMATS)}")
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}: expected one of {', '.join(TABLES)}")
    if fmt == "gdelt" and table != "events":
        raise ValueError("the GDELT layout is an event table: use --table events")
    # Written whole or not at all, never in place of a device or link (output.atomic_output).
    with atomic_output(path, binary=fmt == "parquet", newline="") as out:
        if fmt == "gdelt":
            return write_csv(out, gdelt.COLUMNS, gdelt.gdelt_rows(store), header=False, delimiter="\t",
                             lineterminator="\n")
        columns, batches = rows(store, table)
        if fmt == "csv":
            return write_csv(out, columns, batches)
        if fmt == "jsonl":
            return write_jsonl(out, columns, batches, TABLES[table].types)
        return write_parquet(out, columns, batches, TABLES[table].types)
