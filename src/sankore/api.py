"""The library's front door: `analyze()` one source, `analyze_many()` a stream of them.

The CLI is a thin layer over these two functions.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from itertools import islice
from pathlib import Path
from typing import Any, cast

from spacy.language import Language
from spacy.tokens import Doc

from .errors import AnalysisError, ReadError
from .geo.gazetteer import load_gazetteer
from .geo.outlets import Anchor, OutletEvidence, OutletHome, anchors
from .pipeline import DEFAULT_EVENT_CODER, DEFAULT_MODEL, get_pipeline
from .pipeline.parts import finish, is_long, parsed_in_parts
from .pipeline.to_records import doc_to_record
from .readers import (
    DEFAULT_TABLE_OPTIONS,
    Article,
    ReadFailure,
    TableOptions,
    article_from_text,
    publication_date,
    read_sources,
)
from .records import Record

log = logging.getLogger(__name__)

Source = str | Path | Article | ReadFailure


@dataclass
class Failure:
    """A source or document that produced no record, and why; the batch went on."""

    source: str
    reason: str
    code: str

    def __str__(self) -> str:
        return f"[{self.code}] {self.source}: {self.reason}"


def _articles(sources: Iterable[Source], options: TableOptions) -> Iterator[Article | ReadFailure]:
    for source in sources:
        if isinstance(source, (Article, ReadFailure)):
            yield source
        elif isinstance(source, Path):
            yield from read_sources([source], options)
        elif isinstance(source, str):
            _warn_if_path(source)
            yield article_from_text(source, None)
        else:
            raise TypeError("a source is text (str), a pathlib.Path or an Article, "
                            f"not {type(source).__name__}")


def _warn_if_path(text: str) -> None:
    """A `str` is always analysed as text; one that names an existing file was most likely
    meant as that file, so say how to read it (and analyse the string as asked)."""
    if len(text) < 4096 and "\n" not in text and text.strip():
        try:
            exists = Path(text).is_file()
        except (OSError, ValueError):
            exists = False
        if exists:
            warnings.warn(f"{text!r} is analysed as text, although it names a file: pass "
                          f"pathlib.Path({text!r}) to read the file", UserWarning, stacklevel=4)


def _published(value: str | date | None) -> str | None:
    if value is None:
        return None
    try:
        return publication_date(value).isoformat()
    except ValueError as error:
        raise ReadError(f"published: {error}") from None


def analyze_many(
    sources: Iterable[Source],
    published: str | date | None = None,
    *,
    batch_size: int = 16,
    model: str = DEFAULT_MODEL,
    event_coder: str = DEFAULT_EVENT_CODER,
    nlp: Language | None = None,
    table_options: TableOptions = DEFAULT_TABLE_OPTIONS,
    errors: str = "raise",
    outlet_homes: Mapping[str, OutletHome] | None = None,
) -> Iterator[Record | Failure]:
    """Analyse many sources, streamed through `nlp.pipe` in batches; one `Record` each.

    `sources` are strings of text, `pathlib.Path`s (files or folders, read by the reader
    that matches each file) or `Article`s. `published` overrides every document's date.
    With `errors="raise"` the first unreadable source raises; with `errors="yield"` a
    `Failure` is yielded in its place and the stream goes on. `event_coder`: "lexical"
    (default) or "embeddings", the event classifier that also reads sentence embeddings
    (the `embeddings` extra). `outlet_homes`: outlets' home areas by outlet name
    (`learn_outlet_homes` from a first reading, or what `sankore ingest` learns from its
    store), context for the places of each document whose outlet has one: a local paper's
    bare "Alexandria" is the one near its other articles' towns.
    """
    if errors not in ("raise", "yield"):
        raise ValueError(f"errors must be 'raise' or 'yield', not {errors!r}")
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, not {batch_size}")
    override = _published(published)
    nlp = nlp or get_pipeline(model, event_coder)
    stream = _articles(sources, table_options)
    while batch := list(islice(stream, batch_size)):
        articles = []
        for item in batch:
            if isinstance(item, ReadFailure):
                if errors == "raise":
                    raise ReadError(item.reason, source=item.source)
                yield Failure(item.source, item.reason, item.code)
            else:
                if override:
                    item.published = override
                articles.append(item)
        yield from _analyze_batch(nlp, articles, errors, _component_cfg(outlet_homes))


def _component_cfg(outlet_homes: Mapping[str, OutletHome] | None) -> dict[str, dict[str, Any]]:
    """Per-call arguments of the components (`nlp.pipe(component_cfg=...)`): the places
    stage's outlet homes travel with the call, never on the shared pipeline."""
    return {"sankore_places": {"outlet_homes": outlet_homes}} if outlet_homes else {}


def make_doc(nlp: Language, article: Article) -> Doc:
    """The unprocessed `Doc` of an article, with its date, boilerplate, author and outlet."""
    return with_metadata(nlp.make_doc(article.text), article)


def with_metadata(doc: Doc, article: Article) -> Doc:
    """`doc` with the article's date, boilerplate, author and outlet on `Doc._`."""
    doc._.published = date.fromisoformat(article.published) if article.published else None
    doc._.boilerplate = list(article.boilerplate)
    doc._.author = article.author
    doc._.outlet = article.outlet
    return doc


