"""What an armed party makes of an event: backing one is AID, a strike by one an attack.

The lexicon's verbs name political acts ("backs", "strike"); who takes part decides the
PLOVER type where an armed force does: material or military support (AID, not SUPPORT), an
attack (ASSAULT, not a walkout).
"""

from __future__ import annotations

from spacy.tokens import Token

from ..mentions import ActorMention

# Backing an armed force is material or military support, PLOVER's AID, not the political
# SUPPORT the verbs name elsewhere ("rebels backed by Ankara", "Moscow backs the regime's
# troops"; the news gold set's guidelines §9, "Backing").
_BACKING = {"back", "support"}
_ARMED_KINDS = {"military", "armed_group"}
_ARMED_SECTORS = {"MIL", "REB", "IMG", "UAF"}


def armed_type(type_: str, trigger: Token, acting: list[ActorMention],
               targets: list[ActorMention]) -> str | None:
    """The type an armed party makes of the event, or None: backing an armed force is AID;
    a strike by one is an attack, no walkout ("Russian jets also struck in the east")."""
    if type_ == "SUPPORT" and trigger.lemma_.lower() in _BACKING and any(map(_armed, targets)):
        return "AID"
    if type_ == "PROTEST" and trigger.lemma_.lower() == "strike" and acting and all(map(_armed, acting)):
        return "ASSAULT"
    return None


def _armed(actor: ActorMention) -> bool:
    return actor.kind in _ARMED_KINDS or (actor.code or "").rpartition(" ")[2] in _ARMED_SECTORS
