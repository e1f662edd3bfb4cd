"""What the corpus views read of stored records, for a batch of documents in six queries.

`Store.get` rebuilds and validates a whole record (sentences, quotes, framing, evidence…)
in a dozen queries: ~12 ms a document, 12 s of a 1,000-document view update. The views need
only the events, their participants, times and places, and the document's date and outlet;
this reads those columns for the whole batch at once (`IN` lists) and builds the records
without validating them again (`model_construct`: they were validated when stored; every
list field is given, since pydantic inspects a default factory's signature on each call). The
records it returns have no text, sentences, quotes or framing: they are inputs to
`rows.event_rows` and `stored._parties`, not records to hand to a user.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..records import Document, Entity, Event, Place, Record, TimeExpression
from ..store.base import Store

CHUNK = 500  # values per IN list (SQLite's limit on parameters is far above)


def _by_doc(store: Store, sql: str, ids: Sequence[str]) -> dict[str, list[tuple]]:
    """Rows of `sql` (one `IN ({})` on doc_id, doc_id the first column) grouped by document."""
    found: dict[str, list[tuple]] = {}
    for start in range(0, len(ids), CHUNK):
        chunk = list(ids[start:start + CHUNK])
        for row in store.query(sql.format(", ".join("?" * len(chunk))), chunk):
            found.setdefault(row[0], []).append(row)
    return found


def view_records(store: Store, ids: Sequence[str]) -> list[Record]:
    """The stored documents of `ids` (absent ones left out), in `ids` order, with what the
    corpus views read of them."""
    docs = _by_doc(store, "SELECT id, source, outlet, published, language FROM documents WHERE id IN ({})",
                   ids)
    # Only the entities, places and times an event names: the views read no others.
    entities = _by_doc(store, "SELECT doc_id, id, name, code, kind, text, span_start, span_end FROM entities "
                       "AS x WHERE doc_id IN ({}) AND EXISTS (SELECT 1 FROM event_participants AS p "
                       "WHERE p.doc_id = x.doc_id AND p.entity_id = x.id) ORDER BY doc_id, position", ids)
    places = _by_doc(store, "SELECT doc_id, id, name, country, lat, lon, text, confidence, span_start, "
                     "span_end FROM places AS x WHERE doc_id IN ({}) AND EXISTS (SELECT 1 FROM events AS v "
                     "WHERE v.doc_id = x.doc_id AND v.place = x.id) ORDER BY doc_id, position", ids)
    times = _by_doc(store, "SELECT doc_id, id, value, text, span_start, span_end FROM times AS x "
                    "WHERE doc_id IN ({}) AND EXISTS (SELECT 1 FROM events AS v WHERE v.doc_id = x.doc_id "
                    "AND v.time = x.id) ORDER BY doc_id, position", ids)
    events = _by_doc(store, "SELECT doc_id, id, type, mode, time, place, modality, confidence, "
                     "evidence_start, evidence_end FROM events WHERE doc_id IN ({}) "
                     "ORDER BY doc_id, position", ids)
    parties: dict[tuple[str, str, str], list[str]] = {}
    for rows in _by_doc(store, "SELECT doc_id, event_id, role, entity_id FROM event_participants "
                        "WHERE doc_id IN ({}) ORDER BY doc_id, event_id, role, position", ids).values():
        for doc_id, event_id, role, entity_id in rows:
            parties.setdefault((doc_id, event_id, role), []).append(entity_id)
    records = []
    for doc_id in ids:
        if doc_id not in docs:
            continue
        _, source, outlet, published, language = docs[doc_id][0]
        records.append(Record.model_construct(
            doc=Document.model_construct(id=doc_id, source=source, outlet=outlet, published=published,
                                         language=language, text=""),
            entities=[Entity.model_construct(id=i, name=name, code=code, kind=kind, text=text, span=(s, e),
                                             mentions=[])
                      for _, i, name, code, kind, text, s, e in entities.get(doc_id, [])],
            places=[Place.model_construct(id=i, name=name, country=country, lat=lat, lon=lon, text=text,
                                          confidence=confidence, span=(s, e))
                    for _, i, name, country, lat, lon, text, confidence, s, e in places.get(doc_id, [])],
            times=[TimeExpression.model_construct(id=i, value=value, text=text, span=(s, e))
                   for _, i, value, text, s, e in times.get(doc_id, [])],
            events=[Event.model_construct(
                id=i, type=type_, mode=mode, time=time, place=place, modality=modality, confidence=confidence,
                evidence=(s, e), actors=parties.get((doc_id, i, "actor"), []),
                targets=parties.get((doc_id, i, "target"), []))
                for _, i, type_, mode, time, place, modality, confidence, s, e in events.get(doc_id, [])],
            boilerplate=[], quotes=[], framing=[], sentences=[], stats=None))
    return records
