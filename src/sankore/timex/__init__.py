"""Time expressions: recognition (`recognize`) and TIMEX3 normalization (`normalize`).

Pure functions over a string and an anchor date, so that they test and batch without spaCy;
`sankore.pipeline.times` wires them into the pipeline and adds what only the parse knows
(the tense of the governing verb).
"""

from .normalize import Resolved, resolve
from .recognize import Candidate, TimexRecognizer

__all__ = ["Candidate", "Resolved", "TimexRecognizer", "resolve"]
