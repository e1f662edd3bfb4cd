"""Corpus views kept in the database and updated incrementally: each new document's event
mentions are flattened into `mentions` (and `mention_parties`), then joined to the corpus
events they are compatible with (merge.compatible), or start their own; relations' pairs
follow in `corpus_pairs`. Memory holds one batch of documents and the corpus events they
touch, never the corpus.

Why the result equals a merge of the whole corpus at once (`rebuild` checks it): corpus
events are the connected components of the "compatible" graph over mentions. A new mention
adds its edges to mentions already stored (found through the participant index: compatible
mentions share a participant code and a type, and their dates meet), and components only
ever join, so the union of the old components along the new edges is the new component,
whatever the order documents came in. An event's id is a hash of its earliest report, so it
changes only when an earlier report of it arrives, and never with a query.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from ..records import Record
from ..store.base import Store
from ..store.corpus_reads import views_behind
from .merge import (
    MERGED_MODALITIES,
    CorpusEvent,
    _corpus_event,
    _report_order,
    compatible,
    compatible_pairs,
)
from .merge_candidates import SHORT_SPAN, candidates
from .relations import period_of
from .rows import EventRow, event_rows, participant_code
from .union_find import UnionFind
from .view_inputs import view_records

BATCH = 500  # documents read and written per transaction
MENTION_COLUMNS = ("doc_id", "event_id", "position", "type", "mode", "modality", "confidence", "actors",
                   "targets", "day_start", "day_end", "date_value", "date_source", "place", "country",
                   "lat", "lon", "outlet", "outlet_lower", "published", "evidence_start", "evidence_end")
PARTY_COLUMNS = ("doc_id", "event_id", "role", "code", "code_lower", "name_lower", "type", "day_start",
                 "day_end", "long_span", "mergeable")
EVENT_COLUMNS = ("id", "type", "mode", "actors", "targets", "day_start", "day_end", "country", "place",
                 "first_doc", "first_event", "first_published", "outlets", "corroboration", "confidence")
PAIR_COLUMNS = ("corpus_id", "actor", "target", "day", "week", "month", "year")
MEMBERS_OF = ("SELECT c.corpus_id, " + ", ".join(f"m.{c}" for c in MENTION_COLUMNS)
              + " FROM corpus_members AS c JOIN mentions AS m ON m.doc_id = c.doc_id"
              " AND m.event_id = c.event_id WHERE c.corpus_id IN ({})")
VIEW_TABLES = ("corpus_pairs", "corpus_members", "corpus_events", "mention_parties", "mentions", "viewed")


@dataclass
class ViewSummary:
    documents: int = 0  # documents added to the views
    mentions: int = 0
    corpus_events: int = 0  # corpus events written (new or changed)
    recounted: int = 0  # corpus events recounted because a document changed cluster


def _insert(table: str, columns: Sequence[str]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _long(row: EventRow) -> int:
    return int(row.start is None or row.end is None or (row.end - row.start).days > SHORT_SPAN)


def _mention_tuple(row: EventRow, position: int) -> tuple:
    return (row.doc_id, row.event_id, position, row.type, row.mode, row.modality, row.confidence,
            json.dumps(row.actors), json.dumps(row.targets), _iso(row.start), _iso(row.end), row.date_value,
            row.date_source, row.place, row.country, row.lat, row.lon, row.outlet, row.outlet.lower(),
            row.published, row.evidence[0], row.evidence[1])


def _parties(record: Record, rows: dict[str, EventRow]) -> list[tuple]:
    """One row per participant entity of each event: its participant code and its name."""
    entities = {e.id: e for e in record.entities}
    found = {}
    for event in record.events:
        row = rows[event.id]
        for role, ids in (("actor", event.actors), ("target", event.targets)):
            for entity_id in ids:
                entity = entities[entity_id]
                code = participant_code(entity.code, entity.name)
                key = (record.doc.id, event.id, role, code, entity.name.lower())
                found[key] = (*key[:4], code.lower(), key[4], row.type, _iso(row.start), _iso(row.end),
                              _long(row), int(row.modality in MERGED_MODALITIES))
    return list(found.values())


def _row_of(values: Sequence) -> EventRow:
    """An EventRow from a `mentions` row read back (MENTION_COLUMNS order)."""
    v = dict(zip(MENTION_COLUMNS, values, strict=True))
    return EventRow(
        doc_id=v["doc_id"], event_id=v["event_id"], type=v["type"], mode=v["mode"], modality=v["modality"],
        confidence=v["confidence"], actors=tuple(json.loads(v["actors"])),
        targets=tuple(json.loads(v["targets"])),
        start=date.fromisoformat(v["day_start"]) if v["day_start"] else None,
        end=date.fromisoformat(v["day_end"]) if v["day_end"] else None,
        date_value=v["date_value"], date_source=v["date_source"], place=v["place"], country=v["country"],
        lat=v["lat"], lon=v["lon"], outlet=v["outlet"], published=v["published"],
        evidence=(v["evidence_start"], v["evidence_end"]), evidence_text="")


def _load(store: Store, keys: Iterable[tuple[str, str]]) -> list[EventRow]:
    """The stored mentions of `keys`: their documents' mentions read by the primary key's
    first column, the others dropped (a document has a few dozen mentions at most)."""
    wanted = set(keys)
    return [_row_of(v) for v in _in(store, f"SELECT {', '.join(MENTION_COLUMNS)} FROM mentions "
                                           "WHERE doc_id IN ({})", sorted({d for d, _ in wanted}))
            if (v[0], v[1]) in wanted]


def _in(store: Store, sql: str, values: Sequence[object]) -> list[tuple]:
    """`sql` with one `IN ({})` filled for `values`, in chunks."""
    out: list[tuple] = []
    values = list(values)
    for start in range(0, len(values), 500):
        chunk = values[start:start + 500]
        out += store.query(sql.format(", ".join("?" * len(chunk))), chunk)
    return out


def _members(store: Store, ids: Sequence[str]) -> dict[str, list[EventRow]]:
    """The stored mentions of each corpus event of `ids`, in one join."""
    by_event: dict[str, list[EventRow]] = {}
    for corpus_id, *values in _in(store, MEMBERS_OF, sorted(set(ids))):
        by_event.setdefault(corpus_id, []).append(_row_of(values))
    return by_event


def _clusters(store: Store, doc_ids: Iterable[str]) -> dict[str, str]:
    return dict(_in(store, "SELECT doc_id, cluster_id FROM duplicates WHERE doc_id IN ({})",
                    sorted(set(doc_ids))))


def _event_rows(events: Sequence[CorpusEvent]) -> list[tuple[str, Sequence[Sequence[object]]]]:
    """The statements that write corpus events, their members and their pairs: one per table,
    so that a batch's thousands of events are three executemany calls."""
    values, members, pairs = [], [], []
    for event in events:
        values.append((event.id, event.type, event.mode, json.dumps(event.actors), json.dumps(event.targets),
                       _iso(event.start), _iso(event.end), event.country, event.place, event.first_report[0],
                       event.first_report[1], event.first_published, json.dumps(event.outlets),
                       event.corroboration, event.confidence))
        members += [(d, e, event.id, rank) for rank, (d, e) in enumerate(event.mentions)]
        if event.start is not None:
            periods = tuple(period_of(event.start, p) for p in ("day", "week", "month", "year"))
            pairs += [(event.id, a, t, *periods) for a in event.actors for t in event.targets if a != t]
    return [(_insert("corpus_events", EVENT_COLUMNS), values),
            (_insert("corpus_members", ("doc_id", "event_id", "corpus_id", "rank")), members),
            (_insert("corpus_pairs", PAIR_COLUMNS), pairs)]


