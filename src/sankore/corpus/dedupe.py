"""Near-duplicate articles: wire copies and re-posts of one story, clustered with MinHash/LSH.

Exact copies already share a document id (a hash of the normalized text) and are stored
once. Near-duplicates differ a little: another outlet's headline or share buttons, a
trimmed last paragraph, a corrected typo. They are all kept (each is evidence of who
published what), linked in one cluster, and counted once as a source (`independent_count`).

How: a document's text minus its boilerplate spans, NFKC-normalized and case-folded, is cut
into word 5-grams ("shingles"); two documents whose shingle sets have a Jaccard similarity of
`THRESHOLD` or more are near-duplicates. MinHash estimates that similarity from 128 numbers
per document, and LSH finds the candidate pairs without comparing every pair: the signature
is cut into bands, and two documents are candidates if all the values of one band are the
same in both. Each candidate pair is then checked against the threshold on the signatures,
and clusters are the connected components, each named after its earliest member.

This module is the arithmetic and the reads; `dedupe_store` keeps the clusters in the store
(signatures in `minhashes`, band keys in `minhash_bands`, members in `duplicates`), adding a
batch of new documents at a time, with the whole-store `cluster` below as its rebuild.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import cache
from hashlib import blake2b
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


def to_bytes(minhash: MinHash) -> bytes:
    """The signature as stored in `minhashes` (128 little-endian uint64)."""
    return minhash.hashvalues.astype("<u8").tobytes()


def from_bytes(data: bytes) -> MinHash:
    values = np.frombuffer(bytes(data), dtype="<u8")
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, hashvalues=values)


@cache
def bands() -> tuple[tuple[int, int], ...]:
    """(start, end) of each band: the ones MinHashLSH itself cuts for THRESHOLD and NUM_PERM
    (25 of 5 values with datasketch 2.0), asked of the library, not copied, because the
    stored band keys must find the candidates that `cluster` finds. A datasketch that chose
    other bands would need every stored key rewritten (`sankore views --rebuild` does), as a
    new scheme would need every signature."""
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    return tuple((int(start), int(end)) for start, end in lsh.hashranges)


def band_keys(minhash: MinHash) -> list[tuple[int, int]]:
    """(band, bucket) of each band of the signature: the bucket is a 64-bit hash of the
    band's values (signed, so that it fits PostgreSQL's BIGINT). Two documents in one bucket
    of one band are candidates, as in MinHashLSH; a hash collision adds a candidate, which the
    Jaccard check then drops, and never loses one."""
    values = minhash.hashvalues.astype("<u8")
    return [(band, int.from_bytes(blake2b(values[start:end].tobytes(), digest_size=8).digest(), "big",
                                  signed=True))
            for band, (start, end) in enumerate(bands())]


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
