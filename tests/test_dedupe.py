"""Near-duplicate clustering on real articles: re-posts and wire copies cluster, different
articles (even on the same story) do not; clusters updated a batch at a time equal the
clusters of the whole store at once, on both backends, in any order."""

from __future__ import annotations

import csv
import random
import sqlite3

import pytest

from sankore.corpus.dedupe import band_keys, cluster, cluster_of, clusters, independent_count, signature
from sankore.corpus.dedupe_store import recluster, update_clusters
from sankore.ingest import ingest
from sankore.readers import Article, document_id
from sankore.records import Document, Record
from sankore.store import open_store

from .conftest import shared
from .test_store import db_path, url  # noqa: F401  (fixtures: a fresh database on each backend)


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


# -- incremental = whole ------------------------------------------------------------------


def halves(text: str) -> tuple[str, str]:
    """The first and the last two thirds of an article: each a near-duplicate of the whole
    (Jaccard ~0.68), not of each other (~0.36), so only the whole links them."""
    sentences = text.split(". ")
    cut = len(sentences) * 32 // 100
    return ". ".join(sentences[:len(sentences) - cut]), ". ".join(sentences[cut:])


def stories(guardian: list[str]) -> tuple[list[Article], list[set[str]]]:
    """Three articles each with a re-post and a wire copy; a fourth's two halves, each with a
    re-post, and the whole (the bridge); six unrelated articles. And the clusters expected."""
    articles: list[Article] = []
    expected: list[set[str]] = []
    for text in guardian[:3]:
        copies = [Article(text), repost(text), wire_copy(text)]
        articles += copies
        expected.append({document_id(a.text) for a in copies})
    first, last = halves(guardian[3])
    bridged = [Article(first), repost(first), Article(last), repost(last), Article(guardian[3])]
    articles += bridged + [Article(text) for text in guardian[4:10]]
    expected.append({document_id(a.text) for a in bridged})
    return articles, expected


def record(article: Article) -> Record:
    """The stored document alone: clustering reads its text and boilerplate, nothing else."""
    doc = Document(id=document_id(article.text), text=article.text, source=article.source,
                   title=article.title)
    return Record(doc=doc, boilerplate=list(article.boilerplate))


def at(second: int) -> str:
    return f"2026-12-07T10:00:{second:02d}+00:00"


def store_batch(store, articles: list[Article], seconds: list[int]) -> None:
    for article in articles:
        store.add(record(article))
    # The time each was first stored, set by hand: an order unlike the batches' (a batch may
    # hold a document stored before the clusters it joins), with ties, broken by id.
    store.write([("UPDATE documents SET ingested_at = ? WHERE id = ?",
                  [(at(s), document_id(a.text)) for a, s in zip(articles, seconds, strict=True)])])


def duplicates(store) -> list[tuple[str, str]]:
    return sorted(store.query("SELECT doc_id, cluster_id FROM duplicates"))


def named_after_the_earliest(store) -> None:
    first = {doc_id: (at, doc_id) for doc_id, at in store.query("SELECT id, ingested_at FROM documents")}
    for cluster_id, members in clusters(store).items():
        assert cluster_id == min(members, key=first.__getitem__)


def test_the_bands_are_the_ones_minhashlsh_cuts(guardian):
    from datasketch import MinHashLSH

    from sankore.corpus.dedupe import NUM_PERM, THRESHOLD

    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    keys = band_keys(signature(guardian[0]))
    assert [band for band, _ in keys] == list(range(lsh.b))
    assert all(-2**63 <= bucket < 2**63 for _, bucket in keys)  # a PostgreSQL BIGINT
    # A copy that changes one band's values changes that band's key alone.
    changed = signature(guardian[0])
    changed.hashvalues = changed.hashvalues.copy()
    changed.hashvalues[0] += 1
    assert [a == b for a, b in zip(keys, band_keys(changed), strict=True)] == [False] + [True] * (lsh.b - 1)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_clusters_updated_in_batches_equal_one_recluster(url, guardian, seed):  # noqa: F811
    articles, expected = stories(guardian)
    rng = random.Random(seed)
    rng.shuffle(articles)
    with open_store(url) as store:
        rest = articles
        while rest:
            size = rng.randint(1, 6)
            batch, rest = rest[:size], rest[size:]
            store_batch(store, batch, [rng.randint(0, 9) for _ in batch])
            update_clusters(store, batch=rng.randint(1, 4))  # several transactions per batch too
        incremental = duplicates(store)
        assert sorted(map(set, clusters(store).values()), key=min) == sorted(expected, key=min)
        named_after_the_earliest(store)
        assert recluster(store) == len(expected)
        assert duplicates(store) == incremental
        assert store.query("SELECT count(*) FROM minhash_bands")[0][0] == 25 * len(articles)


