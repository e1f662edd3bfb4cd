"""`sankore eval actors`: actor mentions and their codes against a hand-made test set.

The gold file (`gold/actors.jsonl`, see `gold/README.md`) does not copy article text: each
line names a document (a path relative to the gold file, plus a CSV row id), the first
words of a sentence, and every actor mention of that sentence with its expected kind and
PLOVER/CAMEO-style code. The whole document is analysed (context matters: a title earlier
in the article gives a person's country), then the sentence's mentions are scored. The set
codes named actors only: Sankore's unnamed actors (a bare sector noun, "police", "the mob")
are left out of the comparison.

The baseline is bare spaCy NER (PERSON, ORG, GPE, NORP) with a plain lookup of the
entity text in the country dictionary, as DESIGN.md §3 asks.
"""

from __future__ import annotations

import csv
import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import EvalError
from ..resources import lexicons
from ..scoring import prf
from .gold_files import files_under

_BASELINE_KINDS = {"PERSON": "person", "ORG": "organization", "GPE": "state", "NORP": "state"}


@dataclass
class Item:
    source: Path
    doc: str | None
    find: str
    mentions: list[tuple[str, str, str | None]]
    ignore: list[str] = field(default_factory=list)


@dataclass
class Mention:
    start: int
    end: int
    kind: str | None
    code: str | None


def read_gold(path: Path) -> list[Item]:
    """The items of one gold file, or of every gold file under a folder (any depth)."""
    path = Path(path)
    if path.is_file():
        return _read_file(path)
    files = [f for f in files_under(path, (".jsonl", ".json")) if _looks_like_gold(f)]
    if not files:
        raise EvalError("no actor gold here (JSON lines with 'source', 'find' and 'mentions')",
                        source=str(path))
    return [item for f in files for item in _read_file(f)]


def _looks_like_gold(path: Path) -> bool:
    """Whether the first non-blank line is an actor gold item: other JSON in the folder
    (a config, another task's gold) is passed over, not reported as a broken line."""
    try:
        with path.open(encoding="utf-8") as handle:
            first = next((line for line in handle if line.strip()), "")
        row = json.loads(first)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return False
    return isinstance(row, dict) and {"source", "find", "mentions"} <= row.keys()


def _read_file(path: Path) -> list[Item]:
    items = []
    try:
        lines = path.read_text("utf-8").splitlines()
    except UnicodeDecodeError as exc:
        raise EvalError(f"not UTF-8 text ({exc.reason})", source=str(path)) from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            items.append(Item((path.parent / row["source"]).resolve(), row.get("doc"), row["find"],
                              [tuple(m) for m in row["mentions"]], row.get("ignore", [])))
        except KeyError as exc:
            raise EvalError(f"line {number}: no {exc} field", source=str(path)) from exc
        except (json.JSONDecodeError, TypeError) as exc:
            raise EvalError(f"line {number}: {exc}", source=str(path)) from exc
    if not items:
        raise EvalError("no actor gold items (JSON lines with 'source', 'find' and 'mentions')",
                        source=str(path))
    return items


# Where a table row's id and text may sit: the unnamed index column of a CSV written by
# pandas (the Guardian sample), or the usual names.
_ID_FIELDS = ("", "id", "doc_id")
_TEXT_FIELDS = ("text", "doc_text", "full_text")


def load_text(source: Path, doc: str | None) -> str:
    if not source.exists():
        raise EvalError("document not found (a source path is relative to its gold file)",
                        source=str(source))
    if doc is None:
        return source.read_text("utf-8")
    for row in _rows(source):
        if any(str(row.get(key)) == str(doc) for key in _ID_FIELDS if key in row):
            text = next((row[key] for key in _TEXT_FIELDS if row.get(key)), None)
            if text is None:
                raise EvalError(f"row {doc} has no text field ({', '.join(_TEXT_FIELDS)})",
                                source=str(source))
            return text
    raise EvalError(f"row {doc} not found", source=str(source))


def _rows(source: Path):
    """The rows of a CSV table or of a JSON-lines file, as dicts."""
    if source.suffix.lower() in (".jsonl", ".ndjson"):
        with source.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                try:
                    row = json.loads(line) if line.strip() else None
                except json.JSONDecodeError as exc:
                    raise EvalError(f"line {number}: {exc}", source=str(source)) from exc
                if isinstance(row, dict):
                    yield row
        return
    with source.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _locate(text: str, sentence: tuple[int, int], mentions, source: str) -> list[Mention]:
    gold: list[Mention] = []
    cursor: dict[str, int] = {}
    for surface, kind, code in mentions:
        pattern = re.compile(rf"(?<!\w){re.escape(surface)}(?!\w)")
        match = pattern.search(text, cursor.get(surface, sentence[0]), sentence[1])
        if match is None:
            raise EvalError(f"mention {surface!r} not in its sentence", source=source)
        cursor[surface] = match.end()
        gold.append(Mention(match.start(), match.end(), kind, code))
    return gold


