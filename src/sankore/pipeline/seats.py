"""A capital named as a party to a relation stands for its government: "Moscow's readiness to
aid", "talks between Kyiv and the AES states", "negotiations with Baghdad".

The places component marks a capital as metonymic when it speaks or decides ("Moscow said",
`geo/metonymy.py`); a capital that owns an act or is the other side of a relation is as much
an actor, and the events stage needs it as a participant ("severing relations between Kyiv
and …" has no target without it). Only a possessor, the object of "with", "between" or
"against" under a word of relation or conflict, or the capital a delegation visits or turns
to ("visited Moscow for talks", "the visit to Moscow", "turned to Moscow for assistance":
the government received them) counts: "flights between Kyiv and Moscow", "clashes in
Baghdad" or "arrived in Moscow" name places.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..mentions import PlaceMention

# Heads under which "with/between/against <capital>" names a government (lemmas).
RELATION_WORDS = {"talk", "negotiation", "relation", "tie", "agreement", "deal", "dialogue", "meeting",
                  "contact", "cooperation", "dispute", "tension", "conflict", "war", "rift", "row",
                  "standoff", "negotiate", "meet", "cooperate", "agree", "clash", "side", "ally",
                  "sever", "break", "normalize", "normalise", "restore", "mediate", "sanction", "pressure"}
_PREPS = {"with", "between", "against"}
# A capital that is the object of these (or of "to" under them) is the government visited or
# appealed to (lemmas).
VISIT_WORDS = {"visit", "trip", "tour", "delegation", "mission", "turn", "appeal"}


def party_to_relation(doc: Doc, place: PlaceMention) -> bool:
    """Whether the place's words are a possessor ("Moscow's") or the object of with/between/
    against under a word of relation ("talks with Baghdad")."""
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    tok = span.root
    while tok.dep_ == "conj" and tok.head.i != tok.i:  # "between Kyiv and Moscow"
        tok = tok.head
    if tok.dep_ == "poss" or visited(tok):
        return True
    return tok.dep_ == "pobj" and tok.head.lower_ in _PREPS and tok.head.head.lemma_.lower() in RELATION_WORDS


def visited(tok: Token) -> bool:
    """Whether the place word `tok` is what a visit or an appeal goes to ("visited Moscow",
    "the visit to Moscow", "turned to Moscow"): the government received them there, so the
    place is both the event's target and its place."""
    if tok.dep_ == "dobj" and tok.head.lemma_.lower() == "visit":
        return True
    return tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.lemma_.lower() in VISIT_WORDS
