"""The Goldstein scale of a CAMEO event code, as GDELT fills its `GoldsteinScale` column.

`CAMEO.goldsteinscale.txt` beside this module is GDELT's own lookup file (the GDELT Project's
"CAMEO.goldsteinscale.txt", published with the GDELT 1.0/2.0 event codebooks among its
lookup tables), copied unchanged: one CAMEO code per line with its score from -10 (most
conflictual) to +10 (most cooperative). The scores are Goldstein's (J. S. Goldstein, "A
Conflict-Cooperation Scale for WEIS Events Data", Journal of Conflict Resolution 36(2),
1992) carried over to CAMEO by its authors. The score is a fixed property of the event code,
so the export looks it up; nothing is estimated from the text.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files


@lru_cache(maxsize=1)
def _scale() -> dict[str, float]:
    lines = (files(__package__) / "CAMEO.goldsteinscale.txt").read_text("ascii").splitlines()
    return {code: float(value) for code, value in (line.split("\t") for line in lines[1:] if line)}


def goldstein(code: str | None) -> float | None:
    """The score of a CAMEO code ('0874', '190', '04'); a code the table lacks takes its
    parent's (a four-digit code its three-digit base, then its root); None without a code."""
    if not code:
        return None
    scale = _scale()
    for length in range(len(code), 1, -1):
        if code[:length] in scale:
            return scale[code[:length]]
    return None