def _ignored(text: str, sentence: tuple[int, int], phrases: list[str]) -> list[tuple[int, int]]:
    spans = []
    for phrase in phrases:
        spans += [m.span() for m in re.finditer(re.escape(phrase), text[:sentence[1]])
                  if m.start() >= sentence[0]]
    return spans


def _overlap(a: Mention, b: Mention) -> int:
    return min(a.end, b.end) - max(a.start, b.start)


def score(pairs: list[tuple[list[Mention], list[Mention]]]) -> dict:
    gold_n = pred_n = found = code_right = kind_right = 0
    for gold, predicted in pairs:
        gold_n += len(gold)
        pred_n += len(predicted)
        free = list(predicted)
        for g in gold:
            best = max(free, key=lambda p: _overlap(g, p), default=None)
            if best is None or _overlap(g, best) <= 0:
                continue
            free.remove(best)
            found += 1
            code_right += best.code == g.code
            kind_right += best.kind == g.kind
    mention = prf(found, pred_n, found, gold_n, digits=4)
    code = prf(code_right, pred_n, code_right, gold_n, digits=4)
    return {
        "gold": gold_n, "predicted": pred_n, "matched": found,
        **{f"mention_{name}": value for name, value in mention.items()},
        **{f"code_{name}": value for name, value in code.items()},
        "kind_accuracy_on_matched": round(kind_right / found, 4) if found else 0.0,
    }


def _inside(start: int, end: int, sentence: tuple[int, int], ignore: list[tuple[int, int]]) -> bool:
    return (sentence[0] <= start and end <= sentence[1]
            and not any(start < i_end and i_start < end for i_start, i_end in ignore))


def evaluate(gold: Path, limit: int | None = None) -> dict:
    import sankore
    from sankore.pipeline import get_pipeline

    items = read_gold(gold)
    nlp = get_pipeline()
    # The test set codes named actors only (gold/README.md); an unnamed one ("police", "the
    # mob") is outside its scope, neither right nor wrong here (the news events set scores it).
    unnamed = set(lexicons.standalone_sectors())
    countries = {name: actor.code for actor in lexicons.countries().values() for name in actor.names}
    texts: dict[tuple[Path, str | None], str] = {}
    for item in items:
        texts.setdefault((item.source, item.doc), load_text(item.source, item.doc))
    keys = list(texts)[:limit] if limit else list(texts)
    started = time.perf_counter()
    records = {key: sankore.analyze(texts[key], nlp=nlp) for key in keys}
    seconds = time.perf_counter() - started
    ours, baseline = [], []
    parses: dict = {}
    for item in items:
        key = (item.source, item.doc)
        if key not in records:
            continue
        text, record = texts[key], records[key]
        start = text.find(item.find)
        if start < 0:
            raise EvalError(f"sentence {item.find!r} not found", source=str(item.source))
        parsed = parses.setdefault(key, _bare_parse(nlp, text))
        sentence = _sentence_span(parsed, text, start)
        ignore = _ignored(text, sentence, item.ignore)
        gold_mentions = _locate(text, sentence, item.mentions, str(item.source))
        predicted = [Mention(s, e, ent.kind, ent.code) for ent in record.entities
                     for s, e in ent.mentions if _inside(s, e, sentence, ignore)
                     and text[s:e].lower() not in unnamed]
        ours.append((gold_mentions, predicted))
        base = [Mention(ent.start_char, ent.end_char, _BASELINE_KINDS[ent.label_],
                        countries.get(ent.text.removeprefix("the ")) if ent.label_ in ("GPE", "NORP")
                        else None)
                for ent in parsed.ents if ent.label_ in _BASELINE_KINDS
                and _inside(ent.start_char, ent.end_char, sentence, ignore)]
        baseline.append((gold_mentions, base))
    return {
        "task": "actors", "gold": str(gold), "sentences": len(ours), "documents": len(records),
        "sankore": {**score(ours), "docs_per_s": round(len(records) / seconds, 2)},
        "baseline": {"name": "spaCy NER (PERSON/ORG/GPE/NORP) + country-name lookup",
                     **score(baseline)},
    }


def _bare_parse(nlp, text: str):
    """The bare spaCy model's analysis: the baseline's entities and the sentence ends."""
    with nlp.select_pipes(disable=[n for n in nlp.pipe_names if n.startswith("sankore_")]):
        return nlp(text)


def _sentence_span(doc, text: str, start: int) -> tuple[int, int]:
    for sent in doc.sents:
        if sent.start_char <= start < sent.end_char:
            end = sent.end_char
            # The parser sometimes splits inside a quotation; a gold sentence ends at a full stop.
            while end < len(text) and not text[:end].rstrip().endswith((".", "!", "?", ".”", ".’")):
                nxt = next((s for s in doc.sents if s.start_char >= end), None)
                if nxt is None:
                    break
                end = nxt.end_char
            return start, end
    raise EvalError("sentence not found")
