"""The crash suite's moves, shared by tests/test_crash.py (a few kills in CI) and
benchmarks/crash_long.py (20 and more): start `sankore ingest` as a user would, SIGKILL it
(the whole process group, or one worker) at a random point, run it again, and compare every
document's rows with a clean run's. Not a test module itself."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from sankore.store import open_store
from sankore.store.rows import TABLES

# The lexical coder: the same records in every run, and each process starts in seconds.
CODER = "lexical"


def command(dump: Path, url: str, workers: int) -> list[str]:
    return [sys.executable, "-m", "sankore.cli", "ingest", str(dump), "--db", url, "--workers",
            str(workers), "--batch-size", "4", "--event-coder", CODER, "--no-progress"]


def stored(url: str) -> int:
    try:
        with open_store(url, create=False) as store:
            return store.count()
    except Exception:  # noqa: BLE001 - not created or migrated yet, or locked: none yet
        return 0


def row_counts(url: str) -> dict[str, tuple[int, ...]]:
    """Per document id: its number of rows in every table of the store."""
    counts: dict[str, list[int]] = {}
    with open_store(url, create=False) as store:
        ids = [row[0] for row in store.query("SELECT id FROM documents")]
        for doc_id in ids:
            counts[doc_id] = []
        for table in TABLES[1:]:
            found = dict(store.query(f"SELECT doc_id, count(*) FROM {table} GROUP BY doc_id"))
            for doc_id in ids:
                counts[doc_id].append(found.get(doc_id, 0))
    return {doc_id: tuple(values) for doc_id, values in counts.items()}


def _workers_of(pid: int) -> list[int]:
    """The worker processes of an ingest (its children but multiprocessing's helpers)."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    workers = []
    for child in map(int, children):
        try:
            cmdline = Path(f"/proc/{child}/cmdline").read_bytes()
        except OSError:
            continue
        if b"resource_tracker" not in cmdline and b"forkserver" not in cmdline:
            workers.append(child)
    return workers


def run_and_kill(dump: Path, url: str, workers: int, n_docs: int, how: str, rng: random.Random,
                 timeout: float = 600) -> dict:
    """One ingest run killed with SIGKILL once `kill_after` documents are stored (a random
    point): `how` is "group" (the parent and its workers, as the OOM killer or a pulled plug
    would) or "worker" (one worker: the run must recover and finish by itself)."""
    before = stored(url)
    kill_after = before + rng.randint(1, max(1, (n_docs - before) // 2))
    process = subprocess.Popen(command(dump, url, workers), start_new_session=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + timeout
    while stored(url) < kill_after and process.poll() is None:
        assert time.monotonic() < deadline, "no progress"
        time.sleep(rng.uniform(0.05, 0.3))
    if process.poll() is not None:  # it finished first: no kill this time
        out, err = process.communicate()
        return {"how": how, "killed": False, "returncode": process.returncode, "stdout": out, "stderr": err}
    if how == "group":
        os.killpg(process.pid, signal.SIGKILL)
        out, err = process.communicate()
        return {"how": how, "killed": True, "at": stored(url), "returncode": process.returncode}
    victims = _workers_of(process.pid)
    assert victims, "no worker process to kill"
    os.kill(rng.choice(victims), signal.SIGKILL)
    out, err = process.communicate(timeout=timeout)
    return {"how": how, "killed": True, "returncode": process.returncode, "stdout": out, "stderr": err}


def finish(dump: Path, url: str, workers: int, timeout: float = 900) -> subprocess.CompletedProcess:
    return subprocess.run(command(dump, url, workers), capture_output=True, text=True, timeout=timeout)


def integrity(url: str) -> None:
    if url.startswith("sqlite:///"):
        from .fuzz_support import store_is_sound

        store_is_sound(Path(url[len("sqlite:///"):]))
