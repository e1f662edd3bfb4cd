"""What an ingest run did: the summary it returns, the progress bar it shows, and the count
of each document's outcome."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field

from ..api import Failure

# What became of one document: True stored, False already stored (by another process
# meanwhile), or why it failed.
Outcome = bool | Failure


@dataclass
class IngestSummary:
    """What a run did: documents stored, skipped as already stored, and those that failed."""

    stored: int = 0
    duplicates: int = 0
    failed: list[Failure] = field(default_factory=list)
    clusters: int | None = None  # near-duplicate clusters after the run (None: not computed)

    @property
    def total(self) -> int:
        return self.stored + self.duplicates + len(self.failed)

    def line(self) -> str:
        """The summary line the CLI prints (its format is relied on by scripts)."""
        return f"stored {self.stored}, skipped {self.duplicates} already stored, failed {len(self.failed)}"



class Progress:
    """A rich progress bar on stderr (documents, documents/s, ETA), or nothing; with
    `first_reading`, a bar for that reading above it (first_reading.py)."""

    def __init__(self, enabled: bool, total: int | None, first_reading: bool = False) -> None:
        self.bar = None
        self.reading = None
        if not enabled:
            return
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.bar = Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[rate]} docs/s"), TimeElapsedColumn(), TextColumn("ETA"),
            TimeRemainingColumn(), TextColumn("{task.fields[status]}"),
            console=Console(file=sys.stderr), transient=False)
        if first_reading:
            self.reading = self.bar.add_task("first reading", total=total, rate="-", status="")
        self.task = self.bar.add_task("ingest", total=total, rate="-", status="")
        self.bar.start()

    def read(self) -> None:
        """One more document passed by the first reading."""
        if self.bar is None or self.reading is None:
            return
        task = self.bar.tasks[self.reading]
        speed = task.finished_speed or task.speed
        self.bar.update(self.reading, advance=1, rate=f"{speed:.1f}" if speed else "-")

    def advance(self, summary: IngestSummary) -> None:
        if self.bar is None:
            return
        task = self.bar.tasks[self.task]
        speed = task.finished_speed or task.speed
        self.bar.update(self.task, advance=1, rate=f"{speed:.1f}" if speed else "-",
                        status=f"stored {summary.stored}, skipped {summary.duplicates}, "
                               f"failed {len(summary.failed)}")

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()



def count(outcomes: list[Outcome], summary: IngestSummary, fail: Callable[[Failure], None],
           bar: Progress) -> None:
    for outcome in outcomes:
        if isinstance(outcome, Failure):
            fail(outcome)
            continue
        if outcome:
            summary.stored += 1
        else:  # stored meanwhile by another process: harmless, that is what ids are for
            summary.duplicates += 1
        bar.advance(summary)
