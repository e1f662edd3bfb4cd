"""`sankore views`: bring the stored corpus views up to date, or rebuild them from the
records (argument handling and output only; the work is `corpus.stored`)."""

from __future__ import annotations

import sys
import time

import click

from .cli_support import database_url


@click.command(name="views")
@click.option("--db", required=True, metavar="URL", callback=database_url,
              help="Database URL, e.g. sqlite:///sankore.db.")
@click.option("--rebuild", is_flag=True, help="Recluster the near-duplicates of the whole store, "
              "empty the views and build them again from every stored record (the same tables "
              "the incremental updates give).")
def views_command(db: str, rebuild: bool) -> None:
    """Update the corpus views (event mentions, merged corpus events, actor-pair relations)
    with the documents stored since the last update; `ingest` does this after each run."""
    from .corpus import stored
    from .corpus.dedupe_store import recluster
    from .errors import StoreError
    from .store import open_store
    from .store.base import VIEWS_LOCK

    started = time.perf_counter()
    clusters = None
    try:
        with open_store(db, create=False) as store, store.exclusive(VIEWS_LOCK):
            if rebuild:  # the clusters first: corroboration counts each cluster once
                clusters = recluster(store)
            summary = stored.rebuild(store) if rebuild else stored.update(store)
    except StoreError as exc:
        click.echo(f"sankore: error: {exc}", err=True)
        sys.exit(1)
    reclustered = "" if clusters is None else f"{clusters} near-duplicate clusters, "
    click.echo(f"views: {reclustered}{summary.documents} documents, {summary.mentions} mentions, "
               f"{summary.corpus_events} corpus events written, {summary.recounted} recounted "
               f"in {time.perf_counter() - started:.1f} s")
