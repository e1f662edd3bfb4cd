"""Load the actor dictionaries shipped in `resources/data/` (TSV files with '#' headers).

Loaded once per process (they are small) and returned as immutable structures, so Ray or
Dask workers that re-import the module get the same data and no shared mutable state.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files


def read_tsv(name: str) -> list[dict[str, str]]:
    text = (files("sankore") / "resources" / "data" / name).read_text("utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


@dataclass(frozen=True)
class Actor:
    """One dictionary actor: a state, an IGO, a body, a group, an outlet."""

    key: str
    kind: str
    name: str
    code: str | None
    country: str | None
    names: tuple[str, ...]


@lru_cache(maxsize=1)
def countries() -> dict[str, Actor]:
    return {
        row["iso3"]: Actor(key=row["iso3"], kind="state", name=row["name"], code=row["iso3"],
                           country=row["iso3"], names=tuple(row["names"].split("|")))
        for row in read_tsv("countries.tsv")
    }


@lru_cache(maxsize=1)
def capitals() -> dict[str, str]:
    """Capital city name → ISO alpha-3 of its country ("Moscow" → "RUS")."""
    return {row["capital"]: row["iso3"] for row in read_tsv("countries.tsv") if row["capital"]}


def _actor_table(name: str) -> dict[str, Actor]:
    """key -> Actor from a table with the columns key, kind, code, country, name, names."""
    return {
        row["key"]: Actor(key=row["key"], kind=row["kind"], name=row["name"],
                          code=row["code"] or None, country=row["country"] or None,
                          names=tuple(row["names"].split("|")))
        for row in read_tsv(name)
    }


@lru_cache(maxsize=1)
def organizations() -> dict[str, Actor]:
    return _actor_table("organizations.tsv")


@lru_cache(maxsize=1)
def groups() -> dict[str, Actor]:
    """Ethnic and religious communities (groups.tsv): parties to events, not organizations."""
    return _actor_table("groups.tsv")


@dataclass(frozen=True)
class Person:
    """A well-known officeholder: the country, code and role the text may not give."""

    name: str
    country: str | None
    code: str | None
    role: str | None
    names: tuple[str, ...]


@lru_cache(maxsize=1)
def persons() -> dict[str, Person]:
    return {
        row["name"]: Person(name=row["name"], country=row["country"] or None,
                            code=row["code"] or None, role=row["role"] or None,
                            names=tuple(row["names"].split("|")))
        for row in read_tsv("persons.tsv")
    }


@lru_cache(maxsize=1)
def sectors() -> dict[str, tuple[str, str]]:
    """Sector noun (lower case) → (sector code, entity kind)."""
    return {row["word"]: (row["sector"], row["kind"]) for row in read_tsv("sectors.tsv")}


@lru_cache(maxsize=1)
def standalone_sectors() -> dict[str, tuple[str, str]]:
    """The sector nouns that name an actor by themselves ("police", "the mob"): `alone` = 1."""
    return {row["word"]: (row["sector"], row["kind"]) for row in read_tsv("sectors.tsv") if row.get("alone")}


@lru_cache(maxsize=1)
def patient_sectors() -> frozenset[str]:
    """The standalone sector nouns that name only whom an act was done to ("40 persons were
    arrested"): `alone` = target."""
    return frozenset(row["word"] for row in read_tsv("sectors.tsv") if row.get("alone") == "target")


@lru_cache(maxsize=1)
def roles() -> dict[str, str]:
    """Title (lower case) → sector code."""
    return {row["title"]: row["sector"] for row in read_tsv("roles.tsv")}


@lru_cache(maxsize=1)
def _outlets() -> dict[str, str]:
    return {name.lower(): actor.country for actor in organizations().values()
            if actor.kind == "media" and actor.country for name in actor.names}


def outlet_country(outlet: str) -> str | None:
    """ISO alpha-3 of a known outlet's home country ("Guardian" → "GBR"), else None."""
    name = outlet.strip().lower()
    return _outlets().get(name) or _outlets().get(name.removeprefix("the "))
