"""Ingest throughput and memory over the shared corpora, with bare spaCy as the reference.

Ingests the Guardian sample (249 articles), the IndiaPoliceEvents documents and the founding
article into a new SQLite store, once with 1 worker and once with 2 (each run in a fresh
process, so that neither inherits the other's warm caches or memory), and times bare spaCy
`nlp.pipe` (the packaged model alone, one process) over the same texts in the same run.
Prints JSON: documents/s, the ratio to bare spaCy, the 2-worker speed-up, the parent's CPU
milliseconds per document, peak memory of the parent and of each worker, the process tree's
memory at each quarter of the run (flat if the run streams, as it should), and the load
average at the end of each run.

Usage: python benchmarks/ingest_bench.py [--limit N] [--batch-size 16] [--workers 1 2]
       [--event-coder embeddings|lexical]
(--limit takes the first N documents of each corpus; figures in benchmarks/README.md)
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from sankore.events.classifier import CODERS, DEFAULT_CODER

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "corpus"
SOURCES = {
    "guardian": CORPUS / "guardian" / "Guardian_SDF_sample.csv",
    "india_police_events": CORPUS / "india_police_events" / "docs.jsonl",
    "seed": ROOT / "examples" / "aes_2025-04-30.txt",
}


def _articles(limit: int | None) -> list:
    from sankore.readers import read_sources

    articles = []
    for path in SOURCES.values():
        read = [a for a in read_sources([path]) if hasattr(a, "text")]
        articles.extend(read[:limit])
    return articles


def _rss_mib(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _tree(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as children:
            kids = [int(k) for k in children.read().split()]
    except OSError:
        kids = []
    return [pid, *(p for kid in kids for p in _tree(kid))]


class Sampler(threading.Thread):
    """RSS of this process and each of its children, every `every` seconds."""

    def __init__(self, every: float = 0.5) -> None:
        super().__init__(daemon=True)
        self.every, self.samples, self.stop = every, [], threading.Event()

    def run(self) -> None:
        me = os.getpid()
        while not self.stop.wait(self.every):
            self.samples.append({pid: _rss_mib(pid) for pid in _tree(me)})


def run_once(workers: int, batch_size: int, limit: int | None, event_coder: str) -> dict:
    """One ingest in this process (called in a fresh subprocess by `main`)."""
    from sankore.ingest import ingest

    articles = _articles(limit)
    with tempfile.TemporaryDirectory() as folder:
        sampler = Sampler()
        sampler.start()
        started, cpu_started = time.perf_counter(), time.process_time()
        summary = ingest(articles, f"sqlite:///{folder}/bench.db", workers=workers, batch_size=batch_size,
                         progress=False, event_coder=event_coder)
        seconds = time.perf_counter() - started
        # CPU of this process (all its threads, not its workers): with 2 workers, what the
        # parent takes from the cores the workers need.
        parent_cpu = time.process_time() - cpu_started
        sampler.stop.set()
        sampler.join()
    me = os.getpid()
    totals = [sum(sample.values()) for sample in sampler.samples] or [0.0]
    quarters = [round(totals[min(len(totals) - 1, int(len(totals) * q))]) for q in (0.25, 0.5, 0.75, 1.0)]
    workers_peak = [round(max(s.get(pid, 0.0) for s in sampler.samples))
                    for pid in sorted({pid for s in sampler.samples for pid in s if pid != me})]
    return {
        "workers": workers, "documents": len(articles), "stored": summary.stored,
        "failed": len(summary.failed), "seconds": round(seconds, 1),
        "docs_per_s": round(len(articles) / seconds, 2),
        "parent_cpu_ms_per_doc": round(1000 * parent_cpu / len(articles), 2),
        # ru_maxrss: KiB on Linux. The parent's peak; with 1 worker the pipeline runs in it.
        "parent_peak_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "worker_peak_mib": workers_peak,
        "tree_mib_at_quarters": quarters,
        # 1-minute load average: the run itself makes about 1 (1 worker) or 2 (2 workers);
        # more means other jobs shared the cores.
        "load_average_at_end": round(os.getloadavg()[0], 2),
    }


def bare_spacy(batch_size: int, limit: int | None) -> dict:
    import spacy

    from sankore.pipeline import DEFAULT_MODEL

    texts = [a.text for a in _articles(limit)]
    nlp = spacy.load(DEFAULT_MODEL)
    nlp(texts[0])
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    seconds = time.perf_counter() - started
    return {"documents": len(texts), "seconds": round(seconds, 1),
            "docs_per_s": round(len(texts) / seconds, 2), "load_average_at_end": round(os.getloadavg()[0], 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="first N documents of each corpus")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--event-coder", choices=CODERS, default=DEFAULT_CODER)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # internal: one run, in this process
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(run_once(args.one, args.batch_size, args.limit, args.event_coder)))
        return
    common = ["--batch-size", str(args.batch_size), "--event-coder", args.event_coder] + \
        (["--limit", str(args.limit)] if args.limit else [])
    runs = []
    for workers in args.workers:
        out = subprocess.run([sys.executable, __file__, "--one", str(workers), *common],
                             capture_output=True, text=True, check=True)
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    spacy_run = bare_spacy(args.batch_size, args.limit)
    by_workers = {run["workers"]: run for run in runs}
    figures = {
        "cpus": os.cpu_count(), "batch_size": args.batch_size, "limit_per_corpus": args.limit,
        "event_coder": args.event_coder,
        "bare_spacy": spacy_run, "ingest": runs,
        "ratio_to_bare_spacy": {w: round(r["docs_per_s"] / spacy_run["docs_per_s"], 2)
                                for w, r in by_workers.items()},
    }
    if 1 in by_workers and 2 in by_workers:
        figures["speedup_2_over_1"] = round(by_workers[2]["docs_per_s"] / by_workers[1]["docs_per_s"], 2)
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
