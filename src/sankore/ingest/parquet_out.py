"""`ingest --engine ray --out DIR`: records written to a Parquet dataset instead of a database.

One row per record, a part file per few hundred records: `doc_id`, `published`, `outlet`,
`source`, `title` (the columns of the export's `documents` table, to filter on without
parsing) and `record`, the whole sankore/1 record as JSON (`Record.from_dict(json.loads(…))`
reads it back). Read the dataset with `pyarrow.dataset.dataset(DIR)` or
`pandas.read_parquet(DIR)`.

Exactly once by document id: the ids already in DIR are read first and their documents
skipped (a rerun writes only what is missing); a document analysed twice in one run (two
copies in the inputs, or a batch Ray retried after a worker died) is written once. Each part
is written whole or not at all (`atomic_output`: a temporary file renamed at the end), so a
run killed mid-write leaves only whole parts, and the next run finds their ids.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from ..errors import OutputError
from ..export.writers import write_parquet
from ..output import atomic_output

COLUMNS = ["doc_id", "published", "outlet", "source", "title", "record"]
TYPES = dict.fromkeys(COLUMNS, "str")
PART_ROWS = 500  # records per part file: the driver holds at most this many
PATTERN = "part-*.parquet"


def known_ids(out: Path) -> set[str]:
    """The document ids already written to `out` (created if missing)."""
    import pyarrow.parquet as pq

    if out.exists() and not out.is_dir():
        raise OutputError("--out must be a folder for the Parquet dataset, and this is a file",
                          source=str(out))
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"cannot create the folder: {error.strerror or error}", source=str(out)) from error
    ids: set[str] = set()
    for part in sorted(out.glob(PATTERN)):
        try:
            ids.update(pq.read_table(part, columns=["doc_id"]).column("doc_id").to_pylist())
        except Exception as error:  # pyarrow raises several classes for a file that is not Parquet
            raise OutputError(f"not a part of a Sankore dataset ({error}): move it out of the folder",
                              source=str(part)) from error
    return ids


class PartWriter:
    """Collects record rows and writes them in parts of `PART_ROWS`, each one atomically."""

    def __init__(self, out: Path, written: set[str]) -> None:
        self.out = out
        self.written = written  # ids in the dataset: before this run, and written by it
        self.rows: list[dict] = []
        self.prefix = uuid.uuid4().hex[:12]  # parts of two runs never share a name
        self.parts = 0

    def add(self, doc_id: str, record: str) -> bool:
        """Queue a record (sankore/1 JSON); False if its document is already in the dataset."""
        if doc_id in self.written:
            return False
        self.written.add(doc_id)
        doc = json.loads(record)["doc"]
        self.rows.append({"doc_id": doc_id, "published": doc.get("published"), "outlet": doc.get("outlet"),
                          "source": doc.get("source"), "title": doc.get("title"), "record": record})
        if len(self.rows) >= PART_ROWS:
            self.flush()
        return True

    def flush(self) -> None:
        if not self.rows:
            return
        path = self.out / f"part-{self.prefix}-{self.parts:05d}.parquet"
        with atomic_output(path, binary=True) as handle:
            write_parquet(handle, COLUMNS, iter([self.rows]), TYPES)
        self.parts += 1
        self.rows = []
