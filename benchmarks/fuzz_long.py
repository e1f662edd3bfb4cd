"""The long fuzz run (issue 21): the targets of tests/test_fuzz.py with fresh random seeds,
round after round, until each target's share of `--minutes` is spent; prints and writes
(--out) the number of inputs tried per target and every failure found.

    python benchmarks/fuzz_long.py --minutes 45 --out /tmp/fuzz_long.json

Inputs are counted one per document for analysis (an example holds up to 8 texts) and one
per file, output or command line for the others. docs/reliability.md quotes the last run.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import traceback
from pathlib import Path

import _checkout  # noqa: F401  (puts the checkout on sys.path, for tests.fuzz_support)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.fuzz_support import adversarial_text, check_record, file_bytes, read_bytes, store_is_sound

from sankore.api import Failure, analyze_many
from sankore.output import atomic_output
from sankore.pipeline import get_pipeline
from sankore.readers import Article
from sankore.store import open_store

COUNTS: dict[str, int] = {}
STORE = Path(tempfile.mkdtemp(prefix="sankore-fuzz-long-")) / "fuzz.db"


def _analyse(texts: list) -> None:
    with open_store(STORE) as store:
        for item in analyze_many(texts, nlp=get_pipeline(), errors="yield", batch_size=8):
            if isinstance(item, Failure):
                assert item.code.startswith("S") and item.reason, item
                continue
            check_record(item)
            store.add(item)


def readers(sample):
    COUNTS["readers"] = COUNTS.get("readers", 0) + 1
    read_bytes(*sample)


def analysis(texts):
    COUNTS["analysis"] = COUNTS.get("analysis", 0) + len(texts)
    _analyse(list(texts))


def files(sample):
    COUNTS["files"] = COUNTS.get("files", 0) + 1
    articles = [a for a in read_bytes(*sample) if isinstance(a, Article)]
    if articles:
        _analyse(articles)


def output(name, content, fail):
    COUNTS["output"] = COUNTS.get("output", 0) + 1
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / name
        try:
            with atomic_output(target) as out:
                out.write(content)
                if fail:
                    raise KeyError
        except KeyError:
            pass
        assert os.listdir(folder) == ([] if fail else [name])


NAMES = st.text(st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)),
                min_size=1, max_size=30).filter(lambda n: n not in (".", "..", "-"))
TARGETS = {
    # name: (strategies, share of the time)
    "readers": ((file_bytes(),), 0.25),
    "analysis": ((st.lists(adversarial_text(), min_size=1, max_size=8),), 0.5),
    "files": ((file_bytes(),), 0.15),
    "output": ((NAMES, st.text(max_size=200).map(lambda t: t.encode("utf-8", "replace").decode()),
                st.booleans()), 0.1),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--minutes", type=float, default=60.0)
    parser.add_argument("--round", type=int, default=500, help="examples per hypothesis run")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    functions = {"readers": readers, "analysis": analysis, "files": files, "output": output}
    failures: list[dict] = []
    started = time.time()
    for name, (strategies, share) in TARGETS.items():
        until = time.time() + share * args.minutes * 60
        while time.time() < until:
            test = settings(max_examples=args.round, deadline=None, database=None,
                            suppress_health_check=list(HealthCheck))(given(*strategies)(functions[name]))
            try:
                test()
            except Exception as error:  # noqa: BLE001 - a finding: recorded, the run goes on
                failures.append({"target": name, "error": repr(error)[:500],
                                 "trace": traceback.format_exc()[-3000:]})
                print(failures[-1]["trace"], file=sys.stderr, flush=True)
            print(f"{name}: {COUNTS.get(name, 0)} inputs, {len(failures)} failures", file=sys.stderr,
                  flush=True)
            if args.out:  # the figures so far, so a run stopped early still says what it tried
                args.out.write_text(json.dumps({"running": True, "inputs": COUNTS,
                                                "total": sum(COUNTS.values()),
                                                "failures": failures}, indent=2))
    if STORE.exists():
        store_is_sound(STORE)
    result = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(started)),
              "minutes": round((time.time() - started) / 60, 1), "inputs": COUNTS,
              "total": sum(COUNTS.values()), "failures": failures, "store_integrity": "ok"}
    print(json.dumps(result, indent=2))
    if args.out:
        args.out.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
