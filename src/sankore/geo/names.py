"""How a place name becomes a lookup key, shared by the gazetteer build and the lookups."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_PLAIN = re.compile(r"[A-Za-z ]+")
_SAINT = re.compile(r"^(saint|ste?)\b\.?\s*")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "‐": "-", "–": "-", "—": "-"})


def name_key(name: str) -> str:
    """Case-, accent- and punctuation-insensitive key: "São Tomé" and "Sao Tome" meet.

    Periods go ("U.S." = "US", "St. Louis" = "St Louis"), hyphens become spaces
    ("Guinea-Bissau"), "Saint"/"St" become "st" because news and GeoNames disagree on which.
    """
    if _PLAIN.fullmatch(name) and not _SAINT.match(name.casefold()):
        # Fast path for the plain ASCII names that are most of the gazetteer (load time).
        return " ".join(name.casefold().split())
    text = unicodedata.normalize("NFKD", name.translate(_QUOTES))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.replace(".", "").replace("-", " ")
    text = _SPACES.sub(" ", text).strip()
    return _SAINT.sub("st ", text)
