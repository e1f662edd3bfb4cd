"""`sankore eval geo`: the LGL / GeoVirus readers and the scorer on a small subset."""

from __future__ import annotations

from pathlib import Path

import pytest

from sankore.eval.geo import evaluate, haversine_km, read_gold

from .conftest import SHARED_DATA

GEO = SHARED_DATA / "geo"


def gold_dir() -> Path:
    if not (GEO / "lgl.xml").exists() or not (GEO / "GeoVirus.xml").exists():
        pytest.skip(f"geo dev data not found in {GEO} (shared/data/geo: lgl.xml, GeoVirus.xml)")
    return GEO


def test_readers_handle_both_formats_and_their_quirks():
    data = read_gold(gold_dir())
    assert set(data) == {"lgl", "GeoVirus"}
    lgl, virus = data["lgl"], data["GeoVirus"]
    assert len(lgl) == 588 and sum(len(d.toponyms) for d in lgl) == 5088
    assert sum(t.lat is not None for d in lgl for t in d.toponyms) == 4462
    # GeoVirus: offsets shifted by one, one <location> nesting three others (README).
    assert len(virus) == 229 and sum(len(d.toponyms) for d in virus) == 2170
    # The outlet of each article, from which homes are learned: LGL's <domain>, GeoVirus'
    # source URL's host.
    assert len({d.outlet for d in lgl}) == 85 and all(d.outlet for d in lgl)
    assert {d.outlet for d in virus} == {"en.wikinews.org"}
    for doc in virus + lgl:
        for top in doc.toponyms:
            assert doc.text[top.start:top.end] == top.text and top.text


def test_haversine():
    assert haversine_km(0, 0, 0, 0) == 0
    assert 1050 < haversine_km(12.65, -8.0, 13.51, 2.11) < 1150  # Bamako - Niamey


def test_evaluate_subset_beats_the_baseline():
    result = evaluate(gold_dir(), limit=25)
    assert result["task"] == "geo" and result["gold"] == str(GEO)
    assert set(result["datasets"]) == {"lgl", "GeoVirus"}
    for name, part in result["datasets"].items():
        assert part["docs"] == 25
        for system in ("sankore", "baseline", "single_document"):
            scores = part[system]
            for key in ("precision", "recall", "f1", "accuracy_161km", "median_error_km",
                        "gold", "predicted", "docs_per_s"):
                assert key in scores, (name, system, key)
    ours, theirs = result["sankore"], result["baseline"]
    assert theirs["name"]
    assert ours["f1"] > theirs["f1"]
    assert ours["accuracy_161km"] > theirs["accuracy_161km"]
    assert ours["gold"] == theirs["gold"] > 0


# Floors measured on 2026-12-06 (issue 20, see src/sankore/geo/DATA_CARD.md): entry or 161 km
# 0.922 / 0.729 and recall 0.786 / 0.956 on the whole sets at e7eb6c1, with outlet homes
# learned out of fold (0.860 / 0.731 and 0.772 / 0.956 at 0e2f237); recall 0.796 / 0.960 at
# 5986c2e (2026-12-07); a floor only rises. LGL is the set rules are tuned on, GeoVirus is
# scored only.
FLOORS = {"lgl": 0.91, "GeoVirus": 0.72}
RECALL_FLOORS = {"lgl": 0.79, "GeoVirus": 0.94}
# Each article read alone, without its outlet's home (the `single_document` block).
SINGLE_FLOORS = {"lgl": 0.85}


@pytest.mark.slow
def test_whole_sets_hold_the_floors_and_the_stage_stays_cheap():
    result = evaluate(gold_dir())
    for name, floor in FLOORS.items():
        scores = result["datasets"][name]["sankore"]
        assert scores["accuracy_entry_or_161km"] >= floor, (name, scores)
        assert scores["recall"] >= RECALL_FLOORS[name], (name, scores)
    for name, floor in SINGLE_FLOORS.items():
        alone = result["datasets"][name]["single_document"]
        assert alone["accuracy_entry_or_161km"] >= floor, (name, alone)
        # The outlet's home, learned from the other articles only, helps on LGL's local news.
        assert result["datasets"][name]["sankore"]["accuracy_entry_or_161km"] > \
            alone["accuracy_entry_or_161km"] + 0.03
    ours = result["sankore"]
    assert ours["accuracy_geonameid"] > result["baseline"]["accuracy_geonameid"]
    assert set(ours["precision_by_kind"]) >= {"literal", "modifier"}
    assert ours["places_stage_share"] < 0.10
