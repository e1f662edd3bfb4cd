"""Near-duplicate clusters kept in the store, updated a batch of new documents at a time.

`update_clusters` (after every ingest) adds the documents that have no band keys yet, `BATCH`
per transaction: each one's signature (computed once, kept in `minhashes`) is cut into the
bands of `dedupe.band_keys`; the stored documents sharing a bucket with it are found in
`minhash_bands` (its primary key is the index), only their signatures are read, and a pair
with a Jaccard similarity of `THRESHOLD` or more joins their clusters, read from
`duplicates`. The batch's band keys and the `duplicates` rows it changes are written in one
transaction, so a document with band keys is always one whose cluster is written. Memory
holds the batch and its candidates, never every signature.

Why this equals `recluster`, the whole store at once (tests/test_dedupe.py compares them):
clusters are the connected components of the graph whose edges are the candidate pairs (a
bucket in common, as MinHashLSH finds them) that pass the threshold. Every edge of a new
document is to another new document or to a stored one through a shared bucket, and both are
looked up; the stored documents' components are those already written, and components only
ever join, so the union of the old ones along the new edges is the new component, in any
order and batch size. A component is named after its earliest member by (ingested_at, id),
which is the earliest of the old clusters' names and the new documents in it; the others'
rows are renamed in one UPDATE each. (Not checked: an edge between two documents already in
one component, which would change nothing.)

The caller holds the store's views lock (`ingest` does): two updates at once would each miss
the pairs between their batches.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from datasketch import MinHash

from .dedupe import THRESHOLD, SQLStore, band_keys, bands, cluster, from_bytes, signature, to_bytes
from .union_find import UnionFind

BATCH = 1000  # new documents per transaction
CHUNK = 500  # values per IN (…) list
PROBES = 300  # band keys per candidate query: 900 parameters (SQLite before 3.32 allowed 999)
UNBANDED = ("SELECT d.id FROM documents AS d WHERE d.id > ? AND NOT EXISTS "
            "(SELECT 1 FROM minhash_bands AS b WHERE b.doc_id = d.id) ORDER BY d.id LIMIT ?")
# ON CONFLICT: a signature and band keys depend on the text alone, so one already written by
# another process (an older Sankore, which held no lock on SQLite) is this one.
INSERT_SIGNATURE = ("INSERT INTO minhashes (doc_id, signature) VALUES (?, ?) "
                    "ON CONFLICT (doc_id) DO NOTHING")
INSERT_BAND = ("INSERT INTO minhash_bands (band, bucket, doc_id) VALUES (?, ?, ?) "
               "ON CONFLICT (band, bucket, doc_id) DO NOTHING")
SET_CLUSTER = ("INSERT INTO duplicates (doc_id, cluster_id) VALUES (?, ?) "
               "ON CONFLICT (doc_id) DO UPDATE SET cluster_id = excluded.cluster_id")
Statements = list[tuple[str, Sequence[Sequence[object]]]]


def _in(store: SQLStore, sql: str, values: Iterable[str]) -> list[tuple]:
    """`sql` with one `IN ({})` filled for `values`, in chunks."""
    ordered = sorted(set(values))
    out: list[tuple] = []
    for start in range(0, len(ordered), CHUNK):
        chunk = ordered[start:start + CHUNK]
        out += store.query(sql.format(", ".join("?" * len(chunk))), chunk)
    return out


def _signatures(store: SQLStore, doc_ids: Sequence[str]) -> tuple[dict[str, MinHash], list[tuple]]:
    """The signatures of `doc_ids`: stored ones read, missing ones computed from the text
    (returned as rows for `minhashes`)."""
    found = {doc_id: from_bytes(data) for doc_id, data in
             _in(store, "SELECT doc_id, signature FROM minhashes WHERE doc_id IN ({})", doc_ids)}
    hashed = []
    for doc_id, text, boilerplate in _in(store, "SELECT id, text, boilerplate FROM documents "
                                                "WHERE id IN ({})", set(doc_ids) - set(found)):
        found[doc_id] = signature(text, json.loads(boilerplate or "[]"))
        hashed.append((doc_id, to_bytes(found[doc_id])))
    return found, hashed


def _ingested(store: SQLStore, doc_ids: Iterable[str]) -> dict[str, tuple[str, str]]:
    """The key that orders documents as first stored: (ingested_at, id)."""
    return {doc_id: (at, doc_id) for doc_id, at in
            _in(store, "SELECT id, ingested_at FROM documents WHERE id IN ({})", doc_ids)}


def _stored_candidates(store: SQLStore, keys: dict[str, list[tuple[int, int]]]) -> dict[str, set[str]]:
    """For each new document, the stored documents sharing one of its buckets. Its keys are
    probes joined to the primary key (one index range each); DISTINCT returns a stored
    document once per new one, not once per band they share: with many copies of one text,
    25 times fewer rows."""
    new = sorted(keys)
    found: dict[str, set[str]] = {doc_id: set() for doc_id in new}
    names: dict[str, str] = {}  # one string per stored document, however many new ones find it
    per = max(1, PROBES // len(bands()))  # whole documents per query: DISTINCT spans one
    for start in range(0, len(new), per):
        chunk = new[start:start + per]
        probes = [(i, band, bucket) for i, doc_id in enumerate(chunk) for band, bucket in keys[doc_id]]
        for i, other in store.query(
                f"WITH q (i, band, bucket) AS (VALUES {', '.join(['(?, ?, ?)'] * len(probes))}) "
                "SELECT DISTINCT q.i, b.doc_id FROM q JOIN minhash_bands AS b "
                "ON b.band = q.band AND b.bucket = q.bucket", [v for probe in probes for v in probe]):
            if other not in keys:  # a new document is not yet a stored one
                found[chunk[i]].add(names.setdefault(other, other))
    return found


def _join(store: SQLStore, signatures: dict[str, MinHash], keys: dict[str, list[tuple[int, int]]],
          groups: UnionFind[str]) -> set[str]:
    """Union each new document with the new ones and the stored clusters it is a near-duplicate
    of, on `groups`, whose nodes are the new documents and the stored clusters' names (a
    stored document in no cluster names itself); returns the names that are stored clusters."""
    new = sorted(signatures)
    for doc_id in new:
        groups.find(doc_id)
    # New with new: the batch's buckets, in memory.
    bucket: dict[tuple[int, int], list[str]] = {}
    for doc_id in new:
        for key in keys[doc_id]:
            bucket.setdefault(key, []).append(doc_id)
    for members in bucket.values():
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                if groups.find(a) != groups.find(b) and signatures[a].jaccard(signatures[b]) >= THRESHOLD:
                    groups.union(a, b)
    # New with stored, by cluster: the first member of a cluster that passes joins it, so a
    # story with hundreds of stored copies costs one signature read, not hundreds.
    candidates = _stored_candidates(store, keys)
    owner = dict(_in(store, "SELECT doc_id, cluster_id FROM duplicates WHERE doc_id IN ({})",
                     set().union(*candidates.values())))
    tasks: list[tuple[str, str, list[str]]] = []
    for doc_id in new:
        by_cluster: dict[str, list[str]] = {}
        for other in sorted(candidates[doc_id]):
            by_cluster.setdefault(owner.get(other, other), []).append(other)
        tasks += [(doc_id, name, members) for name, members in sorted(by_cluster.items())]
    stored: dict[str, MinHash] = {}
    step = 0
    while tasks := [t for t in tasks if step < len(t[2]) and groups.find(t[0]) != groups.find(t[1])]:
        # One read per round: the next member of every task still open.
        stored.update(_stored_signatures(store, {t[2][step] for t in tasks} - set(stored)))
        for doc_id, name, members in tasks:
            theirs = stored.get(members[step])
            if (theirs is not None and groups.find(doc_id) != groups.find(name)
                    and signatures[doc_id].jaccard(theirs) >= THRESHOLD):
                groups.union(doc_id, name)
        step += 1
    return set(owner.values())


def _stored_signatures(store: SQLStore, doc_ids: Iterable[str]) -> dict[str, MinHash]:
    return {doc_id: from_bytes(data) for doc_id, data in
            _in(store, "SELECT doc_id, signature FROM minhashes WHERE doc_id IN ({})", doc_ids)}


def _add_batch(store: SQLStore, doc_ids: Sequence[str]) -> None:
    """Cluster `doc_ids` (documents without band keys) into the store, in one transaction."""
    signatures, hashed = _signatures(store, doc_ids)
    keys = {doc_id: band_keys(minhash) for doc_id, minhash in signatures.items()}
    groups: UnionFind[str] = UnionFind()
    clustered = _join(store, signatures, keys, groups)
    components: dict[str, list[str]] = {}
    for node in list(groups.parent):
        components.setdefault(groups.find(node), []).append(node)
    touched = [nodes for nodes in components.values() if any(n in signatures for n in nodes)]
    # A missing key is a stored name whose document is gone (deleted by hand): it keeps its
    # name here, and `recluster` renames it.
    order = _ingested(store, {n for nodes in touched if len(nodes) > 1 for n in nodes})
    renames, rows, alone = [], [], []
    for nodes in touched:
        if len(nodes) == 1:
            alone.append((nodes[0],))  # a new document with no near-duplicate
            continue
        name = min(nodes, key=lambda node: order.get(node, ("", node)))
        for node in nodes:
            if node not in clustered:  # a new document, or a stored one in no cluster yet
                rows.append((node, name))
            elif node != name:
                renames.append((name, node))
    statements: Statements = [
        (INSERT_SIGNATURE, hashed),
        # Renames first: a new document's own row, written after, may be a stale one (a store
        # from before migration 9) that carries an old name.
        ("UPDATE duplicates SET cluster_id = ? WHERE cluster_id = ?", renames),
        ("DELETE FROM duplicates WHERE doc_id = ?", alone),
        (SET_CLUSTER, rows),
        (INSERT_BAND, [(band, bucket, doc_id) for doc_id, mine in keys.items() for band, bucket in mine]),
    ]
    store.write([(sql, values) for sql, values in statements if values])


def update_clusters(store: SQLStore, batch: int = BATCH) -> int:
    """Add the documents not yet clustered (no band keys: new ones, or every document of a
    store from before migration 9) to the near-duplicate clusters, `batch` per transaction;
    returns the number of clusters. The caller holds the views lock (see the module)."""
    after = ""
    while doc_ids := [row[0] for row in store.query(UNBANDED, (after, batch))]:
        _add_batch(store, doc_ids)
        after = doc_ids[-1]
    return int(store.query("SELECT count(DISTINCT cluster_id) FROM duplicates")[0][0])


def recluster(store: SQLStore) -> int:
    """Cluster the whole store at once (`dedupe.cluster`, every signature in memory) and
    rewrite `duplicates` and every band key in one transaction: the rebuild (`sankore views
    --rebuild`, which so also repairs keys of other bands) and the reference the incremental
    update is tested against. Returns the number of clusters."""
    ids = [row[0] for row in store.query("SELECT id FROM documents")]
    signatures, hashed = _signatures(store, ids)
    order = _ingested(store, ids)
    clusters = cluster(signatures, sorted(signatures, key=order.__getitem__))
    bands = [(band, bucket, doc_id) for doc_id in ids for band, bucket in band_keys(signatures[doc_id])]
    statements: Statements = [(INSERT_SIGNATURE, hashed), ("DELETE FROM duplicates", [()]),
                              ("INSERT INTO duplicates (doc_id, cluster_id) VALUES (?, ?)",
                               sorted(clusters.items())),
                              ("DELETE FROM minhash_bands", [()]), (INSERT_BAND, bands)]
    store.write([(sql, values) for sql, values in statements if values])
    return len(set(clusters.values()))


__all__ = ["BATCH", "recluster", "update_clusters"]
