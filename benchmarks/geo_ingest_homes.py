"""Outlet homes through the user's path: LGL ingested into SQLite stores in two runs (the
second run's places scored with and without the homes the store learned from the first),
and in one run (scored with and without a first reading of the run's own documents).

Usage: python benchmarks/geo_ingest_homes.py [--gold lgl.xml] [--limit N] [--workdir DIR]
                                             [--only two-runs|single-run] [--repeats N]

LGL only (the set the places rules are tuned on). Each article becomes an `Article` with
its outlet (LGL's <domain>) and is ingested as `sankore ingest` ingests (full pipeline,
one worker). Records are read back from the store and scored with `sankore eval geo`'s
functions (`Tally`), so the figures are the stored records' own.

Two runs (`two_runs`): the articles are split in two by a hash of their id: run 1 stores one
half into an empty store (no homes: nothing was stored before); the store is copied, and
run 2 stores the other half into one copy with outlet homes (the default) and into the other
without (`--no-outlet-homes`); run 2 is scored.

One run (`single_run`): all the articles into an empty store with `--learn-homes` (a first
reading of the run's documents with spaCy and the places stage decides the homes before the
analysis) and into another without (the default: nothing stored before, so no homes); both
scored on every article. The two ingests alternate `--repeats` times (median time per
document; the first repeat's records are scored: the records do not change between repeats).

What is scored as a place name: every record place but the nationality words, that is but
kind `demonym` and `modifier` places whose text is no gazetteer name ("Russian officials";
"Texas officials" stays). `sankore eval geo` separates them on `doc._.demonyms` instead, so
its figures differ slightly from these; the comparison here is between the two copies.

Costs: run 2's time per document with and without homes (wall, one worker; the machine is
shared, so a difference of a few percent is noise), and apart the two steps homes add:
reading the anchors of run 1's documents (`read_anchors`, once per run, per document read)
and deciding an outlet's home from the store (`stored_home`, once per outlet per worker).
One run: the time per document of the whole ingest with the first reading and without, and
their ratio (the first reading's cost is its own spaCy parse and places stage).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from sankore.api import learn_homes
from sankore.eval.geo import GoldDoc, Predicted, Tally, read_gold
from sankore.geo.gazetteer import load_gazetteer
from sankore.ingest import ingest
from sankore.ingest.homes import read_anchors, stored_home
from sankore.readers import Article, document_id
from sankore.records import Record
from sankore.store import open_store

LGL = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "geo" / "lgl.xml"


def first_half(doc: GoldDoc) -> bool:
    return hashlib.sha1(doc.id.encode()).digest()[0] % 2 == 0


def article(doc: GoldDoc) -> Article:
    return Article(doc.text, source=f"lgl:{doc.id}", outlet=doc.outlet)


def predicted(record: Record) -> list[Predicted]:
    gaz = load_gazetteer()
    return sorted((Predicted(p.span[0], p.span[1], p.lat, p.lon, p.geonameid, p.kind)
                   for p in record.places
                   if p.kind != "demonym" and not (p.kind == "modifier" and not gaz.lookup(p.text))),
                  key=lambda p: p.start)


def run(url: str, docs: list[GoldDoc], homes: bool, learn: bool = False) -> float:
    t0 = time.perf_counter()
    summary = ingest([article(d) for d in docs], url, progress=False, outlet_homes=homes, learn_homes=learn,
                     dedupe=False)
    assert not summary.failed, summary.failed
    return time.perf_counter() - t0


def stored_places(url: str) -> dict[str, list]:
    with open_store(url) as store:
        return {doc_id: record.places for doc_id in store.doc_ids() if (record := store.get(doc_id))}


def score(url: str, docs: list[GoldDoc]) -> dict:
    tally = Tally()
    with open_store(url) as store:
        for doc in docs:
            record = store.get(document_id(doc.text))
            assert record is not None
            tally.add(doc.toponyms, predicted(record))
    scores = tally.scores()
    keys = ("precision", "recall", "f1", "accuracy_161km", "accuracy_entry_or_161km",
            "accuracy_geonameid", "auc", "median_error_km", "gold", "predicted", "matched")
    return {k: scores[k] for k in keys}


def two_runs(docs: list[GoldDoc], workdir: Path) -> dict:
    """Run 1 stores half of LGL; run 2 the other half, with the homes the store learned and without."""
    batch1, batch2 = [d for d in docs if first_half(d)], [d for d in docs if not first_half(d)]
    first, on, off = (workdir / name for name in ("first.db", "on.db", "off.db"))
    t_first = run(f"sqlite:///{first}", batch1, homes=True)
    shutil.copy(first, on)
    shutil.copy(first, off)
    with open_store(f"sqlite:///{on}") as store:  # the step a run with homes begins with
        t0 = time.perf_counter()
        read = read_anchors(store)
        t_anchors = time.perf_counter() - t0
        outlets = sorted({d.outlet for d in batch2 if d.outlet})
        t0 = time.perf_counter()
        homes = {o: stored_home(store, o) for o in outlets}
        t_homes = time.perf_counter() - t0
    t_on = run(f"sqlite:///{on}", batch2, homes=True)
    t_off = run(f"sqlite:///{off}", batch2, homes=False)
    return {
        "run1_docs": len(batch1), "run2_docs": len(batch2),
        "run2_outlets": len(outlets), "run2_outlets_with_home": sum(h is not None for h in homes.values()),
        "run2_docs_with_home": sum(homes.get(d.outlet or "") is not None for d in batch2),
        "with_homes": score(f"sqlite:///{on}", batch2),
        "without_homes": score(f"sqlite:///{off}", batch2),
        "seconds_per_doc": {
            "run1": round(t_first / len(batch1), 3),
            "run2_with_homes": round(t_on / len(batch2), 3),
            "run2_without_homes": round(t_off / len(batch2), 3),
            "read_anchors_per_doc_read": round(t_anchors / max(1, read), 5),
            "stored_home_per_outlet": round(t_homes / max(1, len(outlets)), 5),
        },
    }


def single_run(docs: list[GoldDoc], workdir: Path, repeats: int) -> dict:
    """All of LGL into fresh stores in one run, with a first reading (`--learn-homes`) and
    without, alternating `repeats` times so that the machine's load falls on both alike."""
    seconds: dict[str, list[float]] = {"with_first_reading": [], "without": []}
    for repeat in range(repeats):
        for learn in (False, True):
            path = workdir / f"single_{'on' if learn else 'off'}_{repeat}.db"
            seconds["with_first_reading" if learn else "without"].append(
                run(f"sqlite:///{path}", docs, homes=True, learn=learn) / len(docs))
    # The homes that run used: those `sankore analyze --outlet-homes` learns from the same
    # articles (tests/test_ingest_first_reading.py checks that the records agree).
    homes = learn_homes([article(d) for d in docs])
    stores = [workdir / f"single_{mode}_{repeat}.db" for mode in ("on", "off") for repeat in range(repeats)]
    places = {path.name: stored_places(f"sqlite:///{path}") for path in stores}
    per_doc = {k: round(statistics.median(v), 3) for k, v in seconds.items()}
    return {
        "docs": len(docs), "outlets": len({d.outlet for d in docs if d.outlet}),
        "outlets_with_home": len(homes), "docs_with_home": sum(d.outlet in homes for d in docs),
        "same_places_each_repeat": all(places[f"single_{mode}_{r}.db"] == places[f"single_{mode}_0.db"]
                                       for mode in ("on", "off") for r in range(repeats)),
        "with_first_reading": score(f"sqlite:///{workdir / 'single_on_0.db'}", docs),
        "without": score(f"sqlite:///{workdir / 'single_off_0.db'}", docs),
        "seconds_per_doc": {**per_doc, "ratio": round(per_doc["with_first_reading"] / per_doc["without"], 2),
                            "each_repeat": {k: [round(x, 3) for x in v] for k, v in seconds.items()}},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=LGL)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--only", choices=("two-runs", "single-run"), help="one of the two comparisons")
    parser.add_argument("--repeats", type=int, default=2,
                        help="single run: ingests with and without the first reading, alternated")
    parser.add_argument("--workdir", type=Path, default=None,
                        help="where the scratch stores go (default: the system's temporary folder)")
    args = parser.parse_args()
    [docs] = read_gold(args.gold).values()
    docs = docs[:args.limit] if args.limit else docs
    # One copy of each text (LGL repeats a few): the store keeps a document once.
    seen: set[str] = set()
    docs = [d for d in docs if not (document_id(d.text) in seen or seen.add(document_id(d.text)))]
    # A fresh folder of its own, inside --workdir if given: removing it never touches a user's files.
    workdir = Path(tempfile.mkdtemp(prefix="geo_ingest_homes.", dir=args.workdir))
    load_gazetteer()
    run(f"sqlite:///{workdir / 'warm.db'}", docs[:1], homes=True)  # loads the pipeline outside the timings
    out: dict = {"gold": str(args.gold)}
    if args.only != "single-run":
        out["two_runs"] = two_runs(docs, workdir)
    if args.only != "two-runs":
        out["single_run"] = single_run(docs, workdir, args.repeats)
    print(json.dumps(out, indent=2))
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
