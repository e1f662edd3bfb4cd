"""Actors named by a country and a noun after it: a sector ("French troops", "Niger's national
army", "Russia's defence ministry") or an office ("the Turkish president", "Iraq's prime
minister").

CAMEO and PLOVER code both as the country with a sector: FRA MIL, RUS GOV, TUR GOV. Read
without the noun, "the Turkish president attacked …" gives the bare state (TUR) as the
actor, which an analyst counting government acts, or the news gold set's scorer, reads as a
different actor. Pure functions over the parsed `Doc`; `actors.ActorRecognizer` calls them
for each country it matches.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

# Words allowed between a country and its sector noun ("U.S. military forces", "Niger's
# national army"): modifiers that do not change the sector.
SECTOR_MODIFIERS = {"'s", "’s", "national", "federal", "central", "interim", "transitional",
                    "new", "former", "own", "special", "regular", "top", "senior", "state"}
_MAX_MODIFIERS = 3
# Nouns between a country and the sector noun they modify ("Russia's defence ministry", "the
# Syrian interior ministry"): at most this many.
_MAX_COMPOUNDS = 2
# Titles that after a country more often name something other than an office of its state:
# a sports team's "England captain", a country's "general" election, a "representative"
# sample, a "speaker" of a language. The person path (`actors._title_before`) still reads
# them before a name ("Gen. Mark Milley"). Officers of a court or a district (judge, justice,
# inspector, collector) and a bare "secretary" are left to that path too.
_NOT_OFFICES = {"captain", "capt.", "general", "gen.", "col.", "speaker", "representative", "rep.",
                "sen.", "secretary", "justice", "inspector", "collector", "judge"}


def _after_modifiers(doc: Doc, start: int) -> int:
    i = start
    while i < len(doc) and i - start < _MAX_MODIFIERS and doc[i].lower_ in SECTOR_MODIFIERS:
        i += 1
    return i


def sector_after(doc: Doc, start: int, sectors: dict[str, tuple[str, str]]
                 ) -> tuple[int, str, str] | None:
    """(end token, sector, kind) of the sector noun after a country ending before token `start`
    ("French [troops]", "U.S. [military forces]", "Russia's [defence ministry]"), or None."""
    i = _after_modifiers(doc, start)
    for width in (2, 1):
        if i + width <= len(doc):
            phrase = doc[i:i + width].text.lower()
            after = doc[i + width] if i + width < len(doc) else None
            # "Russian Special Military Operation": the sector word is a modifier there.
            compound = after is not None and after.pos_ in ("NOUN", "PROPN") and after.is_title
            if phrase in sectors and doc[i + width - 1].pos_ in ("NOUN", "PROPN") and not compound:
                return i + width, *sectors[phrase]
    head = _compound_head(doc, i)
    if head is not None and head.lower_ in sectors and head.pos_ in ("NOUN", "PROPN"):
        return head.i + 1, *sectors[head.lower_]
    return None


def _compound_head(doc: Doc, i: int) -> Token | None:
    """The noun that the nouns from token `i` on modify as compounds ("defence" → "ministry"),
    when it is at most `_MAX_COMPOUNDS` tokens on and every token before it modifies it."""
    if i >= len(doc) or doc[i].dep_ != "compound" or doc[i].pos_ not in ("NOUN", "PROPN"):
        return None
    head = doc[i].head
    if not i < head.i <= i + _MAX_COMPOUNDS:
        return None
    if any(doc[j].dep_ != "compound" or doc[j].head.i != head.i for j in range(i, head.i)):
        return None
    return head


def office_after(doc: Doc, start: int, roles: dict[str, str]) -> tuple[int, str, bool] | None:
    """(end token, title, named) of an office named after a country ending before token
    `start` ("the Turkish [president] said", "Iraq's [prime minister]"), or None. `named`: the
    title belongs to a name before or after it ("Turkish President Recep Tayyip Erdoğan",
    "Iraq's president, Barham Salih", "Erdoğan, Turkey's president"): the person carries the
    title and the country (`actors.ActorRecognizer._person`), and the country stays a mention
    of its own, as the actor test set codes it."""
    i = _after_modifiers(doc, start)
    if any(doc[j].lower_ == "former" for j in range(start, i)):
        return None  # "Iraq's former prime minister" holds no office of the state
    for width in (3, 2, 1):
        end = i + width
        if end > len(doc):
            continue
        title = doc[i:end].text.lower()
        if title not in roles or roles[title] == "IGO" or title in _NOT_OFFICES:
            continue
        last = doc[end - 1]
        if last.pos_ not in ("NOUN", "PROPN"):
            return None
        # "Recep Tayyip Erdoğan, Turkey's president, said": an apposition to a name.
        named = last.dep_ == "compound" or end < len(doc) and _names_someone(doc, end) or \
            last.dep_ == "appos" and (last.head.ent_type_ == "PERSON" or last.head.pos_ == "PROPN")
        return end, title, named
    return None


def _names_someone(doc: Doc, i: int) -> bool:
    """Whether a name starts at token `i`, or after a comma there (an apposition)."""
    if doc[i].text == "," and i + 1 < len(doc):
        i += 1
    return doc[i].ent_type_ == "PERSON" or doc[i].pos_ == "PROPN" and doc[i].is_title
