"""The long crash run (issue 21): `--kills` SIGKILLs of `sankore ingest` at random points,
cycling through 1 worker (process group), 2 workers (process group) and 2 workers (one
worker only), each followed by a rerun, on one store; then every document's rows are
compared with a clean run's. Prints (and writes, --out) kills landed, documents lost,
duplicated or different.

    python benchmarks/crash_long.py --kills 20 --docs 150 --out /tmp/crash_long.json
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from pathlib import Path

import _checkout  # noqa: F401  (puts the checkout on sys.path, for tests.crash_support)
from tests.crash_support import finish, integrity, row_counts, run_and_kill
from tests.test_ingest_resume import write_documents

MODES = [(1, "group"), (2, "group"), (2, "worker")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--docs", type=int, default=150)
    parser.add_argument("--seed", type=int, default=21)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    folder = Path(tempfile.mkdtemp(prefix="sankore-crash-"))
    dump = folder / "docs.jsonl"
    write_documents(dump, args.docs)
    started = time.time()
    clean_url = f"sqlite:///{folder / 'clean.db'}"
    assert finish(dump, clean_url, 1).returncode == 0
    clean = row_counts(clean_url)
    url = f"sqlite:///{folder / 'killed.db'}"
    runs, landed = [], 0
    while landed < args.kills:
        workers, how = MODES[len(runs) % len(MODES)]
        result = run_and_kill(dump, url, workers, args.docs, how, rng)
        runs.append({k: v for k, v in result.items() if k in ("how", "killed", "at", "returncode")}
                    | {"workers": workers})
        landed += bool(result["killed"])
        if len(row_counts(url)) >= args.docs:  # all stored: start over on an empty store
            assert row_counts(url) == clean, "a killed run's store differs from the clean run"
            Path(url[len("sqlite:///"):]).unlink()
        print(f"kill {landed}/{args.kills}: {runs[-1]}", flush=True)
    final = finish(dump, url, 2)
    counts = row_counts(url)
    integrity(url)
    result = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(started)),
        "minutes": round((time.time() - started) / 60, 1), "documents": args.docs,
        "kills_landed": landed, "runs": len(runs), "final_returncode": final.returncode,
        "lost": len(set(clean) - set(counts)), "unexpected": len(set(counts) - set(clean)),
        "different_rows": sum(counts.get(d) != c for d, c in clean.items() if d in counts),
        "integrity": "ok",
    }
    print(json.dumps(result, indent=2))
    if args.out:
        args.out.write_text(json.dumps(result | {"detail": runs}, indent=2))


if __name__ == "__main__":
    main()
