"""Where a name stands: the words around it that make it a place whatever the NER called
it ("in Niamey", "the town of Manbij", "came to Jinwar", "near Jackson, Mississippi").

Shared by the first pass of candidates and the second (`second_pass`), below both.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

PLACE_LABELS = {"GPE", "LOC"}  # the NER labels of places
# Prepositions after which a capitalized name is most often a place ("in Niamey").
LOCATIVE = {"in", "at", "near", "from", "to", "outside", "across", "toward", "towards",
            "through", "into", "around", "throughout", "via", "inside", "within", "between"}
DIRECTIONS = {"north", "south", "east", "west", "northeast", "northwest", "southeast",
              "southwest", "outskirts", "suburbs", "edge", "heart", "center", "centre"}
# Nouns of a kind of place before "of" ("the town of Manbij", "the province of Idlib"): the
# name after them is that place whatever the NER called it.
SETTLEMENTS = {"town", "city", "village", "hamlet", "township", "suburb", "municipality",
               "commune", "port", "district", "province", "region", "county",
               "parish", "borough", "state", "governorate", "prefecture", "oblast"}
# Prepositions after which a town the NER called a person or an organization is the town
# ("a course offered in Parkers Prairie", "lives in Tega Cay"): not "at" or "from", which
# take firms and senders too ("at Halliburton", "a letter from Jackson").
PLACE_PREPOSITIONS = {"in", "near", "outside", "inside"}


def surely_located(doc: Doc, start: int, end: int) -> bool:
    """"in Jackson", "near Jackson, Mississippi": a preposition of place, or a state or
    country after a comma, makes this mention a place even where the name is a person's."""
    prev = doc[start - 1].lower_ if start > 0 else ""
    after = doc[end:end + 2]
    return prev in ("in", "near", "at", "outside") or named_as_place(doc, start) or (
        len(after) == 2 and after[0].text == "," and after[1].ent_type_ == "GPE")


def before_noun(doc: Doc, end: int) -> bool:
    """"in Jackson's speech", "in Arab culture": the name after "in" is a person's, or it
    modifies the noun that is where things are."""
    return end < len(doc) and (doc[end].lower_ in ("'s", "’s", "'")
                               or doc[end].pos_ in ("NOUN", "ADJ"))


def where(doc: Doc, start: int, end: int) -> bool:
    """The name at [start, end) is where something is or goes: "in Jinwar", "the village of
    Kocho", "came to Jinwar", "fled from Kocho" (a verb's "to" or "from", not a noun's:
    "Ismaili's loss to Petrojet"), and no possessive follows ("in Jackson's speech")."""
    if start == 0 or before_noun(doc, end):
        return False
    prev = doc[start - 1]
    return prev.lower_ in PLACE_PREPOSITIONS or named_as_place(doc, start) or (
        prev.lower_ in ("to", "from", "into") and prev.head.pos_ == "VERB")


def named_as_place(doc: Doc, start: int) -> bool:
    """"the town of Manbij", "the Province of Ontario": a noun of a kind of place and "of"
    before the name at token `start`."""
    return start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in SETTLEMENTS


def locative(tok: Token | None, doc: Doc | None = None) -> bool:
    """`tok` is a preposition of place ("in", "to", "across"), or the "of" of "north of"."""
    if tok is None:
        return False
    if tok.lower_ == "of" and doc is not None and tok.i > 0:
        return doc[tok.i - 1].lower_ in DIRECTIONS  # "north of Moorhead"
    return tok.lower_ in LOCATIVE
