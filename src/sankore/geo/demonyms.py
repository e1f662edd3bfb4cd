"""Demonyms and adjectives of place: "Russian troops", "Malian junta", "Mexicans",
"Sahelian states", "European allies", linked to the country or region they name.

GeoWebNews counts these as toponyms of their own kinds: `modifier` when the word modifies a
noun ("Russian troops"), `demonym` when it names the people ("Mexicans", "the French",
"I am British"). A map shows neither; an analyst reading actors wants both.

Two sources, in this order:
- `resources/data/demonyms.tsv`, built from registry packages by
  `training/resources/build_demonyms.py`: a country's adjective and its plural noun;
- the English derivations of a gazetteer name ("Sahel" -> "Sahelian", "Africa" ->
  "African", "Somalia" -> "Somalian", "Middle East" -> "Middle Eastern") for the words the
  table lacks, accepted only for a country, continent or region and only when the parse
  reads the word as a nationality (a NORP entity) or an adjective.
Words of peoples that are no country ("Kurdish", "Arab", "Yazidi") derive from no such
name and stay unlinked.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Token

from ..records import PlaceKind
from .gazetteer import DATA, Gazetteer, GazPlace
from .metonymy import modifies_noun
from .names import name_key

DEMONYMS_FILE = DATA / "demonyms.tsv"
# Features a derived adjective may name: "Sahelian" is the Sahel's, never a town's.
DERIVED_FEATURES = ("country", "continent", "region")
# English adjective endings, longest first, and what they replace in the name
# ("Sahel-ian", "Europ-ean" of Europe, "Afric-an" of Africa, "Iraq-i", "Middle East-ern").
SUFFIXES = (("ian", ""), ("ean", "e"), ("ern", ""), ("an", ""), ("an", "e"), ("n", ""),
            ("i", ""), ("ese", ""))
# Entities inside which a nationality word is no place: a person's name, a language.
SKIPPED_LABELS = {"PERSON", "LANGUAGE"}
MAX_WORDS = 2  # "North Korean", "West African"


@dataclass(frozen=True)
class DemonymMatch:
    tok_start: int
    tok_end: int
    place: GazPlace
    kind: PlaceKind  # "modifier" or "demonym"
    derived: bool  # from a gazetteer name, not from the table


def read_table(path: Path = DEMONYMS_FILE) -> dict[str, str]:
    """Name key of each form and plural -> ISO alpha-3 code."""
    table: dict[str, str] = {}
    header = True
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header:
            header = False
            continue
        if len(cells) != 3:
            raise ValueError(f"{path}: expected 3 tab-separated columns, got {line!r}")
        form, code, plural = cells
        table.setdefault(name_key(form), code)
        table.setdefault(name_key(plural), code)
    return table


@lru_cache(maxsize=1)
def demonym_table() -> dict[str, str]:
    return read_table()


def derived_place(gaz: Gazetteer, text: str) -> GazPlace | None:
    """The country, continent or region whose English adjective or its plural `text` is."""
    words = [text[:-1]] if text.endswith("s") else []
    for word in [text, *words]:
        for suffix, stem_end in SUFFIXES:
            if not word.endswith(suffix) or len(word) - len(suffix) < 3:
                continue
            stem = word[:-len(suffix)] + stem_end
            found = [p for p in gaz.lookup(stem) if p.feature in DERIVED_FEATURES]
            if found:
                return max(found, key=lambda p: (p.feature == "country", p.population))
    return None


def _kind(doc: Doc, end: int) -> PlaceKind:
    """`modifier` when the word (the last of a two-word form) modifies a noun after it."""
    return "modifier" if modifies_noun(doc[end - 1], end) else "demonym"


def _reads_as_nationality(tok: Token) -> bool:
    return tok.ent_type_ == "NORP" or tok.pos_ == "ADJ"


def _capitalized(tok: Token) -> bool:
    return tok.text[:1].isupper() and tok.is_alpha


def _ethnic_compound(doc: Doc, gaz: Gazetteer, start: int, end: int,
                     table: dict[str, str]) -> bool:
    """"African American", "African-American", "Asian-American": two nationality words in
    one name name a people of one country, not a place; left alone."""
    neighbours = []
    if end + 1 < len(doc) and doc[end].text == "-":
        neighbours.append(doc[end + 1])
    elif end < len(doc) and doc[end].ent_type_ == "NORP" and doc[end].ent_iob_ == "I":
        neighbours.append(doc[end])
    if start >= 2 and doc[start - 1].text == "-":
        neighbours.append(doc[start - 2])
    elif start >= 1 and doc[start].ent_type_ == "NORP" and doc[start].ent_iob_ == "I":
        neighbours.append(doc[start - 1])
    return any(_capitalized(t) and (name_key(t.text) in table or derived_place(gaz, t.text))
               for t in neighbours)


def _starts_a_name(doc: Doc, gaz: Gazetteer, start: int, end: int) -> bool:
    """"Russian Federation", "Indian Ocean", "Arabian Sea": the word begins a longer place
    name (which the places stage took, or left out as part of a title): not a demonym."""
    stop = min(len(doc), start + gaz.max_words)
    return any(_capitalized(doc[j - 1]) and gaz.knows(doc[start:j].text)
               for j in range(end + 1, stop + 1))


def find_demonyms(doc: Doc, gaz: Gazetteer, taken: set[int]) -> list[DemonymMatch]:
    """The nationality words of `doc` outside the token indices `taken` (places found)."""
    table = demonym_table()
    countries = gaz.countries()
    out: list[DemonymMatch] = []
    # Each token read once (`doc[i]` builds a new Token per access): this runs on every article.
    tokens = list(doc)
    caps = [_capitalized(t) for t in tokens]
    i, n = 0, len(tokens)
    while i < n:
        if i in taken or not caps[i] or tokens[i].ent_type_ in SKIPPED_LABELS:
            i += 1
            continue
        match = None
        for width in range(MAX_WORDS, 0, -1):
            end = i + width
            if end > n or any(j in taken or not caps[j] for j in range(i, end)):
                continue
            text = doc[i:end].text
            code = table.get(name_key(text))
            place = countries.get(code) if code else None
            derived = False
            if place is None and _reads_as_nationality(doc[end - 1]):
                place = derived_place(gaz, text)
                derived = place is not None
            if place is not None:
                match = (end, place, derived)
                break
        if match is None:
            i += 1
            continue
        end, place, derived = match
        if not _ethnic_compound(doc, gaz, i, end, table) and not _starts_a_name(doc, gaz, i, end):
            out.append(DemonymMatch(i, end, place, _kind(doc, end), derived))
        i = end
    return out
