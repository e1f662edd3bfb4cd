"""PLOVER event type (and mode) -> CAMEO root code, and the CAMEO root's GDELT QuadClass.

Derived from the CAMEO->PLOVER conversion table of the PLOVER manual, Draft 0.8
(`CAMEO2PLOVER-2021.txt`, Philip Schrodt, 17 September 2021; licence CC BY-SA 4.0, so this
table is shared under CC BY-SA 4.0 too). That table maps each CAMEO code to one PLOVER
type; read backwards, a PLOVER type maps to the CAMEO root most of its codes come from
(`events.categories.CAMEO_ROOT`, the one copy). Where a mode selects another root (ASSAULT with
mode 'massacre' comes from 20, not 18), `MODE_ROOT` says so. A record's own `cameo` code,
when the events stage sets one, always wins over this table.
"""

from __future__ import annotations

from ..events.categories import CAMEO_ROOT

MODE_ROOT: dict[tuple[str, str], str] = {
    ("ACCUSE", "investigate"): "09",
    ("ASSAULT", "firearms"): "19", ("ASSAULT", "heavy-weapons"): "19",
    ("ASSAULT", "massacre"): "20", ("ASSAULT", "cleansing"): "20", ("ASSAULT", "unconventional"): "20",
    ("ASSAULT", "pro_autocracy"): "17", ("ASSAULT", "seize"): "17",
}


def cameo_root(plover_type: str | None, mode: str | None = None) -> str | None:
    """The CAMEO root (two digits) of a PLOVER type; None for a type CAMEO has no root for."""
    if plover_type is None:
        return None
    return MODE_ROOT.get((plover_type, mode or "")) or CAMEO_ROOT.get(plover_type)


def quad_class(root: str | None) -> int | None:
    """GDELT QuadClass of a CAMEO root: 1 verbal cooperation (01-05), 2 material cooperation
    (06-08), 3 verbal conflict (09-13), 4 material conflict (14-20)."""
    if not root or not root[:2].isdigit():
        return None
    number = int(root[:2])
    return 1 if number <= 5 else 2 if number <= 8 else 3 if number <= 13 else 4