def _deletes(ids: Sequence[str]) -> list[tuple[str, Sequence[Sequence[object]]]]:
    rows = [(i,) for i in sorted(set(ids))]
    tables = (("corpus_pairs", "corpus_id"), ("corpus_members", "corpus_id"), ("corpus_events", "id"))
    return [(f"DELETE FROM {table} WHERE {column} = ?", rows) for table, column in tables] if rows else []


def _merge_batch(store: Store, new: list[EventRow]) -> tuple[list, int]:
    """The statements that merge the batch's mergeable mentions into the stored corpus events."""
    new = [r for r in new if r.modality in MERGED_MODALITIES]
    keys = {(r.doc_id, r.event_id) for r in new}
    groups: UnionFind[str] = UnionFind()
    for row in new:
        groups.find(f"m:{row.doc_id}/{row.event_id}")
    # New with new: the batch is in memory; compatible mentions share a type and a party.
    for a, b in compatible_pairs(new):
        groups.union(f"m:{a.doc_id}/{a.event_id}", f"m:{b.doc_id}/{b.event_id}")
    # New with stored: through the participant index.
    wanted = {row: found - keys for row, found in zip(new, candidates(store, new), strict=True)}
    stored = {(r.doc_id, r.event_id): r for r in _load(store, set().union(*wanted.values()))}
    owner = {(d, e): c for d, e, c in _in(
        store, "SELECT doc_id, event_id, corpus_id FROM corpus_members WHERE doc_id IN ({})",
        sorted({d for d, _ in stored}))}
    for row, found in wanted.items():
        for key in found:
            other = stored.get(key)
            if other is not None and key in owner and compatible(row, other):
                groups.union(f"m:{row.doc_id}/{row.event_id}", f"c:{owner[key]}")
    components: dict[str, list[str]] = {}
    for node in list(groups.parent):
        components.setdefault(groups.find(node), []).append(node)
    old_ids = [n[2:] for nodes in components.values() for n in nodes if n.startswith("c:")]
    by_event = _members(store, old_ids)
    new_by_key = {f"m:{r.doc_id}/{r.event_id}": r for r in new}
    groups_rows = [[r for n in nodes for r in (by_event[n[2:]] if n.startswith("c:") else [new_by_key[n]])]
                   for nodes in components.values()]
    clusters = _clusters(store, [r.doc_id for g in groups_rows for r in g])
    statements = _deletes(old_ids) + _event_rows(
        [_corpus_event(sorted(group, key=_report_order), clusters) for group in groups_rows])
    return statements, len(groups_rows)


