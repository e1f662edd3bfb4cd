"""Near-duplicate clustering on real articles: re-posts and wire copies cluster, different
articles (even on the same story) do not."""

from __future__ import annotations

import csv
import sqlite3

import pytest

from sankore.corpus.dedupe import cluster, cluster_of, clusters, independent_count, signature
from sankore.ingest import ingest
from sankore.readers import Article
from sankore.store import open_store

from .conftest import shared


@pytest.fixture(scope="module")
def guardian() -> list[str]:
    with shared("corpus", "guardian", "Guardian_SDF_sample.csv").open(encoding="utf-8", newline="") as f:
        return [row["text"] for row in csv.DictReader(f) if len(row["text"].split()) > 150]


def repost(text: str) -> Article:
    """The article as an aggregator re-posts it: its own headline, a share bar and a
    'Source link' footer marked as boilerplate by the reader, some wrapping changed."""
    head = ("Breaking: Iraq seeks fee for trial of Isis suspects | WorldNews24\n"
            "Share on Facebook Share on X\n\n")
    foot = "\n\nSource link\nSubscribe to our newsletter for more world news."
    body = text.replace(". ", ".\n", 3)
    full = head + body + foot
    return Article(full, source="repost", boilerplate=[(0, len(head)), (len(head) + len(body), len(full))])


def wire_copy(text: str) -> Article:
    """Another outlet's copy of the wire story: new first paragraph, last paragraph cut."""
    paragraphs = [p for p in text.split("\n") if p.strip()] or [text]
    sentences = text.split(". ")
    cut = ". ".join(sentences[: max(1, int(len(sentences) * 0.85))])
    return Article("(AFP) An updated version of this report was filed on Wednesday. " + cut,
                   source="wire", title=paragraphs[0][:60] + " (updated)")


def test_reposts_and_wire_copies_cluster_with_the_original_and_count_once(tmp_path, guardian):
    original, other, unrelated = guardian[0], guardian[1], guardian[2]
    db = f"sqlite:///{tmp_path / 'sankore.db'}"
    articles = [Article(original, source="guardian"), repost(original), wire_copy(original),
                Article(other, source="other"), Article(unrelated, source="unrelated")]
    summary = ingest(articles, db, progress=False)
    assert (summary.stored, len(summary.failed), summary.clusters) == (5, 0, 1)
    with open_store(db) as store:
        ids = {row[0]: row[1] for row in store.query("SELECT source, id FROM documents")}
        found = clusters(store)
        assert [sorted(members) for members in found.values()] == [
            sorted([ids["guardian"], ids["repost"], ids["wire"]])]
        assert next(iter(found)) in found[next(iter(found))]  # named after one of its members
        assert cluster_of(store, ids["other"]) == [ids["other"]]
        assert independent_count(store) == 3  # the story once, and the two others
        assert independent_count(store, [ids["repost"], ids["wire"], ids["other"]]) == 2
    # Rerun: nothing new to hash, the clusters stay as they were.
    again = ingest([Article(original)], db, progress=False)
    assert (again.stored, again.duplicates, again.clusters) == (0, 1, 1)
    conn = sqlite3.connect(tmp_path / "sankore.db")
    assert conn.execute("SELECT count(*) FROM minhashes").fetchone() == (5,)


def test_boilerplate_spans_do_not_count(guardian):
    text = guardian[3]
    copy = repost(text)
    with_boilerplate = signature(copy.text).jaccard(signature(text))
    without = signature(copy.text, copy.boilerplate).jaccard(signature(text))
    assert without > with_boilerplate and without > 0.9


def test_different_articles_are_not_clustered(guardian):
    # 200+ Guardian articles of one year, many on the same conflicts (Syria, Isis, Yemen):
    # none is a copy of another, so none may be clustered.
    signatures = {str(i): signature(text) for i, text in enumerate(guardian)}
    assert cluster(signatures, list(signatures)) == {}
