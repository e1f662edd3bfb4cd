"""The `sankore` command: argument handling and output only; the work is in the library."""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.console import Console

from . import __version__
from .cli_support import (
    F,
    database_url,
    event_query,
    output_to,
    published_date,
    query_options,
    write_rows,
)
from .cli_views import views_command
from .eval.formats import EVENT_GOLD_FORMATS, EVENT_GOLD_MODULES, event_gold_format
from .models import CODERS, DEFAULT_MODEL, require_installed
from .models import DEFAULT_CODER as DEFAULT_EVENT_CODER
from .table import render
from .text import printable
from .web.cli import serve

if TYPE_CHECKING:
    from .api import Failure

EVAL_TASKS = ("geo", "time", "actors", "quotes", "events")


def _report(failure: Failure) -> None:
    click.echo(f"sankore: error: {printable(failure.source)}: {printable(failure.reason)}", err=True)


table_options = [
    click.option("--text-column", help="CSV/JSONL column holding the text "
                 "(default: the first of text, doc_text, full_text, body, content)."),
    click.option("--date-column", help="CSV/JSONL column holding the publication date "
                 "(default: published, date, pub_date…)."),
    click.option("--title-column", help="CSV/JSONL column holding the title (default: title, headline)."),
]


def installed_coder(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """The embeddings coder is an extra: asked for without it, a usage error that says how to
    install it, before any document is read."""
    if value is not None:
        try:
            require_installed(value)
        except ImportError as error:
            raise click.BadParameter(str(error)) from None
    return value


event_coder_option = click.option(
    "--event-coder", type=click.Choice(CODERS), default=DEFAULT_EVENT_CODER, show_default=True,
    callback=installed_coder,
    help="lexical: the event classifier reads the trigger sentence's words; embeddings: also its "
         "MiniLM embedding (the `embeddings` extra; slower, no better on news: see the events "
         "DATA_CARD).")


def with_table_options(func: F) -> F:
    for option in reversed(table_options):
        func = option(func)
    return func


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sankore")
def main() -> None:
    """Sankore: news articles in, evidence-linked event records out."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", callback=published_date, metavar="YYYY-MM-DD",
              help="Publication date for every document (overrides what the file says).")
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "table"]), default="json",
              show_default=True, help="json: indented (an array when there are several "
              "documents); jsonl: one record per line; table: for reading.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to FILE (whole or not at all) instead of standard output.")
@click.option("--model", default=DEFAULT_MODEL, show_default=True,
              help="spaCy model package to build the pipeline on.")
@event_coder_option
@click.option("--batch-size", default=16, show_default=True, type=click.IntRange(min=1),
              help="Documents per nlp.pipe batch.")
@click.option("--outlet-homes", is_flag=True,
              help="Read the inputs twice: first to learn each outlet's home area from the places "
              "its documents name with one reading, then to resolve ambiguous names with it (a "
              "local paper's bare 'Alexandria'). Only documents that name their outlet gain; not "
              "with standard input.")
@with_table_options
def analyze(paths: tuple[str, ...], published: str | None, fmt: str, output: Path | None,
            model: str, event_coder: str, batch_size: int, outlet_homes: bool, text_column: str | None,
            date_column: str | None, title_column: str | None) -> None:
    """Analyse PATHS (files, folders, or - for standard input) and print one sankore/1
    record per document.

    Reads plain text in any common encoding, HTML pages, CSV/TSV and JSON Lines files.
    Unreadable inputs are reported on standard error, one line each, and the others go
    on; the exit status is 1 if any input failed.
    """
    from .api import Failure, analyze_many, learn_homes  # spaCy loads here, not for --help
    from .readers import TableOptions

    options = TableOptions(text_column, date_column, title_column)
    sources = [Path(p) if p != "-" else p for p in paths]
    if outlet_homes and "-" in sources:
        raise click.UsageError("--outlet-homes reads the inputs twice: standard input cannot be")
    homes = learn_homes(sources, batch_size=batch_size, model=model, table_options=options) \
        if outlet_homes else None
    failed = 0
    records = 0
    buffered = []  # --format json writes one document as an object, several as an array
    with output_to(output) as out:
        stream = analyze_many(_expand_stdin(sources), published, batch_size=batch_size,
                              model=model, event_coder=event_coder,
                             table_options=TableOptions(text_column, date_column, title_column),
                              errors="yield", outlet_homes=homes)
        for item in stream:
            if isinstance(item, Failure):
                failed += 1
                _report(item)
                continue
            records += 1
            if fmt == "jsonl":
                out.write(item.to_json() + "\n")
            elif fmt == "table":
                render(item, Console(file=out, width=None if out.isatty() else 160))
            else:
                buffered.append(item.to_dict())
        if fmt == "json" and buffered:
            data = buffered[0] if len(buffered) == 1 else buffered
            out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    if failed:
        click.echo(f"sankore: {records} document(s) analysed, {failed} failed", err=True)
        sys.exit(1)


def _expand_stdin(sources: list) -> Iterator:
    from .readers import read_sources

    for source in sources:
        if source == "-":
            yield from read_sources(["-"])
        else:
            yield source


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", metavar="URL", callback=database_url,
              help="Database URL, e.g. sqlite:///sankore.db (created if missing) or postgresql://…. "
              "Required unless --out.")
@click.option("--published", callback=published_date, metavar="YYYY-MM-DD",
              help="Publication date for every document (overrides what the file says).")
@click.option("--model", default=DEFAULT_MODEL, show_default=True)
@event_coder_option
@click.option("--batch-size", default=16, show_default=True, type=click.IntRange(min=1),
              help="Documents per chunk sent to a worker.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(min=1),
              help="Worker processes, each holding the pipeline once (at most one per core).")
@click.option("--no-progress", is_flag=True, help="No progress bar (it is shown only on a terminal anyway).")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="ray: analyse on a Ray cluster with Ray Data, --workers actors each holding the "
              "pipeline (needs the [ray] extra; docs/scale.md).")
@click.option("--address", metavar="ADDRESS", help="With --engine ray: the cluster ('auto', "
              "'ray://host:10001'); default: a local cluster of --workers CPUs.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), metavar="DIR",
              help="With --engine ray, instead of --db: write the records to a Parquet dataset in DIR "
              "(one row per document, each once; docs/scale.md).")
@click.option("--outlet-homes/--no-outlet-homes", default=True, show_default=True,
              help="Resolve ambiguous place names with their outlet's home area, learned from the places "
              "with one reading of its documents that earlier runs stored (with --out: only --learn-homes).")
@click.option("--learn-homes", is_flag=True, help="Also learn the homes from a first reading of this run's "
              "new documents (spaCy and the places stage: 1.75x the time on LGL). Not with standard input.")
@with_table_options
def ingest(paths: tuple[str, ...], db: str | None, published: str | None, model: str, event_coder: str,
           batch_size: int, workers: int, no_progress: bool, engine: str, address: str | None,
           out: Path | None, outlet_homes: bool, learn_homes: bool, text_column: str | None,
           date_column: str | None, title_column: str | None) -> None:
    """Analyse PATHS and store each document with all its records in the database.

    A document already stored (same normalized text) is skipped before it is analysed, so an
    interrupted run, started again, resumes; each document is stored whole or not at all.
    Ambiguous place names are resolved with their outlet's home area, learned from what earlier
    runs stored and, with --learn-homes, from a first reading of this run's new documents.
    Near-duplicates (wire copies, re-posts) are clustered at the end. Prints a summary; each
    failure is listed with its reason on stderr; the exit status is 1 if any failed.
    """
    from .errors import OutputError, StoreError
    from .ingest import ingest as run_ingest
    from .readers import TableOptions

    if (db is None) == (out is None):
        raise click.UsageError("give --db URL (a database) or --out DIR (a Parquet dataset), one of them")
    if out is not None and engine != "ray":
        raise click.UsageError("--out DIR is written by the Ray engine: add --engine ray")
    if learn_homes and (not outlet_homes or "-" in paths):
        raise click.UsageError("--learn-homes reads the inputs twice: not standard input" if outlet_homes
                               else "--learn-homes learns homes; --no-outlet-homes turns them off")
    try:
        summary = run_ingest(list(paths), db, workers=workers, batch_size=batch_size, published=published,
                             model=model, event_coder=event_coder, progress=not no_progress, engine=engine,
                             table_options=TableOptions(text_column, date_column, title_column), out=out,
                             address=address, on_failure=_report, outlet_homes=outlet_homes,
                             learn_homes=learn_homes)
    except (StoreError, OutputError) as exc:
        click.echo(f"sankore: error: {exc}", err=True)
        sys.exit(1)
    except ValueError as exc:  # --workers beyond the machine's cores
        raise click.UsageError(str(exc)) from None
    click.echo(summary.line())
    if summary.failed:
        sys.exit(1)


@main.command(name="export")
@click.option("--db", required=True, metavar="URL", callback=database_url, help="Database URL, e.g. sqlite:///sankore.db.")
@click.option("--format", "fmt", required=True, type=click.Choice(["csv", "jsonl", "parquet", "gdelt"]),
              help="gdelt: the GDELT 2.0 event-table layout (61 tab-separated columns, no header).")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (replaced whole, or left as it was if the export fails).")
@click.option("--table", default="events", show_default=True,
              type=click.Choice(["events", "entities", "places", "times", "quotes", "documents"]))
def export_command(db: str, fmt: str, output: Path, table: str) -> None:
    """Export one table of the database (one row per record) to a file."""
    from .errors import OutputError, StoreError
    from .export import export
    from .store import open_store

    try:
        with open_store(db, create=False) as store:
            count = export(store, fmt, output, table=table)
    except (StoreError, OutputError, ValueError) as exc:
        click.echo(f"sankore: error: {exc}", err=True)
        sys.exit(1)
    click.echo(f"exported {count} {table} rows to {output}")


@main.command(name="events")
@click.option("--db", required=True, metavar="URL", callback=database_url, help="Database URL, e.g. sqlite:///sankore.db.")
@click.option("--merged", is_flag=True, help="Corpus events: each real-world event once, with its "
              "mentions and corroboration (distinct outlets, near-duplicates counted once).")
@query_options
@click.option("--limit", type=click.IntRange(min=1), help="At most N rows (a page).")
@click.option("--offset", default=0, type=click.IntRange(min=0), help="Skip the first N rows.")
def events_command(db: str, merged: bool, actor: str | None, target: str | None, event_type: str | None,
                   modality: str | None, since: str | None, until: str | None, near: str | None,
                   radius: float, source: str | None, text: str | None, min_confidence: float, fmt: str,
                   output: Path | None, limit: int | None, offset: int) -> None:
    """List stored events (one row per article's mention, or --merged across articles),
    filtered by actor, target, type, modality, date range, place, source and text, in a
    stable order (mentions: by document; corpus events: first reported first).

    Filters are SQL over the stored corpus views. A corpus event is listed when one of its
    mentions matches; what it is (its id, mentions, corroboration) never depends on the filter."""
    from dataclasses import fields, replace

    from .corpus.merge import CorpusEvent
    from .corpus.query import as_dicts
    from .corpus.rows import EventRow
    from .corpus.views import stored_corpus_events, stored_rows
    from .errors import StoreError
    from .store import open_store

    query = event_query(actor, target, event_type, modality, since, until, near, radius, source, text)
    try:
        with open_store(db, create=False) as store:
            items: list  # corpus events (--merged) or event rows
            if merged:
                items = stored_corpus_events(store, query, min_confidence, limit, offset)
            else:
                items = stored_rows(store, replace(query, min_confidence=min_confidence), limit, offset)
    except StoreError as exc:
        click.echo(f"sankore: error: {exc}", err=True)
        sys.exit(1)
    rows = as_dicts(items)
    columns = [f.name for f in fields(CorpusEvent if merged else EventRow)]
    if fmt == "table":
        columns = (["id", "type", "mode", "actors", "targets", "start", "end", "place", "corroboration",
                    "outlets"] if merged else
                   ["doc_id", "event_id", "type", "mode", "modality", "actors", "targets", "date_value",
                    "place", "outlet", "confidence"])
        rows = [{k: row[k] for k in columns} for row in rows]
    write_rows(rows, fmt, output, "corpus events" if merged else "event mentions", columns)


@main.command(name="relations")
@click.option("--db", required=True, metavar="URL", callback=database_url, help="Database URL, e.g. sqlite:///sankore.db.")
@click.option("--period", type=click.Choice(["day", "week", "month", "year"]), default="month",
              show_default=True)
@query_options
def relations_command(db: str, period: str, actor: str | None, target: str | None,
                      event_type: str | None, modality: str | None, since: str | None,
                      until: str | None, near: str | None, radius: float, source: str | None,
                      text: str | None, min_confidence: float, fmt: str, output: Path | None) -> None:
    """Actor-pair relations per period: event counts by type and quad class, and the mean
    PLOVER cooperation (+10) / conflict (-10) score, with the corpus events behind each."""
    from dataclasses import asdict

    from .corpus.views import stored_relations
    from .errors import StoreError
    from .store import open_store

    query = event_query(actor, target, event_type, modality, since, until, near, radius, source, text)
    try:
        with open_store(db, create=False) as store:
            table = stored_relations(store, period, query, min_confidence)
    except StoreError as exc:
        click.echo(f"sankore: error: {exc}", err=True)
        sys.exit(1)
    rows = [{**{k: v for k, v in asdict(r).items() if k != "score_sum"}, "score": r.score} for r in table]
    write_rows(rows, fmt, output, f"relations by {period}",
               ["actor", "target", "period", "events", "by_type", "by_quad", "event_ids", "score"])


@main.command(name="eval")
@click.argument("task", type=click.Choice(EVAL_TASKS))
@click.option("--gold", required=True, type=click.Path(exists=True, path_type=Path),
              help="Gold data: a file or a folder in the task's format.")
@click.option("--limit", type=int, help="Score only the first N documents.")
@click.option("--split", help="quotes: the PolNeAR split (train or dev; default dev). events with "
              "--format news: dev, test or blind (default dev); with --format india-police: dev or test "
              "(default test).")
@click.option("--format", "gold_format", type=click.Choice(EVENT_GOLD_FORMATS),
              help="events only: the gold's format (default: found from the folder).")
@click.option("--corpus", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="events --format news only: the shared corpus folder holding the articles' texts "
              "(default ../shared/data/corpus).")
@click.option("--event-coder", type=click.Choice(CODERS), callback=installed_coder,
              help=f"events only: the packaged model to score (default {DEFAULT_EVENT_CODER}).")
def evaluate(task: str, gold: Path, limit: int | None, split: str | None, gold_format: str | None,
             corpus: Path | None, event_coder: str | None) -> None:
    """Score the pipeline on gold data and print the figures (Sankore and the task's
    baseline, run in the same command) as JSON.

    \b
    geo:  LGL / GeoVirus XML (../shared/data/geo/), each set read twice:
          each article alone (single_document) and with its outlet's home
          learned from the outlet's other articles (sankore); baseline:
          gazetteer lookup of spaCy GPE/LOC entities.
    time: TimeML .tml files (../shared/data/time/); baseline: dateparser's search_dates.
    actors: the actor test set gold/actors.jsonl; baseline: spaCy NER + country lookup.
    quotes: PolNeAR brat files (../shared/data/quotes/); baseline: textacy's
          direct_quotations when installed, else a plain quote-mark baseline.
    events: --format gsr: PLOVER gold-standard records (../shared/data/events/, or
          any file or folder of records in their format); records the model trained
          on are skipped (on the GSR that leaves its held split); baseline: the
          trigger lexicon alone.
          --format news: the news gold set (gold/news_events), real articles
          analysed end to end; reference: the other event coder.
          --format india-police: IndiaPoliceEvents sentence labels
          (../shared/data/corpus/india_police_events); baseline: keywords.
    """
    from .errors import EvalError

    if gold_format and task != "events":
        raise click.BadParameter("--format applies to the events task only", param_hint="--format")
    if corpus and gold_format not in (None, "news"):
        raise click.BadParameter("--corpus applies to --format news only", param_hint="--corpus")
    module_name = task if task != "events" else EVENT_GOLD_MODULES[gold_format or event_gold_format(gold)]
    module = importlib.import_module(f"sankore.eval.{module_name}")
    options: dict[str, object] = {}
    if split:
        if module_name not in ("quotes", "news_events", "india_police"):
            raise click.BadParameter("--split applies to quotes and to events in the news and "
                                     "india-police formats", param_hint="--split")
        options["split"] = split
    if event_coder and task != "events":
        raise click.BadParameter("--event-coder applies to the events task only", param_hint="--event-coder")
    if event_coder:
        options["event_coder"] = event_coder
    if corpus:
        options["corpus"] = corpus
    try:
        figures = module.evaluate(gold, limit=limit, **options)
    # Gold that is missing, unreadable or not in the task's format: one line naming the path.
    except (OSError, ValueError, EvalError) as exc:
        click.echo(f"sankore: error: {exc}", err=True)
        sys.exit(1)
    click.echo(json.dumps(figures, indent=2, ensure_ascii=False))


main.add_command(serve)
main.add_command(views_command)

if __name__ == "__main__":
    main()