def _recount(store: Store) -> tuple[list, int]:
    """Statements that recount the corpus events of documents whose cluster changed since
    they were viewed (a later near-duplicate joined or linked their cluster)."""
    changed = store.query("SELECT v.doc_id, coalesce(x.cluster_id, '') FROM viewed v "
                          "LEFT JOIN duplicates x ON x.doc_id = v.doc_id "
                          "WHERE v.cluster_id <> coalesce(x.cluster_id, '')")
    if not changed:
        return [], 0
    ids = sorted({c for (c,) in _in(store, "SELECT corpus_id FROM corpus_members WHERE doc_id IN ({})",
                                    [d for d, _ in changed])})
    by_event = _members(store, ids)
    clusters = _clusters(store, [r.doc_id for rows in by_event.values() for r in rows])
    statements: list[tuple[str, Sequence[Sequence[object]]]] = [
        ("UPDATE viewed SET cluster_id = ? WHERE doc_id = ?", [(c, d) for d, c in changed])]
    statements += _deletes(ids) + _event_rows(
        [_corpus_event(sorted(group, key=_report_order), clusters) for group in by_event.values()])
    return statements, len(by_event)


def pending(store: Store) -> bool:
    """Whether some stored document is not in the views yet (cheap enough for every query to
    ask before it reads the views: `store.corpus_reads.views_behind`)."""
    return views_behind(store) != 0


ATTEMPTS = 5


def update(store: Store, batch: int = BATCH) -> ViewSummary:
    """Add the documents not yet in the views, `batch` documents per transaction, and
    recount the events whose documents changed near-duplicate cluster.

    Two processes may update at once (two ingests ending together): one of them then fails
    to write rows the other wrote first (a key conflict), rolls back, and reads again what
    is still pending, which the other's rows no longer are."""
    summary = ViewSummary()
    for attempt in range(ATTEMPTS):
        try:
            _update(store, batch, summary)
            return summary
        except Exception as error:
            if attempt == ATTEMPTS - 1 or not _conflict(error):
                raise
    return summary


def _conflict(error: Exception) -> bool:
    """A unique-key violation, on either backend (sqlite3 and psycopg both name the class)."""
    return any(cls.__name__ == "IntegrityError" for cls in type(error).__mro__)


def _update(store: Store, batch: int, summary: ViewSummary) -> None:
    statements, recounted = _recount(store)
    if statements:
        store.write(statements)
        summary.recounted += recounted
    todo = [row[0] for row in store.query(
        "SELECT d.id FROM documents d LEFT JOIN viewed v ON v.doc_id = d.id "
        "WHERE v.doc_id IS NULL ORDER BY d.id")]
    for start in range(0, len(todo), batch):
        ids = todo[start:start + batch]
        records = view_records(store, ids)
        rows: list[EventRow] = []
        mentions, parties = [], []
        for record in records:
            mine = event_rows([record])
            rows += mine
            mentions += [_mention_tuple(r, i) for i, r in enumerate(mine)]
            parties += _parties(record, {r.event_id: r for r in mine})
        clusters = _clusters(store, [r.doc.id for r in records])
        merge, written = _merge_batch(store, rows)
        store.write([(_insert("mentions", MENTION_COLUMNS), mentions),
                     (_insert("mention_parties", PARTY_COLUMNS), parties),
                     (_insert("viewed", ("doc_id", "cluster_id")),
                      [(r.doc.id, clusters.get(r.doc.id, "")) for r in records]), *merge])
        summary.documents += len(records)
        summary.mentions += len(rows)
        summary.corpus_events += written


def rebuild(store: Store, batch: int = BATCH) -> ViewSummary:
    """Empty the views and build them again from the records: the same tables an
    incremental update gives (tests/test_corpus_stored.py compares them)."""
    store.write([(f"DELETE FROM {table}", [()]) for table in VIEW_TABLES])
    return update(store, batch)


__all__ = ["ViewSummary", "pending", "rebuild", "update"]
