"""A part of the news gold set with its texts, and Sankore's records of it, for the error
dumps (`news_event_fields.py`, `news_event_misses.py`, `news_roles_errors.py`): one reader and
one cache format for the three."""

from __future__ import annotations

import json
from pathlib import Path

from sankore.eval.news_events import GoldArticle, find_corpus, load_texts, read_gold
from sankore.events.classifier import DEFAULT_CODER
from sankore.records import Record

GOLD = Path(__file__).resolve().parents[1] / "gold" / "news_events"


def gold_part(split: str = "dev", limit: int | None = None, gold: Path = GOLD
              ) -> tuple[list[GoldArticle], dict[str, dict], dict[str, str]]:
    """(articles, each article's raw gold line by id, each article's text by id)."""
    articles = read_gold(gold, split)[:limit]
    raw = {json.loads(line)["article"]: json.loads(line)
           for line in (gold / f"{split}.jsonl").read_text(encoding="utf-8").splitlines()}
    return articles, raw, load_texts(articles, find_corpus(gold, None))


def analysed(articles: list[GoldArticle], texts: dict[str, str], coder: str = DEFAULT_CODER,
             cache: Path | None = None) -> list[Record]:
    """The articles analysed end to end, as `sankore eval events` does; read from `cache`
    (JSON lines) when it exists, written there otherwise, so a rerun costs no parsing."""
    if cache is not None and cache.exists():
        return [Record.model_validate_json(line) for line in cache.read_text().splitlines()]
    from sankore.api import analyze_many
    from sankore.readers.text import article_from_text

    inputs = [article_from_text(texts[a.id], a.id, outlet=a.outlet, published=a.published) for a in articles]
    records = [r for r in analyze_many(inputs, event_coder=coder) if isinstance(r, Record)]
    if cache is not None:
        cache.write_text("\n".join(r.model_dump_json(by_alias=True) for r in records))
    return records
