"""Benchmark `sankore serve` on a store of 100,000 events built from real records.

    python benchmarks/web_bench.py [--events 100000] [--clients 20] [--seconds 60] [--workers 2]

1. Ingests the shared corpora once (seed article, Guardian sample, IndiaPoliceEvents; lexical
   event coder) into `--base` (kept between runs).
2. Copies that store and replicates its records with SQL inserts until it holds `--events`
   events: each copy gets new document ids ('<id>~<n>') and dates shifted by n weeks
   (publication dates and day-precise time values), everything else as stored.
   `--think S`: each client waits a random 0-2S seconds between requests, as a reader would.
3. Starts `sankore serve` on 127.0.0.1, and `--clients` concurrent clients (threads, one
   keep-alive connection each) request in turn: full-text search (/api/search), event
   filters (/api/events with type, actor, dates, radius, quad, outlet, text), and the
   reader page (/doc/ID) of a random document, for `--seconds`.
4. Prints JSON: per kind of request, count, errors, p50/p95/p99/max in milliseconds.

Not a test: the figures depend on the machine. Recorded ones are in the README.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "corpus"
CORPORA = [SHARED / "seed" / "aes_2025-04-30.txt", SHARED / "guardian" / "Guardian_SDF_sample.csv",
           SHARED / "india_police_events" / "docs.jsonl"]
SEARCHES = ["police", "Russia", "election", "Niger", "protest", "\"prime minister\"", "Syria", "arrested",
            "ceasefire", "minister", "Modi", "United Nations", "refugees", "Kashmir", "talks"]
FILTERS = [
    {"type": "ASSAULT"}, {"type": "CONSULT"}, {"actor": "RUS"}, {"actor": "IND GOV"}, {"target": "USA"},
    {"since": "2019-01-01", "until": "2019-06-30"}, {"near": "28.61,77.21", "radius": "200"},
    {"quad": "material_conflict"}, {"modality": "reported"}, {"outlet": "guardian"},
    {"q": "police", "type": "COERCE"}, {"type": "PROTEST", "since": "2002-01-01", "until": "2005-12-31"},
    {"actor": "IND", "quad": "verbal_cooperation"}, {"page": "5"},
]


def build_base(base: Path) -> None:
    if base.exists():
        return
    base.parent.mkdir(parents=True, exist_ok=True)
    print(f"ingesting the shared corpora into {base} (once)…", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "sankore.cli", "ingest", *map(str, CORPORA), "--db",
                    f"sqlite:///{base}", "--workers", "2", "--no-progress", "--event-coder", "lexical"],
                   check=True)


def replicate(base: Path, target: Path, events: int) -> dict[str, int]:
    """Copy `base` to `target` and replicate its records until it holds `events` events."""
    shutil.copy(base, target)
    conn = sqlite3.connect(target, isolation_level=None)
    have = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    copies = max(0, -(-events // have) - 1)
    tables = ["documents", "entities", "entity_mentions", "places", "times", "quotes", "events",
              "event_participants", "framing", "sentences", "evidence"]
    columns = {t: [r[1] for r in conn.execute(f"PRAGMA table_info({t})")] for t in tables}
    originals = [r[0] for r in conn.execute("SELECT id FROM documents")]
    conn.execute("CREATE TEMP TABLE originals (id TEXT PRIMARY KEY)")
    conn.executemany("INSERT INTO originals VALUES (?)", [(i,) for i in originals])
    for n in range(1, copies + 1):
        conn.execute("BEGIN")
        for table in tables:
            key = "id" if table == "documents" else "doc_id"
            select = []
            for column in columns[table]:
                if column == key:
                    select.append(f"{column} || '~{n}'")
                elif table == "documents" and column == "published":
                    select.append(f"date(published, '+{7 * n} days')")
                elif table == "times" and column == "value":
                    select.append(f"CASE WHEN length(value) = 10 AND date(value) IS NOT NULL "
                                  f"THEN date(value, '+{7 * n} days') ELSE value END")
                else:
                    select.append(column)
            conn.execute(f"INSERT INTO {table} ({', '.join(columns[table])}) SELECT {', '.join(select)} "
                         f"FROM {table} WHERE {key} IN (SELECT id FROM originals)")
        conn.execute("COMMIT")
        if n % 10 == 0:
            print(f"  copy {n} of {copies}", file=sys.stderr)
    conn.execute("ANALYZE")
    counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("documents", "events")}
    conn.close()
    return counts


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] if ordered else 0.0


def load(port: int, doc_ids: list[str], clients: int, seconds: float, think: float = 0.0
         ) -> dict[str, dict[str, float]]:
    timings: dict[str, list[float]] = {"search": [], "filter": [], "reader": []}
    errors: dict[str, int] = {kind: 0 for kind in timings}
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(number: int) -> None:
        rng = random.Random(number)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        turn = number
        while time.monotonic() < stop:
            kind = ("search", "filter", "reader")[turn % 3]
            turn += 1
            if kind == "search":
                path = "/api/search?" + urlencode({"q": rng.choice(SEARCHES)})
            elif kind == "filter":
                path = "/api/events?" + urlencode(rng.choice(FILTERS))
            else:
                path = f"/doc/{rng.choice(doc_ids)}"
            start = time.perf_counter()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                timings[kind].append(elapsed)
                if not ok:
                    errors[kind] += 1
            if think:
                time.sleep(rng.uniform(0, 2 * think))  # a person reading: mean `think` seconds
        conn.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {kind: {"requests": len(v), "errors": errors[kind], "p50_ms": round(percentile(v, 50), 1),
                   "p95_ms": round(percentile(v, 95), 1), "p99_ms": round(percentile(v, 99), 1),
                   "max_ms": round(max(v, default=0.0), 1), "per_s": round(len(v) / seconds, 1)}
            for kind, v in timings.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2, help="sankore serve --workers")
    parser.add_argument("--cache-mb", type=float, default=64.0,
                        help="sankore serve --cache-mb (0: every request computed, as on a first visit)")
    scratch = Path(tempfile.gettempdir()) / "sankore-web-bench"  # the system's temporary folder
    parser.add_argument("--base", type=Path, default=scratch / "base.db")
    parser.add_argument("--store", type=Path, default=scratch / "bench.db")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--reuse", action="store_true", help="use --store as it is if it exists")
    parser.add_argument("--think", type=float, default=0.0,
                        help="mean seconds each client waits between requests (0: back to back)")
    args = parser.parse_args()
    build_base(args.base)
    if not (args.reuse and args.store.exists()):
        started = time.monotonic()
        counts = replicate(args.base, args.store, args.events)
        print(f"replicated to {counts} in {time.monotonic() - started:.0f} s", file=sys.stderr)
    conn = sqlite3.connect(args.store)
    counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("documents", "events")}
    doc_ids = [r[0] for r in conn.execute("SELECT id FROM documents ORDER BY random() LIMIT 2000")]
    conn.close()
    server = subprocess.Popen([sys.executable, "-m", "sankore.cli", "serve", "--db", f"sqlite:///{args.store}",
                               "--port", str(args.port), "--workers", str(args.workers),
                               "--cache-mb", str(args.cache_mb)])
    try:
        deadline = time.monotonic() + 300  # each worker imports spaCy: slow on a busy machine
        while True:
            try:
                probe = http.client.HTTPConnection("127.0.0.1", args.port, timeout=5)
                probe.request("GET", "/api/stats")
                probe.getresponse().read()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("the server did not start") from None
                time.sleep(0.5)
        load(args.port, doc_ids, args.clients, 5)  # warm-up: connections, caches, page cache
        figures = load(args.port, doc_ids, args.clients, args.seconds, args.think)
        print(json.dumps({"store": counts, "clients": args.clients, "seconds": args.seconds,
                          "serve_workers": args.workers, "cache_mb": args.cache_mb, "think_s": args.think,
                          "load_average": [round(x, 2) for x in os.getloadavg()],
                          "latency": figures}, indent=2), flush=True)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    main()
