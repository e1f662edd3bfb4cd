"""Which scorer reads an events gold: the PLOVER GSR records, the news gold set, or
IndiaPoliceEvents' sentence labels. Light on purpose: the CLI imports it before any model."""

from __future__ import annotations

from pathlib import Path

# --format name -> module under sankore.eval
EVENT_GOLD_MODULES = {"gsr": "events", "news": "news_events", "india-police": "india_police"}
EVENT_GOLD_FORMATS = tuple(EVENT_GOLD_MODULES)


def event_gold_format(gold: Path) -> str:
    """The format of an events gold path: a folder with `articles.jsonl` is the news gold set,
    one with `sents.jsonl` IndiaPoliceEvents; anything else is read as GSR records."""
    folder = gold if gold.is_dir() else gold.parent
    if (folder / "articles.jsonl").is_file():
        return "news"
    if (folder / "sents.jsonl").is_file() and (folder / "docs.jsonl").is_file():
        return "india-police"
    return "gsr"
