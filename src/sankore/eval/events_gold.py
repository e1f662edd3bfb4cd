"""The PLOVER gold standard records (GSR), read for scoring (`sankore eval events`) and training.

The synthetic stories, which only training and benchmarks read, are read by
`training/events/gold.py`.

The GSR (openeventdata/PLOVER, CC BY-SA 4.0) follows PLOVER 0.5b1, whose type names are
older than the 16 current ones. `GSR_TYPES` maps them: DEMAND -> REQUEST, DISAPPROVE ->
ACCUSE, FIGHT -> ASSAULT, and INVESTIGATE -> ACCUSE with mode "investigate", as the
CAMEO -> PLOVER 2021 table does for CAMEO 09 ("090: ACCUSE, investigate").

The split is deterministic and never changes: a record is held out for evaluation when the
first byte of the SHA-1 of its id is below 64 (a quarter of the ids). Training never reads
a held record (`train.py` asserts it). The model records which texts it trained on, so that
`sankore eval events` scores every record of other gold, and only the held split of this one.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from .gold_files import files_under

GSR_FILE = "PLOVER_GSR_CAMEO.txt"
SYNTHETIC_FILE = "gpt_synthetic_events_2023-10-19_19.csv.zip"
GSR_TYPES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT", "INVESTIGATE": "ACCUSE"}
HELD_BELOW = 64  # of 256: the held share is 1/4
SPLIT = "held = records whose sha1(id)[0] < 64 (about 1/4 of the 322 GSR records); the rest trains"


@dataclass(frozen=True)
class GoldEvent:
    id: str
    text: str
    type: str
    mode: str | None
    source_codes: tuple[str, ...]
    target_codes: tuple[str, ...]


def held(record_id: str) -> bool:
    return hashlib.sha1(record_id.encode("utf-8")).digest()[0] < HELD_BELOW


def _codes(field) -> tuple[str, ...]:
    if not isinstance(field, list):
        return ()
    return tuple(filter(None, (f"{a.get('code', '')} {a.get('sector', '')}".strip() for a in field)))


def text_key(text: str) -> str:
    """A record's identity for "was it trained on": its text, case and spacing aside (another
    file may give the same sentence another id)."""
    return hashlib.sha1(" ".join(text.lower().split()).encode("utf-8")).hexdigest()[:16]


def find_gsr(gold: Path) -> list[Path]:
    """The gold files: `gold` itself, or in a folder the GSR file (``shared/data/events``),
    else every ``.json``/``.jsonl``/``.txt`` file under it that holds records in the GSR's
    format (other gold of this kind need not carry the GSR's file name)."""
    if gold.is_file():
        return [gold]
    if not gold.is_dir():
        raise FileNotFoundError(f"{gold}: no such file or folder")
    for candidate in (gold / GSR_FILE, gold / "plover" / GSR_FILE):
        if candidate.exists():
            return [candidate]
    found = [p for p in files_under(gold, (".json", ".jsonl", ".txt")) if _records(p)]
    if not found:
        raise FileNotFoundError(f"{gold}: no {GSR_FILE} and no file of GSR records "
                                "(a JSON array, or JSON lines, of objects with 'event' and 'text')")
    return found


def _records(path: Path) -> list[dict]:
    """The event records of a GSR-format file, a JSON array or JSON lines; [] when it is not one."""
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    try:
        data = json.loads(text)
        rows = data if isinstance(data, list) else [data]
    except json.JSONDecodeError:
        try:
            rows = [json.loads(line) for line in text.splitlines() if line.strip()]
        except json.JSONDecodeError:
            return []
    return [r for r in rows if isinstance(r, dict) and r.get("event") and r.get("text")]


def read_gsr(gold: Path) -> list[GoldEvent]:
    out: list[GoldEvent] = []
    for path in find_gsr(gold):
        records = _records(path)
        if not records:
            raise ValueError(f"{path}: no event records (objects with 'event' and 'text')")
        for r in records:  # the DOCUMENT header record has no event and is skipped
            event = str(r["event"]).strip().upper()
            mode = (r.get("mode") or "").strip() or None
            if event == "INVESTIGATE":
                mode = "investigate"
            out.append(GoldEvent(str(r.get("id") or f"{path.name}:{len(out)}"), r["text"],
                                 GSR_TYPES.get(event, event), mode,
                                 _codes(r.get("source")), _codes(r.get("target"))))
    return out


def split_gsr(gold: Path) -> tuple[list[GoldEvent], list[GoldEvent]]:
    """(train, held) GSR records."""
    records = read_gsr(gold)
    return [r for r in records if not held(r.id)], [r for r in records if held(r.id)]


def unseen(records: list[GoldEvent], trained: set[str]) -> list[GoldEvent]:
    """The records whose text the model did not train on (`text_key`): on the GSR file, its
    held split; on other gold, all of it but any sentence the training records share."""
    return [r for r in records if text_key(r.text) not in trained]