@pytest.mark.parametrize(("second", "name"), [(7, "last"), (1, "whole")])
def test_a_bridge_merges_two_clusters_under_the_earliest_name(url, guardian, second, name):  # noqa: F811
    first, last = halves(guardian[3])
    whole = guardian[3]
    with open_store(url) as store:
        store_batch(store, [Article(first), repost(first)], [5, 6])
        store_batch(store, [Article(last), repost(last)], [3, 4])
        assert update_clusters(store) == 2  # each half with its re-post; the halves apart
        assert set(clusters(store)) == {document_id(first), document_id(last)}
        store_batch(store, [Article(whole)], [second])
        assert update_clusters(store) == 1
        expected = document_id({"last": last, "whole": whole}[name])
        assert [c for _, c in duplicates(store)] == [expected] * 5
        incremental = duplicates(store)
        recluster(store)
        assert duplicates(store) == incremental


def prefix(text: str, share: float) -> str:
    sentences = text.split(". ")
    return ". ".join(sentences[:max(1, round(len(sentences) * share))])


def test_a_member_below_the_threshold_does_not_keep_a_document_out_of_its_cluster(url, guardian):  # noqa: F811
    # The first 40% of an article shares a bucket with the whole but is not its near-duplicate
    # (Jaccard < 0.5); it is one of the first 60%, which is one of the whole. Stored: the whole
    # and the 60% (a cluster); new: the 40%, which must join through the 60% whichever of the
    # two the update checks first (one article where the whole's id sorts first, one where not).
    cases: dict[bool, tuple[str, str, str]] = {}
    for text in guardian:
        whole, mid, small = text, prefix(text, 0.6), prefix(text, 0.4)
        s_whole, s_mid, s_small = signature(whole), signature(mid), signature(small)
        if (set(band_keys(s_small)) & set(band_keys(s_whole)) and s_small.jaccard(s_whole) < 0.5
                and s_small.jaccard(s_mid) >= 0.5 and s_mid.jaccard(s_whole) >= 0.5):
            cases.setdefault(document_id(whole) < document_id(mid), (whole, mid, small))
    assert set(cases) == {True, False}
    with open_store(url) as store:
        for whole, mid, small in cases.values():
            store_batch(store, [Article(whole), Article(mid)], [1, 2])
            update_clusters(store)
            store_batch(store, [Article(small)], [3])
            update_clusters(store)
            assert cluster_of(store, document_id(small)) == sorted(map(document_id, (whole, mid, small)))
        incremental = duplicates(store)
        recluster(store)
        assert duplicates(store) == incremental


def test_a_store_from_before_the_band_keys_gets_them_and_the_same_clusters(url, guardian):  # noqa: F811
    articles, expected = stories(guardian)
    rng = random.Random(9)
    with open_store(url) as store:
        store_batch(store, articles[:12], [rng.randint(0, 9) for _ in range(12)])
        recluster(store)  # what migration 8's code kept: every signature and every cluster
        # The store as migration 8 left it: the migrations after it (whose tables are created
        # if missing) run again at the next open.
        store.write([("DROP TABLE minhash_bands", [()]),
                     ("DELETE FROM schema_version WHERE version >= 9", [()])])
        # Stored since, without clusters (an ingest killed before its clustering), and one
        # signature without its cluster (killed between the two writes of the old code).
        store_batch(store, articles[12:], [rng.randint(0, 9) for _ in articles[12:]])
        late = document_id(articles[-1].text)
        store.write([("INSERT INTO minhashes (doc_id, signature) VALUES (?, ?)",
                      [(late, signature(articles[-1].text).hashvalues.astype("<u8").tobytes())])])
        # The copies of the first story deleted by hand: its original keeps a row that no longer
        # holds (a cluster of one), which the next full recluster would have dropped.
        store.write([("DELETE FROM documents WHERE id = ?", [(document_id(a.text),) for a in articles[1:3]])])
        original = document_id(articles[0].text)
        assert store.query("SELECT cluster_id FROM duplicates WHERE doc_id = ?", (original,))
        expected = expected[1:]
    with open_store(url) as store:  # migration 9: the table, empty
        assert store.query("SELECT count(*) FROM minhash_bands") == [(0,)]
        # One document per transaction: every cluster is split across transactions, and the
        # stale rows the old code left must not stand for clusters.
        assert update_clusters(store, batch=1) == len(expected)
        incremental = duplicates(store)
        recluster(store)
        assert duplicates(store) == incremental
        assert sorted(map(set, clusters(store).values()), key=min) == sorted(expected, key=min)
