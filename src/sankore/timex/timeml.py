"""Read TimeML (TimeBank, AQUAINT) documents: plain text, creation date and gold TIMEX3s.

The text is the text content of <TEXT> with its inline tags removed; offsets are counted
while walking the XML (TIMEX3, EVENT and SIGNAL are flat siblings inside <TEXT>).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str | None
    mod: str | None = None


@dataclass(frozen=True)
class TimeMLDoc:
    path: Path
    text: str
    dct: date | None
    timexes: list[GoldTimex]


def read_timeml(path: Path) -> TimeMLDoc:
    root = ET.parse(path).getroot()
    dct = None
    for tx in root.iter("TIMEX3"):
        if tx.get("functionInDocument") == "CREATION_TIME" and tx.get("value"):
            try:
                dct = date.fromisoformat(tx.get("value", "")[:10])
            except ValueError:
                dct = None
            break
    body = root.find("TEXT")
    parts: list[str] = []
    timexes: list[GoldTimex] = []
    pos = 0
    if body is not None:
        parts.append(body.text or "")
        pos = len(parts[0])
        for child in body:
            inner = "".join(child.itertext())
            if child.tag == "TIMEX3":
                timexes.append(GoldTimex(pos, pos + len(inner), inner, child.get("type", "DATE"),
                                         child.get("value"), child.get("mod")))
            parts.append(inner)
            parts.append(child.tail or "")
            pos += len(inner) + len(child.tail or "")
    return TimeMLDoc(path, "".join(parts), dct, timexes)


def iter_timeml(path: Path, limit: int | None = None) -> Iterator[TimeMLDoc]:
    """Documents of a `.tml` file or of every `.tml` under a folder, in a stable order."""
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*.tml")
                                                 if not p.name.startswith("._"))
    for f in files[:limit] if limit is not None else files:
        yield read_timeml(f)
