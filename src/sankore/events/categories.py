"""PLOVER's single event category for an action type and its modality.

PLOVER returns one category where CAMEO-era coders wrote an action plus an auxiliary mode:
a promised cooperation is AGREE, a threatened attack THREATEN, a refused offer REJECT.
Sankore's records keep the action type and the modality (both are evidence); this is the
projection that scoring against PLOVER gold and the GDELT export apply. Pure, no parsing.
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


def plover_type(type_: str, modality: str) -> str:
    """The single PLOVER category for a coded action type and its modality."""
    if modality in ("planned", "hypothetical"):
        return "AGREE" if type_ in COOPERATIVE | YIELDING else "THREATEN" if type_ in CONFLICTUAL else type_
    if modality == "negated" and type_ in REFUSABLE:
        return "REJECT"
    return type_
