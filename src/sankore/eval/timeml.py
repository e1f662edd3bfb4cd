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

from .gold_files import files_under


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
    """One TimeML document; ValueError naming the file when it is not one (no <TEXT>)."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:  # a SyntaxError, which the CLI would show as a traceback
        raise ValueError(f"{path}: not well-formed XML ({exc})") from exc
    if root.find("TEXT") is None:
        raise ValueError(f"{path}: not TimeML (no <TEXT> element under <{root.tag}>)")
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
    """Documents of a TimeML file or of every TimeML file under a folder (nested ones too),
    in a stable order: the `.tml` files, and the `.xml` files that hold TimeML (some corpora
    use that suffix; other XML beside them is passed over). A `.tml` file that does not
    read is an error, not a silently smaller gold set."""
    found = 0
    for f in files_under(path, (".tml", ".xml")):
        if limit is not None and found >= limit:
            return
        try:
            doc = read_timeml(f)
        except ValueError:
            if f.suffix.lower() == ".tml" or f == path:
                raise
            continue
        found += 1
        yield doc
    if not found:
        raise FileNotFoundError(f"{path}: no TimeML documents here (.tml files, or .xml "
                                "files with a <TEXT> element)")
