"""`ingest --engine ray --learn-homes`, into a store and with `--out` (a Parquet dataset, no
store): the first reading runs on a real local Ray cluster (2 CPUs, started and stopped
here), and the records are the local engine's, document for document."""

from __future__ import annotations

import json

import pytest

from sankore.distance import haversine_km
from sankore.ingest import ingest
from sankore.readers import document_id
from sankore.records import Record
from sankore.store import open_store

from .test_ingest_first_reading import as_articles, lgl_outlet
from .test_ray_ingest import cluster  # noqa: F401 (the module's Ray cluster)

pytestmark = pytest.mark.slow  # each reading starts Ray actors that load the pipeline

OUTLET, DOC_ID, NAME = "ldnews.com", "38551579", "Lebanon"  # Lebanon, Pennsylvania, named bare


def places(url: str) -> dict[str, list]:
    with open_store(url) as store:
        return {doc_id: store.get(doc_id).places for doc_id in store.doc_ids()}


def test_ray_learns_the_homes_of_one_run_as_the_local_engine_does(cluster, tmp_path):  # noqa: F811
    import pyarrow.dataset as ds

    docs = lgl_outlet(OUTLET)
    # Half the articles in a file Ray reads on the cluster, half handed over in memory (read
    # by the driver): the first reading takes both.
    corpus = tmp_path / "ldnews.jsonl"
    corpus.write_text("".join(json.dumps({"text": d.text, "outlet": d.outlet}) + "\n" for d in docs[:3]),
                      encoding="utf-8")
    sources = [corpus, *as_articles(docs[3:])]
    local_url = f"sqlite:///{tmp_path / 'local.db'}"
    ingest(sources, local_url, progress=False, learn_homes=True)
    expected = places(local_url)
    ray_url = f"sqlite:///{tmp_path / 'ray.db'}"
    summary = ingest(sources, ray_url, engine="ray", workers=2, batch_size=2, progress=False,
                     learn_homes=True)
    assert (summary.stored, summary.failed) == (len(docs), [])
    assert places(ray_url) == expected
    out = tmp_path / "dataset"
    summary = ingest(sources, None, engine="ray", out=out, workers=2, batch_size=2, progress=False,
                     learn_homes=True)
    assert (summary.stored, summary.failed) == (len(docs), [])
    table = ds.dataset(out).to_table()
    written = {doc_id: Record.from_dict(json.loads(record)).places for doc_id, record in
               zip(table.column("doc_id").to_pylist(), table.column("record").to_pylist(), strict=True)}
    assert written == expected
    [doc] = [d for d in docs if d.id == DOC_ID]
    [gold] = [g for g in doc.toponyms if g.text == NAME]
    [place] = [p for p in written[document_id(doc.text)] if p.span[0] < gold.end and gold.start < p.span[1]]
    assert place.lat is not None and place.lon is not None and gold.lat is not None and gold.lon is not None
    assert haversine_km(place.lat, place.lon, gold.lat, gold.lon) < 161
