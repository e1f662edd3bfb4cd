"""What the extraction rules find: one attribution, with character offsets into the text.

Its own module, below both `extract.py` (which finds attributions) and `candidates.py`
(which judges them), so that each can name the type without importing the other.
"""

from __future__ import annotations

from dataclasses import dataclass

from .speakers import Speaker


@dataclass(frozen=True)
class Attribution:
    content: tuple[tuple[int, int], ...]
    kind: str  # direct, indirect, mixed
    cue: str | None = None
    cue_span: tuple[int, int] | None = None
    speaker: Speaker | None = None
    via: tuple[int, int] | None = None
    stance: bool = False  # content is a noun phrase ("criticized the deal"), not a proposition

    @property
    def envelope(self) -> tuple[int, int]:
        return self.content[0][0], self.content[-1][1]
