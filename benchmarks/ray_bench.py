"""Ray engine benchmark (issue 19): the same ingest with `--workers 2` (local processes) and
`--engine ray --workers 2` (a local Ray cluster of 2 CPUs), each into a new SQLite file,
and the PostgreSQL write rate that a projection to N nodes rests on. Prints JSON.

    python benchmarks/ray_bench.py --docs 40 \\
        --input ../shared/data/corpus/guardian/Guardian_SDF_sample.csv \\
        --postgres postgresql://postgres@localhost:55437/postgres --records sqlite:////tmp/guardian.db
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from sankore.ingest import ingest
from sankore.store import open_store


def _subset(source: Path, docs: int, folder: Path) -> Path:
    path = folder / "docs.csv"
    with source.open(encoding="utf-8") as handle, path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["date", "text", "source"])
        for row in itertools.islice(csv.DictReader(handle), docs):
            writer.writerow([row["date"], row["text"], row["source"]])
    return path


def _timed(path: Path, url: str, **options) -> dict:
    started = time.perf_counter()
    summary = ingest([path], url, progress=False, **options)
    return {"seconds": round(time.perf_counter() - started, 1), "stored": summary.stored,
            "failed": len(summary.failed)}


def postgres_rate(records_url: str, postgres: str) -> dict:
    import psycopg

    with open_store(records_url) as source:
        records = [source.get(i) for i in source.doc_ids()]
    name = f"sankore_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(postgres, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    try:
        url = urlunsplit(urlsplit(postgres)._replace(path=f"/{name}"))
        with open_store(url) as store:
            started = time.perf_counter()
            for record in records:
                store.add(record)
            seconds = time.perf_counter() - started
            rows = sum(store.query(f"SELECT count(*) FROM {t}")[0][0] for t in (
                "documents", "entities", "entity_mentions", "places", "times", "quotes", "events",
                "event_participants", "framing", "sentences", "evidence"))
    finally:
        with psycopg.connect(postgres, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    return {"documents": len(records), "seconds": round(seconds, 2),
            "documents_per_s": round(len(records) / seconds, 1), "rows_per_s": round(rows / seconds)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--input", type=Path, required=True)
    parser.add_argument("--docs", type=int, default=40)
    parser.add_argument("--postgres")
    parser.add_argument("--records", help="a store whose records are written to PostgreSQL to time it")
    args = parser.parse_args()
    figures: dict = {}
    with tempfile.TemporaryDirectory() as folder:
        path = _subset(args.input, args.docs, Path(folder))
        figures["local_workers_2"] = _timed(path, f"sqlite:///{folder}/local.db", workers=2, batch_size=4)
        figures["ray_workers_2"] = _timed(path, f"sqlite:///{folder}/ray.db", engine="ray", workers=2,
                                          batch_size=4)
    local, ray = figures["local_workers_2"]["seconds"], figures["ray_workers_2"]["seconds"]
    figures["ray_over_local"] = round(ray / local, 3)
    figures["overhead_per_document_s"] = round((ray - local) / args.docs, 3)
    if args.postgres and args.records:
        figures["postgres_write"] = postgres_rate(args.records, args.postgres)
    print(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
