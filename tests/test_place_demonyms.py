"""Issue 20: nationality words ("Russian troops", "Mexicans", "Sahelian states") are places
of kind modifier/demonym linked to their country, kept apart from the literal places that
events and actors read, and scored on a small set annotated by hand before Sankore ran."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from training.resources import build_demonyms

from sankore.eval.geo_kinds import read_annotations, score
from sankore.geo.demonyms import DEMONYMS_FILE, read_table

from .conftest import shared

DEV = Path(__file__).parent / "fixtures" / "geo" / "demonyms_dev.tsv"


@pytest.fixture(scope="module")
def places_nlp():
    from sankore.pipeline import build_pipeline

    return build_pipeline(components=("sankore_places",))


@pytest.mark.parametrize("text,word,country,kind", [
    ("Russian troops crossed the border on Monday.", "Russian", "RUS", "modifier"),
    ("The Chinese ministry denied the report.", "Chinese", "CHN", "modifier"),
    ("Thousands of Mexicans marched in the capital.", "Mexicans", "MEX", "demonym"),
    ("The Malian junta expelled the envoy.", "Malian", "MLI", "modifier"),
    ("He said he felt British.", "British", "GBR", "demonym"),
    ("Somalian officials rejected the deal.", "Somalian", "SOM", "modifier"),  # derived
])
def test_nationality_words_link_to_their_country(places_nlp, text, word, country, kind):
    doc = places_nlp(text)
    found = {p.text: p for p in doc._.demonyms}
    assert found[word].country == country and found[word].kind == kind, found
    assert found[word].lat is not None
    assert not doc._.places  # nothing a map or an event would read


@pytest.mark.parametrize("text,word,region", [
    ("Other Sahelian states joined the alliance.", "Sahelian", "Sahel"),
    ("European allies met on Friday.", "European", "Europe"),
    ("West African leaders met in Abuja.", "West African", "West Africa"),
])
def test_regional_adjectives_link_to_their_region(places_nlp, text, word, region):
    found = {p.text: p for p in places_nlp(text)._.demonyms}
    assert found[word].name == region and found[word].country is None, found


@pytest.mark.parametrize("text", [
    "Kurdish forces and Arab tribes entered the town.",
    "Yazidi families fled to the mountain.",
    "An African American man and Asian-American voters spoke.",
    "Republican senators voted against the bill.",
])
def test_peoples_without_a_country_stay_unlinked(places_nlp, text):
    assert not places_nlp(text)._.demonyms


def test_the_record_carries_nationality_words_and_events_do_not(nlp):
    import sankore

    record = sankore.analyze("Russian troops attacked the village of Kupiansk in Ukraine on "
                             "Monday, officials said.", nlp=nlp)
    kinds = {p.text: p.kind for p in record.places}
    assert kinds.get("Russian") == "modifier", kinds
    places = {p.id: p for p in record.places}
    assert all(places[e.place].kind != "modifier" or places[e.place].text != "Russian"
               for e in record.events if e.place)


def test_table_is_built_from_the_packages_and_covers_the_countries():
    table = read_table()
    assert table["russian"] == "RUS" and table["mexicans"] == "MEX" and table["french"] == "FRA"
    assert len(set(table.values())) >= 200
    text = DEMONYMS_FILE.read_text(encoding="utf-8")
    assert "countryinfo" in text.splitlines()[0] and "MIT" in text.splitlines()[0]


def test_table_build_is_reproducible(tmp_path):
    pytest.importorskip("countryinfo")
    pytest.importorskip("nationality")
    path = build_demonyms.write(build_demonyms.build_rows(), tmp_path / "demonyms.tsv")
    assert path.read_text(encoding="utf-8") == DEMONYMS_FILE.read_text(encoding="utf-8")


def test_bad_table_row_is_a_clear_error(tmp_path):
    path = tmp_path / "demonyms.tsv"
    path.write_text("form\tcountry\tplural\nRussian\tRUS\n", encoding="utf-8")
    with pytest.raises(ValueError, match="demonyms.tsv"):
        read_table(path)


def _dev_texts() -> dict[str, str]:
    csv.field_size_limit(10**8)
    path = shared("corpus", "guardian", "Guardian_SDF_sample.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [row["text"] for row in csv.DictReader(handle)]
    texts = {f"guardian:{i}": rows[i] for i in (0, 9, 20, 21, 24)}
    texts["seed"] = shared("corpus", "seed", "aes_2025-04-30.txt").read_text(encoding="utf-8")
    return texts


def test_dev_set_is_linked_to_the_right_country(places_nlp):
    """Small (96 mentions) and self-annotated: a floor, not the issue's measurement."""
    result = score(places_nlp, _dev_texts(), read_annotations(DEV))
    assert result["adjectives_and_demonyms_accuracy"] >= 0.85, result
    assert result["all_accuracy"] >= 0.85, result
    assert result["unlinked_peoples"]["false_links"] <= 1, result
    assert result["demonyms_found"]["precision"] >= 0.9, result


def test_the_map_shows_literal_places_only(seed_record, tmp_path):
    """An event whose place is a modifier ("Texas officials") is no point on the map."""
    from sankore.store import open_store
    from sankore.store.queries import EventFilter, place_groups

    record = seed_record.model_copy(deep=True)
    placed = [e.place for e in record.events if e.place]
    assert placed
    by_id = {p.id: p for p in record.places}
    located = [pid for pid in placed if by_id[pid].lat is not None]
    assert located
    moved = located[0]
    record.places = [p.model_copy(update={"kind": "modifier"}) if p.id == moved else p
                     for p in record.places]
    with open_store(tmp_path / "s.db") as store:
        store.add(record)
        names = {g["name"] for g in place_groups(store, EventFilter())}
    assert by_id[moved].name not in names or any(
        by_id[p].name == by_id[moved].name for p in located if p != moved)
    assert names  # the other events' literal places are still there


def test_nationality_words_survive_docbin(places_nlp):
    from spacy.tokens import DocBin

    doc = places_nlp("Russian troops and Malian officials met Mexicans in Paris.")
    data = DocBin(store_user_data=True, docs=[doc]).to_bytes()
    (back,) = DocBin(store_user_data=True).from_bytes(data).get_docs(places_nlp.vocab)
    assert list(back._.demonyms) == list(doc._.demonyms) and len(doc._.demonyms) == 3
