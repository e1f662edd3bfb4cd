"""Sankore's errors, each with a code a user can search for (as spaCy's `[E005]`)."""

from __future__ import annotations


class SankoreError(Exception):
    """Base class: every error Sankore raises on purpose."""

    code = "S000"

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.source = source
        self.reason = message
        prefix = f"{source}: " if source else ""
        super().__init__(f"[{self.code}] {prefix}{message}")


class ReadError(SankoreError):
    """An input could not be read into a document (missing, empty, binary, bad encoding…)."""

    code = "S100"


class MalformedRowError(ReadError):
    """One row of a CSV/JSONL file is malformed; the other rows are still read."""

    code = "S101"


class AnalysisError(SankoreError):
    """The pipeline failed on one document; the batch goes on."""

    code = "S200"


class StoreError(SankoreError):
    """A document could not be stored; nothing of it was written."""

    code = "S300"


class QueryError(SankoreError):
    """A query of the stored events asks for something impossible (a point off the globe,
    --since after --until, an unknown event type, a blank name)."""

    code = "S600"


class EvalError(SankoreError):
    """A gold dataset could not be read or scored."""

    code = "S400"


class OutputError(SankoreError):
    """An output file could not be written; what was there before is left as it was."""

    code = "S500"
