"""Scale benchmark (issue 19): a synthetic store of ~1,000,000 event mentions built from
real records, `events` filters timed on it, and an incremental merge of a 1,000-document
batch. A script, not a test: it prints JSON figures for docs/scale.md.

    # 1. a real store to replicate (the Guardian sample, 249 articles, 2,308 mentions)
    sankore ingest ../shared/data/corpus/guardian/Guardian_SDF_sample.csv --db sqlite:////tmp/guardian.db
    # 2. build the synthetic store (copies of every document and its views: new ids, dates
    #    shifted by a week per copy, places jittered by up to 0.05 degrees)
    python benchmarks/scale_bench.py build --from sqlite:////tmp/guardian.db --db sqlite:////tmp/scale.db
    # 3. time each filter (p95 of a page of 100 rows) and the query process's peak memory
    python benchmarks/scale_bench.py query --db sqlite:////tmp/scale.db
    # 4. store 1,000 new documents (copies of real records with new text ids) and time the
    #    incremental merge of the views (`corpus.stored.update`)
    python benchmarks/scale_bench.py merge --from sqlite:////tmp/guardian.db --db sqlite:////tmp/scale.db
    # the same batch timed twice (two versions of the code): store it once, copy, update each
    python benchmarks/scale_bench.py merge --merge-step store --from … --db sqlite:////tmp/scale.db
    cp /tmp/scale.db /tmp/a.db; cp /tmp/scale.db /tmp/b.db
    python benchmarks/scale_bench.py merge --merge-step update --db sqlite:////tmp/a.db
    # 5. the near-duplicate clusters: time `update_clusters` on what is not clustered yet (the
    #    first run after the build clusters the whole store; after `merge --merge-step store`,
    #    the batch). `--tag` stores the same batch into two stores (two versions of the code)
    python benchmarks/scale_bench.py cluster --db sqlite:////tmp/scale.db
    python benchmarks/scale_bench.py merge --merge-step store --tag 19 --from … --db sqlite:////tmp/scale.db
    python benchmarks/scale_bench.py cluster --db sqlite:////tmp/scale.db

The same commands with a postgresql:// URL as --db run it on PostgreSQL.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import resource
import statistics
import time
from datetime import date, timedelta

from sankore.corpus import stored
from sankore.corpus.relations import period_of
from sankore.corpus.views import iter_rows
from sankore.readers import document_id
from sankore.records import Record
from sankore.store import open_store
from sankore.store.mentions import EventQuery

WEEK = timedelta(days=7)
TARGET = 1_000_000


def _shift(value: str | None, days: int) -> str | None:
    if not value or len(value) < 10 or value[4] != "-":
        return value
    try:
        return (date.fromisoformat(value[:10]) + timedelta(days=days)).isoformat() + value[10:]
    except ValueError:
        return value


def _columns(store, table: str) -> list[str]:
    names, batches = store.iter_query(f"SELECT * FROM {table} WHERE 1 = 0")
    for _ in batches:
        pass
    return names


def build(source_url: str, url: str, target: int) -> dict:
    started = time.perf_counter()
    with open_store(source_url) as source:
        stored.update(source)
        tables = {}
        for t in ("documents", "mentions", "mention_parties", "corpus_events", "corpus_members",
                  "corpus_pairs", "viewed"):
            # not PostgreSQL's stored full-text vector (migration 8): generated, it cannot be inserted
            cols = [c for c in _columns(source, t) if c != "fts"]
            tables[t] = (cols, source.query(f"SELECT {', '.join(cols)} FROM {t}"))
    per_copy = len(tables["mentions"][1])
    copies = -(-target // per_copy)
    rng = random.Random(19)
    with open_store(url) as store:
        for k in range(copies):
            days = 7 * k
            new_id = {}
            rows: dict[str, list[tuple]] = {}
            doc_cols, docs = tables["documents"]
            out = []
            for row in docs:
                d = dict(zip(doc_cols, row, strict=True))
                new_id[d["id"]] = hashlib.sha1(f"{d['id']}/{k}".encode()).hexdigest()[:16]
                d["id"] = new_id[d["id"]]
                d["published"] = _shift(d["published"], days)
                d["source"] = f"{d['source'] or 'doc'}#copy{k}"
                out.append(tuple(d.values()))
            rows["documents"] = out
            jitter = {}
            m_cols, mentions = tables["mentions"]
            out = []
            for row in mentions:
                m = dict(zip(m_cols, row, strict=True))
                m["doc_id"] = new_id[m["doc_id"]]
                for key in ("day_start", "day_end", "published", "date_value"):
                    m[key] = _shift(m[key], days)
                if m["lat"] is not None:
                    dlat, dlon = jitter.setdefault((m["doc_id"], m["place"]), (rng.uniform(-.05, .05),
                                                                              rng.uniform(-.05, .05)))
                    m["lat"], m["lon"] = m["lat"] + dlat, m["lon"] + dlon
                out.append(tuple(m.values()))
            rows["mentions"] = out
            p_cols, parties = tables["mention_parties"]
            out = []
            for row in parties:
                p = dict(zip(p_cols, row, strict=True))
                p["doc_id"] = new_id[p["doc_id"]]
                p["day_start"] = _shift(p["day_start"], days)
                out.append(tuple(p.values()))
            rows["mention_parties"] = out
            # corpus events: the original's groups, renamed (a hash of the new first report)
            e_cols, events = tables["corpus_events"]
            ce_id = {}
            out = []
            for row in events:
                e = dict(zip(e_cols, row, strict=True))
                e["first_doc"] = new_id[e["first_doc"]]
                new = "ce_" + hashlib.sha1(f"{e['first_doc']}/{e['first_event']}".encode()).hexdigest()[:12]
                ce_id[e["id"]], e["id"] = new, new
                for key in ("day_start", "day_end", "first_published"):
                    e[key] = _shift(e[key], days)
                out.append(tuple(e.values()))
            rows["corpus_events"] = out
            rows["corpus_members"] = [(new_id[d], e, ce_id[c], r)
                                      for d, e, c, r in tables["corpus_members"][1]]
            out = []
            for cid, actor, target_, day, *_ in tables["corpus_pairs"][1]:
                shifted = date.fromisoformat(day) + timedelta(days=days)
                out.append((ce_id[cid], actor, target_, *(period_of(shifted, p) for p in
                                                          ("day", "week", "month", "year"))))
            rows["corpus_pairs"] = out
            rows["viewed"] = [(new_id[d], c) for d, c in tables["viewed"][1]]
            statements = []
            for table in ("documents", "mentions", "mention_parties", "corpus_events", "corpus_members",
                          "corpus_pairs", "viewed"):
                cols = tables[table][0]
                statements.append((f"INSERT INTO {table} ({', '.join(cols)}) VALUES "
                                   f"({', '.join('?' * len(cols))})", rows[table]))
            store.write(statements)
        mentions = store.query("SELECT count(*) FROM mentions")[0][0]
        documents = store.query("SELECT count(*) FROM documents")[0][0]
    return {"copies": copies, "documents": documents, "mentions": mentions,
            "build_s": round(time.perf_counter() - started, 1)}


FILTERS = {
    "none": [EventQuery()],
    "actor": [EventQuery(actor=a) for a in ("USA", "Lavrov", "IRQ GOV", "SYR", "IMG:Islamic State")],
    "target": [EventQuery(target=a) for a in ("USA", "IRQ", "SYR REB", "GBR")],
    "type": [EventQuery(type=t) for t in ("ASSAULT", "CONSULT", "AID", "PROTEST")],
    "modality": [EventQuery(modality=m) for m in ("reported", "negated", "planned")],
    "dates": [EventQuery(since=date(2019 + k, 4, 1), until=date(2019 + k, 4, 30)) for k in range(4)],
    "near": [EventQuery(near=p, radius_km=100) for p in ((33.3, 44.4), (51.5, -0.1), (36.2, 37.2))],
    "source": [EventQuery(source=s) for s in ("guardian", "copy7", "nothing-like-it")],
    "text": [EventQuery(text=t) for t in ("refugees", "ceasefire talks", "Raqqa")],
    "combined": [EventQuery(actor="USA", type="ASSAULT", since=date(2020, 1, 1))],
}


def query(url: str, page: int, repeats: int) -> dict:
    figures = {}
    with open_store(url) as store:
        for name, queries in FILTERS.items():
            times = []
            for _ in range(repeats):
                for q in queries:
                    started = time.perf_counter()
                    rows = list(iter_rows(store, q, limit=page))
                    times.append(time.perf_counter() - started)
                    assert len(rows) <= page
            times.sort()
            figures[name] = {"p95_ms": round(1000 * times[max(0, int(0.95 * len(times)) - 1)], 1),
                             "median_ms": round(1000 * statistics.median(times), 1), "runs": len(times)}
    figures["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return figures


def merge(source_url: str, url: str, batch: int, step: str = "both", tag: int | None = None) -> dict:
    """Store `batch` new documents, then time the views' update. `step` "store" stops after
    storing (copy the store, to time the same batch on each copy: old code and new);
    "update" only times the update of what is pending."""
    if step == "update":
        with open_store(url) as store:
            started = time.perf_counter()
            summary = stored.update(store)
            return {"documents": summary.documents, "mentions": summary.mentions,
                    "corpus_events_written": summary.corpus_events,
                    "merge_s": round(time.perf_counter() - started, 2),
                    "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}
    with open_store(source_url) as source:
        records = [source.get(i) for i in source.doc_ids()]
    with open_store(url) as store:
        stored.update(store)  # nothing pending before the batch
        started = time.perf_counter()
        k = 0
        added = 0
        if tag is None:  # a rerun adds new documents, not the same ones
            tag = random.Random().getrandbits(32)
        while added < batch:
            for record in records:
                if added >= batch:
                    break
                # a new document: its text marked so its id is new, its dates a year later
                data = record.to_dict()
                data["doc"]["text"] += f"\n[batch {tag} copy {k}]"
                data["doc"]["id"] = document_id(data["doc"]["text"])
                data["doc"]["published"] = _shift(data["doc"]["published"], 365 + 7 * k)
                added += store.add(Record.from_dict(data))
            k += 1
        stored_s = time.perf_counter() - started
        if step == "store":
            return {"stored": added, "store_batch_s": round(stored_s, 1)}
        started = time.perf_counter()
        summary = stored.update(store)
        merge_s = time.perf_counter() - started
    return {"documents": summary.documents, "mentions": summary.mentions,
            "corpus_events_written": summary.corpus_events, "store_batch_s": round(stored_s, 1),
            "merge_s": round(merge_s, 2),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}


def cluster(url: str) -> dict:
    """Time the near-duplicate update of the documents not clustered yet, as `ingest` runs it
    at its end. On a store of the code before the band keys (migration 8), the same command
    times that code's update, which reclusters the whole store."""
    try:
        from sankore.corpus.dedupe_store import update_clusters
    except ImportError:  # the code before
        from sankore.corpus.dedupe import update_clusters
    with open_store(url) as store:
        documents = store.count()
        started = time.perf_counter()
        clusters = update_clusters(store)
        cluster_s = time.perf_counter() - started
        clustered = store.query("SELECT count(*) FROM duplicates")[0][0]
    return {"documents": documents, "clusters": clusters, "documents_in_clusters": clustered,
            "cluster_s": round(cluster_s, 2),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("step", choices=["build", "query", "merge", "cluster"])
    parser.add_argument("--db", required=True)
    parser.add_argument("--from", dest="source")
    parser.add_argument("--mentions", type=int, default=TARGET)
    parser.add_argument("--page", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--merge-step", choices=["both", "store", "update"], default="both",
                        help="merge: store the batch and time the update (both), or one of them")
    parser.add_argument("--tag", type=int, help="merge: mark the batch's texts with this number (the "
                        "same batch into two stores), not a random one")
    args = parser.parse_args()
    if args.step == "build":
        print(json.dumps(build(args.source, args.db, args.mentions)))
    elif args.step == "query":
        print(json.dumps(query(args.db, args.page, args.repeats), indent=1))
    elif args.step == "cluster":
        print(json.dumps(cluster(args.db), indent=1))
    else:
        print(json.dumps(merge(args.source, args.db, args.batch, args.merge_step, args.tag), indent=1))


if __name__ == "__main__":
    main()