def _parsed(nlp: Language, articles: list[Article], cfg: dict[str, dict[str, Any]]) -> list[Doc]:
    if not any(is_long(nlp, a.text) for a in articles):
        return list(nlp.pipe([make_doc(nlp, a) for a in articles], batch_size=len(articles) or 1,
                             component_cfg=cfg))
    # A text over nlp.max_length is parsed in parts and joined (pipeline/parts.py), alone.
    return [finish(nlp, with_metadata(parsed_in_parts(nlp, a.text), a), cfg) if is_long(nlp, a.text)
            else next(nlp.pipe([make_doc(nlp, a)], component_cfg=cfg)) for a in articles]


def _analyze_batch(nlp: Language, articles: list[Article], errors: str,
                   cfg: dict[str, dict[str, Any]]) -> Iterator[Record | Failure]:
    try:
        docs = _parsed(nlp, articles, cfg)
    except Exception:  # noqa: BLE001 - one bad document must not take the batch down
        if len(articles) == 1:
            article = articles[0]
            log.exception("pipeline failed on %s", article.source)
            if errors == "raise":
                raise
            yield Failure(article.source or "<text>", "pipeline failed (see log)", AnalysisError.code)
            return
        for article in articles:  # find the culprit, keep the others
            yield from _analyze_batch(nlp, [article], errors, cfg)
        return
    for article, doc in zip(articles, docs, strict=True):
        try:
            yield doc_to_record(doc, article.document(), article.boilerplate)
        except Exception as exc:  # noqa: BLE001
            if errors == "raise":
                raise AnalysisError(str(exc), source=article.source) from exc
            yield Failure(article.source or "<text>", f"record conversion failed: {exc}",
                          AnalysisError.code)


def learn_homes(sources: Iterable[Source], *, batch_size: int = 16, model: str = DEFAULT_MODEL,
                nlp: Language | None = None, table_options: TableOptions = DEFAULT_TABLE_OPTIONS,
                ) -> dict[str, OutletHome]:
    """The home areas of the outlets of `sources`, from a first reading of every document
    that names its outlet (spaCy and the places stage only; `geo/outlets.py` says how a home
    is learned). Give the result to `analyze_many(sources, outlet_homes=...)`, which reads
    them again: `sankore analyze --outlet-homes`. An unreadable source or a document the
    pipeline fails on is passed over here; the second reading reports it.
    """
    evidence = OutletEvidence()
    articles = (a for a in _articles(sources, table_options) if isinstance(a, Article) and a.outlet)
    for number, (article, found) in enumerate(first_reading(articles, nlp or get_pipeline(model),
                                                            batch_size)):
        evidence.add(article.outlet, str(number), found)
    return evidence.homes()


def first_reading(articles: Iterable[Article], nlp: Language, batch_size: int = 16,
                  ) -> Iterator[tuple[Article, list[Anchor]]]:
    """Each article with the places it names that have one reading (`geo.outlets.anchors`,
    what homes are learned from), read with spaCy and the places stage only, each article
    alone (no home). An article the pipeline fails on is left out: the second reading
    reports it. `learn_homes` and `sankore ingest --learn-homes` read this way.
    """
    gaz = load_gazetteer()
    # The places stage reads spaCy's parse and nothing of the other Sankore stages.
    spacy_and_places = [n for n in nlp.pipe_names if not n.startswith("sankore_") or n == "sankore_places"]
    stream = iter(articles)
    while batch := list(islice(stream, batch_size)):
        # The other stages are off for this batch only: nothing yielded runs while they are,
        # so a caller may use the same pipeline between two articles.
        with nlp.select_pipes(enable=spacy_and_places):
            found = [(article, anchors([*doc._.places, *(p for p in doc._.demonyms if p.kind == "embedded")],
                                       gaz))
                     for article, doc in _parsed_or_skipped(nlp, batch)]
        yield from found


def _parsed_or_skipped(nlp: Language, articles: list[Article]) -> Iterator[tuple[Article, Doc]]:
    try:
        yield from zip(articles, _parsed(nlp, articles, {}), strict=True)
    except Exception:  # noqa: BLE001 - the second reading reports the culprit
        if len(articles) > 1:
            for article in articles:
                yield from _parsed_or_skipped(nlp, [article])


def analyze(source: Source, published: str | date | None = None, *,
            model: str = DEFAULT_MODEL, event_coder: str = DEFAULT_EVENT_CODER,
            nlp: Language | None = None) -> Record:
    """Analyse one text (a `str`) or one file (a `pathlib.Path`) and return its `Record`.

    A file that holds several documents (CSV, JSONL) is an error here: use
    `analyze_many`, which streams them.
    """
    stream = analyze_many([source], published, nlp=nlp, model=model, event_coder=event_coder)
    results = list(islice(stream, 2))
    if len(results) != 1:
        raise ReadError(f"holds {'several documents' if results else 'no document'}; "
                        "use analyze_many()", source=str(source))
    return cast(Record, results[0])  # errors="raise" (the default) yields no Failure
