"""Ray engine benchmark (issue 19): the same ingest with `--workers 2` (local processes) and
`--engine ray --workers 2` (a local Ray cluster of 2 CPUs), each into a new SQLite file,
and the PostgreSQL write rate that a projection to N nodes rests on. Prints JSON.

    python benchmarks/ray_bench.py --docs 40 --rounds 2 \\
        --input ../shared/data/corpus/guardian/Guardian_SDF_sample.csv \\
        --postgres postgresql://postgres@localhost:55437/postgres --records sqlite:////tmp/guardian.db
    # what the Ray driver holds for its inputs, before (a list of every article) and now (paths)
    python benchmarks/ray_bench.py --input - --driver-inputs ../shared/data/corpus/guardian \\
        ../shared/data/corpus/india_police_events/docs.jsonl ../shared/data/corpus/seed
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import statistics
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


def driver_inputs(paths: list[Path]) -> dict:
    """What the Ray driver held for its inputs, measured with tracemalloc (peak bytes of
    Python objects): before, every new article and its JSON item, built before handing them
    to Ray Data (`ray.data.from_items`); now, the absolute paths, read by Ray Data tasks."""
    import tracemalloc
    from dataclasses import asdict

    from sankore.ingest.chunks import new_chunks, read_items
    from sankore.ingest.ray_engine import _split
    from sankore.ingest.summary import IngestSummary, Progress
    from sankore.readers import DEFAULT_TABLE_OPTIONS

    def before() -> int:
        articles = [a for chunk in new_chunks(read_items(paths, DEFAULT_TABLE_OPTIONS), lambda _: False, None,
                                              IngestSummary(), lambda _: None, Progress(False, None), 16)
                    for a in chunk]
        items = [{"article": json.dumps(asdict(a), ensure_ascii=False)} for a in articles]
        return len(items)

    figures = {}
    for name, step in (("before_list_of_articles", before), ("now_paths", lambda: len(_split(paths)[0]))):
        tracemalloc.start()
        count = step()
        figures[name] = {"items": count, "peak_mb": round(tracemalloc.get_traced_memory()[1] / 2**20, 1)}
        tracemalloc.stop()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--input", type=Path, required=True)
    parser.add_argument("--docs", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=1, help="runs of each engine, in alternating order")
    parser.add_argument("--postgres")
    parser.add_argument("--records", help="a store whose records are written to PostgreSQL to time it")
    parser.add_argument("--driver-inputs", type=Path, nargs="*", metavar="PATH",
                        help="only measure what the driver holds for these inputs, before and now")
    args = parser.parse_args()
    if args.driver_inputs:
        print(json.dumps(driver_inputs(args.driver_inputs), indent=1))
        return
    figures: dict = {"local_workers_2": [], "ray_workers_2": []}
    engines = {"local_workers_2": {}, "ray_workers_2": {"engine": "ray"}}
    with tempfile.TemporaryDirectory() as folder:
        path = _subset(args.input, args.docs, Path(folder))
        for run in range(args.rounds):
            # Rounds alternate the order (local, ray; ray, local; …): what the machine does
            # meanwhile, and the second run's warm caches, weigh on both engines alike.
            for name in sorted(engines, reverse=run % 2 == 1):
                figures[name].append(_timed(path, f"sqlite:///{folder}/{name}{run}.db", workers=2,
                                            batch_size=4, **engines[name]))
    local, ray = (statistics.mean(r["seconds"] for r in figures[n])
                  for n in ("local_workers_2", "ray_workers_2"))
    figures["ray_over_local"] = round(ray / local, 3)
    figures["overhead_per_document_s"] = round((ray - local) / args.docs, 3)
    if args.postgres and args.records:
        figures["postgres_write"] = postgres_rate(args.records, args.postgres)
    print(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
