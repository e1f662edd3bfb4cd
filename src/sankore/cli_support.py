"""What the `sankore` commands share beyond click itself: the date callback, output that is
written whole or not at all, and the options, query and table output of the commands that
read the store (`events`, `relations`). Argument handling and output only, as cli.py."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import IO, Any, NoReturn, TypeVar

import click
from rich.console import Console
from rich.text import Text

from .corpus.query import EventQuery
from .errors import OutputError, StoreError
from .output import atomic_output
from .text import printable

F = TypeVar("F", bound=Callable[..., Any])


def iso_date(ctx: click.Context | None, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from None


def published_date(ctx: click.Context | None, param: click.Parameter, value: str | None) -> str | None:
    """--published: a date in YYYY-MM-DD form within the range relative times resolve in."""
    from .readers.base import publication_date

    if value is None:
        return None
    try:
        return publication_date(value).isoformat()
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


def database_url(ctx: click.Context | None, param: click.Parameter, value: str | None) -> str | None:
    """--db: a URL that names a database that outlives the command (not in-memory)."""
    from .store import MEMORY, sqlite_path

    if value is None:
        return None
    try:
        path = sqlite_path(value)
    except StoreError as error:
        raise click.BadParameter(error.reason) from None
    if path == MEMORY:
        raise click.BadParameter("an in-memory database keeps nothing once the command ends: "
                                 "name a file, e.g. sqlite:///sankore.db")
    return value


@contextmanager
def output_to(path: Path | None) -> Iterator[IO[str]]:
    """Standard output (no path, or "-"), or a file written whole or not at all
    (`output.atomic_output`: never in place of a device, FIFO or link).

    A run that produced nothing leaves an existing file as it was. A file that cannot be
    written is one line on stderr naming it, and exit status 1.
    """
    if path is None:
        yield sys.stdout
        return
    try:
        with atomic_output(path, keep_if_empty=True) as out:
            yield out
    except OutputError as error:
        click.echo(f"sankore: error: {printable(str(error))}", err=True)
        sys.exit(1)


def query_options(func: F) -> F:
    options = [
        click.option("--actor", help="Actor code ('RUS GOV'), country ('RUS') or words of a name "
                     "('Lavrov'), any case."),
        click.option("--target", help="Target code, country or words of a name, any case."),
        click.option("--type", "event_type", help="PLOVER event type (ASSAULT, CONSULT…)."),
        click.option("--modality", type=click.Choice(["asserted", "reported", "planned",
                                                      "hypothetical", "negated"])),
        click.option("--since", callback=iso_date, metavar="YYYY-MM-DD"),
        click.option("--until", callback=iso_date, metavar="YYYY-MM-DD"),
        click.option("--near", metavar="LAT,LON", help="Only events placed within --radius of this point."),
        click.option("--radius", default=50.0, show_default=True, help="Kilometres, with --near."),
        click.option("--source", help="Outlet (case-insensitive substring)."),
        click.option("--text", help="Full-text query over the event's article (words, \"a phrase\")."),
        click.option("--min-confidence", default=0.0, show_default=True, type=click.FloatRange(0, 1)),
        click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
                     show_default=True),
        click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
                     help="Write to FILE instead of standard output."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def event_query(actor: str | None, target: str | None, event_type: str | None, modality: str | None,
                since: str | None, until: str | None, near: str | None, radius: float,
                source: str | None, text: str | None = None, min_confidence: float = 0.0) -> EventQuery:
    """The store query the --actor, --target … options describe; an impossible one is a
    usage error of one line (`QueryError` says what is wrong)."""
    from .errors import QueryError

    def refuse(message: str) -> NoReturn:  # one line, as every other refused input
        click.echo(f"sankore: error: {message}", err=True)
        sys.exit(2)

    point = None
    if near:
        try:
            lat, lon = (float(x) for x in near.split(","))
            point = (lat, lon)
        except ValueError:
            refuse(f"--near {near!r} is not LAT,LON")
    context = click.get_current_context(silent=True)
    if not near and context is not None and \
            context.get_parameter_source("radius") is not click.core.ParameterSource.DEFAULT:
        refuse("--radius applies to --near only: give the point too")
    try:
        return EventQuery(actor=actor, target=target, type=event_type, modality=modality,
                          since=date.fromisoformat(since) if since else None,
                          until=date.fromisoformat(until) if until else None,
                          near=point, radius_km=radius, source=source, text=text,
                          min_confidence=min_confidence)
    except QueryError as error:
        refuse(error.reason)


def flat(value: object) -> str:
    """A list or a mapping as one cell: 'a;b', 'ASSAULT=2;CONSULT=1'. Nested values (a corpus
    event's mentions, [[doc_id, event_id], …]) are JSON text, never a Python repr."""
    nested = (list, dict, tuple)
    if isinstance(value, dict):
        if any(isinstance(v, nested) for v in value.values()):
            return json.dumps(value, ensure_ascii=False)
        return ";".join(f"{k}={v}" for k, v in value.items())
    if isinstance(value, list | tuple):
        if any(isinstance(v, nested) for v in value):
            return json.dumps(value, ensure_ascii=False)
        return ";".join(map(str, value))
    return "" if value is None else str(value)


def write_rows(rows: list[dict], fmt: str, output: Path | None, title: str,
               columns: list[str] | None = None) -> None:
    """`columns`: the header when there are no rows (a CSV of no rows is still a CSV)."""
    import csv

    with output_to(output) as out:
        if fmt == "json":
            out.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        elif fmt == "csv":
            if rows or columns:
                writer = csv.DictWriter(out, fieldnames=list(rows[0]) if rows else list(columns or []))
                writer.writeheader()
                writer.writerows({k: flat(v) for k, v in row.items()} for row in rows)
        else:
            from rich.table import Table

            table = Table(title=title, header_style="bold")
            for column in rows[0] if rows else ["(no rows)"]:
                table.add_column(column, overflow="fold")
            for row in rows:  # stored text, shown as it is: never parsed as rich markup
                table.add_row(*(Text(flat(v)) for v in row.values()))
            Console(file=out, width=None if out.isatty() else 200).print(table)
