"""PLOVER's single event category for an action type and its modality.

PLOVER returns one category where CAMEO-era coders wrote an action plus an auxiliary mode:
a promised cooperation is AGREE, a threatened attack THREATEN, a refused offer REJECT.
Sankore's records keep the action type and the modality (both are evidence); this is the
projection that scoring against PLOVER gold and the GDELT export apply; and the CAMEO root
of each PLOVER type. Pure tables, no parsing: the one module of events/ any layer may read.
"""

from __future__ import annotations

# PLOVER returns one event category where an action type plus an auxiliary mode (future,
# hypothetical, negation) has one of its own (PLOVER manual, "special cases"), and converted
# CAMEO data does the same: a promised or offered cooperation is AGREE (manual §AGREE: future
# CONSULT/SUPPORT/COOPERATE/AID; CAMEO 03 "Express intent to ...": 030-039), a threatened or
# conditional conflictual action is THREATEN ("THREATEN could be ASSAULT + hypothetical"; CAMEO
# 13), a refused cooperation is REJECT ("will not accept"; "all rejections and refusals",
# §REJECT). A promised concession or retreat is AGREE as well: the manual's draft 2.0 would
# keep a future CONCEDE and make a future RETREAT a CONCEDE, but the CAMEO->PLOVER table
# (CAMEO2PLOVER-2021: "035: AGREE # Express intent to yield", 0351-0356: ease sanctions,
# release persons, de-escalate) and the gold records made from CAMEO's examples code them
# AGREE ("is prepared to lift the ban", "will allow refugees to return": 2 of the 3 such
# training records), and the table is what converted data follows. The records keep the
# action type and the modality; scoring and the GDELT export project.
COOPERATIVE = {"CONSULT", "SUPPORT", "COOPERATE", "AID"}
YIELDING = {"RETREAT", "CONCEDE"}
CONFLICTUAL = {"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST"}
REFUSABLE = COOPERATIVE | YIELDING | {"AGREE"}

# PLOVER type -> the CAMEO root most of its codes come from: the CAMEO->PLOVER conversion
# table of the PLOVER manual, Draft 0.8 (CAMEO2PLOVER-2021.txt, Philip Schrodt, 2021; CC
# BY-SA 4.0) read backwards (PROTEST: 26 codes, all under 14). The one copy: the events
# stage sets `cameo` from it and the GDELT export falls back on it (export/cameo.py).
CAMEO_ROOT: dict[str, str] = {
    "AGREE": "03", "CONSULT": "04", "SUPPORT": "05", "COOPERATE": "06", "AID": "07",
    "CONCEDE": "08", "RETREAT": "08", "REQUEST": "10", "ACCUSE": "11", "REJECT": "12",
    "THREATEN": "13", "PROTEST": "14", "MOBILIZE": "15", "SANCTION": "16", "COERCE": "17",
    "ASSAULT": "18",
}


def plover_type(type_: str, modality: str) -> str:
    """The single PLOVER category for a coded action type and its modality."""
    if modality in ("planned", "hypothetical"):
        return "AGREE" if type_ in COOPERATIVE | YIELDING else "THREATEN" if type_ in CONFLICTUAL else type_
    if modality == "negated" and type_ in REFUSABLE:
        return "REJECT"
    return type_
