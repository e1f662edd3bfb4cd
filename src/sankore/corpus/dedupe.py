"""Near-duplicate articles: wire copies and re-posts of one story, clustered with MinHash/LSH.

Exact copies already share a document id (a hash of the normalized text) and are stored
once. Near-duplicates differ a little: another outlet's headline or share buttons, a
trimmed last paragraph, a corrected typo. They are all kept (each is evidence of who
published what), linked in one cluster, and counted once as a source (`independent_count`).

How: a document's text minus its boilerplate spans, NFKC-normalized and case-folded, is cut
into word 5-grams ("shingles"); two documents whose shingle sets have a Jaccard similarity of
`THRESHOLD` or more are near-duplicates. MinHash estimates that similarity from 128 numbers
per document, and LSH finds the candidate pairs without comparing every pair; each candidate
pair is then checked against the threshold on the signatures, and clusters are the connected
components. Signatures are stored (table `minhashes`), so a run only hashes new documents.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Protocol

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
SHINGLE_WORDS = 5
# 0.5 keeps a wire copy with a new headline, standfirst and boilerplate (Jaccard 0.7-0.9 on
# 300-1000-word articles) and keeps apart two reports of the same event by different
# reporters, which share names and places but few 5-word runs (Jaccard < 0.1).
THRESHOLD = 0.5
SEED = 1  # fixed: stored signatures must stay comparable across runs and processes
# Named, not left to the library default: signatures of two schemes cannot be compared, and
# stored ones must outlive a datasketch upgrade that changes the default (2.0 did).
SCHEME = "affine32"
_WORD = re.compile(r"\w+")


class SQLStore(Protocol):
    """What clustering needs of a store: plain SQL with `?` placeholders (both backends)."""

    def query(self, sql: str, params: Sequence[object] = ()) -> list[tuple]: ...

    def write(self, statements: Sequence[tuple[str, Sequence[Sequence[object]]]]) -> None: ...


def content(text: str, boilerplate: Iterable[Sequence[int]] = ()) -> str:
    """`text` without its boilerplate spans (share buttons, 'Source link'), which re-posts
    change and which must not make two articles look alike or different."""
    kept, start = [], 0
    for begin, end in sorted(tuple(span) for span in boilerplate):
        kept.append(text[start:begin])
        start = max(start, end)
    kept.append(text[start:])
    return " ".join(kept)


def shingles(text: str) -> set[bytes]:
    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    if len(words) < SHINGLE_WORDS:  # a very short text: its words are its only shingle
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i:i + SHINGLE_WORDS]).encode("utf-8")
            for i in range(len(words) - SHINGLE_WORDS + 1)}


def signature(text: str, boilerplate: Iterable[Sequence[int]] = ()) -> MinHash:
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    minhash.update_batch(list(shingles(content(text, boilerplate))))
    return minhash


def _to_bytes(minhash: MinHash) -> bytes:
    return minhash.hashvalues.astype("<u8").tobytes()


def _from_bytes(data: bytes) -> MinHash:
    values = np.frombuffer(bytes(data), dtype="<u8")
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, hashvalues=values)


def cluster(signatures: dict[str, MinHash], order: Sequence[str], threshold: float = THRESHOLD
            ) -> dict[str, str]:
    """Cluster id of each document in a cluster of two or more; `order` is first-stored
    first, and a cluster is named after its earliest member (the original, as far as the
    store knows: documents stored in the same second are ordered by id)."""
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    for doc_id in order:
        lsh.insert(doc_id, signatures[doc_id])
    rank = {doc_id: i for i, doc_id in enumerate(order)}
    parent = {doc_id: doc_id for doc_id in order}

    def root(doc_id: str) -> str:
        while parent[doc_id] != doc_id:
            parent[doc_id] = parent[parent[doc_id]]
            doc_id = parent[doc_id]
        return doc_id

    for doc_id in order:
        for other in lsh.query(signatures[doc_id]):
            # LSH candidates include some below the threshold: check each on the signatures.
            if other != doc_id and signatures[doc_id].jaccard(signatures[other]) >= threshold:
                a, b = root(doc_id), root(other)
                if a != b:  # the earlier document becomes the root, so it names the cluster
                    parent[max(a, b, key=rank.__getitem__)] = min(a, b, key=rank.__getitem__)
    members: dict[str, list[str]] = {}
    for doc_id in order:
        members.setdefault(root(doc_id), []).append(doc_id)
    return {doc_id: cid for cid, docs in members.items() if len(docs) > 1 for doc_id in docs}


def update_clusters(store: SQLStore, threshold: float = THRESHOLD) -> int:
    """Hash the documents that have no signature yet, recluster the whole store and rewrite
    the `duplicates` table in one transaction; returns the number of clusters."""
    new = store.query(
        "SELECT d.id, d.text, d.boilerplate FROM documents AS d "
        "LEFT JOIN minhashes AS m ON m.doc_id = d.id WHERE m.doc_id IS NULL")
    hashed = [(doc_id, _to_bytes(signature(text, json.loads(boilerplate or "[]"))))
              for doc_id, text, boilerplate in new]
    if hashed:
        # ON CONFLICT: an ingest running beside this one may hash the same new documents; a
        # signature depends on the text alone, so theirs is this one (tests/test_crash.py).
        store.write([("INSERT INTO minhashes (doc_id, signature) VALUES (?, ?) "
                      "ON CONFLICT (doc_id) DO NOTHING", hashed)])
    rows = store.query(
        "SELECT m.doc_id, m.signature FROM minhashes AS m JOIN documents AS d ON d.id = m.doc_id "
        "ORDER BY d.ingested_at, d.id")
    signatures = {doc_id: _from_bytes(data) for doc_id, data in rows}
    clusters = cluster(signatures, [doc_id for doc_id, _ in rows], threshold)
    store.write([("DELETE FROM duplicates", [()]),
                 ("INSERT INTO duplicates (doc_id, cluster_id) VALUES (?, ?)", sorted(clusters.items()))])
    return len(set(clusters.values()))


def clusters(store: SQLStore) -> dict[str, list[str]]:
    """Each cluster of near-duplicates: its id (the original's doc id) and its members."""
    result: dict[str, list[str]] = {}
    for doc_id, cluster_id in store.query(
            "SELECT x.doc_id, x.cluster_id FROM duplicates AS x JOIN documents AS d ON d.id = x.doc_id "
            "ORDER BY x.cluster_id, d.ingested_at, x.doc_id"):
        result.setdefault(cluster_id, []).append(doc_id)
    return result


def cluster_of(store: SQLStore, doc_id: str) -> list[str]:
    """The documents that are near-duplicates of `doc_id` (itself included; [doc_id] if none)."""
    rows = store.query("SELECT doc_id FROM duplicates WHERE cluster_id = "
                       "(SELECT cluster_id FROM duplicates WHERE doc_id = ?) ORDER BY doc_id", (doc_id,))
    return [row[0] for row in rows] or [doc_id]


def independent_count(store: SQLStore, doc_ids: Iterable[str] | None = None) -> int:
    """How many independent sources: documents, with each cluster of near-duplicates counted
    once (of `doc_ids`, or of the whole store)."""
    pairs = store.query("SELECT d.id, COALESCE(x.cluster_id, d.id) FROM documents AS d "
                        "LEFT JOIN duplicates AS x ON x.doc_id = d.id")
    wanted = None if doc_ids is None else set(doc_ids)
    return len({cid for doc_id, cid in pairs if wanted is None or doc_id in wanted})
