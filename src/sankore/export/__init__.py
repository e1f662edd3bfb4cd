"""Exports of a store: CSV, JSONL, Parquet, and events in the GDELT 2.0 event-table layout.

    with open_store("sqlite:///sankore.db") as store:
        export(store, "parquet", Path("events.parquet"), table="events")

Rows stream from the database in batches, so an export needs no more memory than a batch;
the file is written beside its target and renamed at the end, whole or not at all.
"""

from __future__ import annotations

from pathlib import Path

from . import gdelt
from .tables import TABLES, QueryStore, rows
from .writers import atomic, write_csv, write_jsonl, write_parquet

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
    temporary, commit = atomic(Path(path))
    try:
        if fmt == "gdelt":
            count = write_csv(temporary, gdelt.COLUMNS, gdelt.gdelt_rows(store), header=False, delimiter="\t")
        else:
            columns, batches = rows(store, table)
            if fmt == "csv":
                count = write_csv(temporary, columns, batches)
            elif fmt == "jsonl":
                count = write_jsonl(temporary, columns, batches)
            else:
                count = write_parquet(temporary, columns, batches, TABLES[table].types)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    commit()
    return count
