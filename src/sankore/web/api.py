"""The JSON API under /api/: everything the pages show, documented at /docs.

Endpoints are plain (sync) functions: FastAPI runs each in a worker thread, and each
thread reads through its own store connection (`store_of`), opened in that same thread.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import Response, StreamingResponse

from ..store import queries
from ..store.corpus_reads import views_behind
from ..store.queries import EventFilter
from . import corpus
from .params import (
    COUNT_CAP,
    MODALITIES,
    Page,
    bad,
    event_filter,
    event_types,
    page_params,
    period_param,
    quad_of,
    quads,
)
from .reader import document_view
from .stores import store_of

router = APIRouter(prefix="/api", tags=["api"])
MAX_EXPORT_ROWS = 100_000
DocId = Annotated[str, Path(max_length=128, description="Document id (from search or events).")]
Filter = Annotated[EventFilter, Depends(event_filter)]
Paging = Annotated[Page, Depends(page_params)]


def _with_quad(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for row in rows:
        row["quad"] = quad_of(row["type"], row["mode"])
    return rows


@router.get("/stats", summary="How many documents and events the store holds")
def stats(request: Request) -> dict[str, int]:
    return queries.corpus_counts(store_of(request))


@router.get("/vocabulary", summary="The values the type, quad and modality filters accept")
def vocabulary() -> dict[str, list[str]]:
    return {"types": event_types(), "quads": sorted(quads()), "modalities": list(MODALITIES)}


@router.get("/search", summary="Full-text search over documents, paged, with the total")
def search(request: Request, paging: Paging,
           q: Annotated[str, Query(min_length=1, max_length=200, description="Full-text query.")],
           outlet: Annotated[str | None, Query(max_length=200)] = None) -> dict[str, Any]:
    store = store_of(request)
    total, hits = queries.search_documents(store, q, outlet, paging.size, paging.offset)
    counts = queries.document_event_counts(store, [h["doc_id"] for h in hits])
    for hit in hits:
        hit["events"] = counts.get(hit["doc_id"], 0)
    return {"total": total, "page": paging.page, "size": paging.size, "results": hits}


@router.get("/events", summary="Event mentions matching the filter, paged, with the total")
def events(request: Request, f: Filter, paging: Paging,
           exact: Annotated[bool, Query(description=f"Count every match; by default counting stops "
                                        f"past {COUNT_CAP:,} (total_exact is then false).")] = False,
           ) -> dict[str, Any]:
    store = store_of(request)
    total = queries.count_events(store, f, None if exact else COUNT_CAP)
    rows = queries.filter_events(store, f, paging.size, paging.offset, broad=total > COUNT_CAP)
    counted_all = exact or total <= COUNT_CAP
    return {"total": total if counted_all else COUNT_CAP, "total_exact": counted_all, "page": paging.page,
            "size": paging.size, "results": _with_quad(rows)}


def _flat_rows(request: Request, f: EventFilter) -> list[dict[str, Any]]:
    rows = _with_quad(queries.filter_events(store_of(request), f, MAX_EXPORT_ROWS, 0))
    for row in rows:
        for role in ("actors", "targets"):
            row[role] = "; ".join(f"{p['code'] or '-'} {p['name']}" for p in row[role])
    return rows


@router.get("/events.csv", summary="The filter's event mentions as CSV (at most 100,000)")
def events_csv(request: Request, f: Filter) -> StreamingResponse:
    rows = _flat_rows(request, f)

    def lines() -> Iterator[str]:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]) if rows else ["doc_id", "event_id"])
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
        yield buffer.getvalue()

    return StreamingResponse(lines(), media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": 'attachment; filename="sankore-events.csv"'})


@router.get("/events.parquet", summary="The filter's event mentions as Parquet (at most 100,000)")
def events_parquet(request: Request, f: Filter) -> Response:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = _flat_rows(request, f)
    table = pa.Table.from_pylist(rows) if rows else pa.table({"doc_id": pa.array([], pa.string())})
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    return Response(buffer.getvalue(), media_type="application/vnd.apache.parquet",
                    headers={"Content-Disposition": 'attachment; filename="sankore-events.parquet"'})


@router.get("/documents/{doc_id}", summary="One document's record, its events with the spans "
            "behind each field, and every span with the record that cites it")
def document(request: Request, doc_id: DocId) -> dict[str, Any]:
    store = store_of(request)
    record = store.get(doc_id)
    if record is None:
        raise HTTPException(404, f"no document {doc_id!r} in the store")
    view = document_view(record)
    view["duplicates"] = queries.duplicate_cluster(store, doc_id)
    return view


@router.get("/documents/{doc_id}/corpus-events", summary="Which corpus event each of a document's "
            "events was merged into")
def document_corpus_events(request: Request, doc_id: DocId) -> dict[str, str]:
    store = store_of(request)
    if not store.has(doc_id):
        raise HTTPException(404, f"no document {doc_id!r} in the store")
    return corpus.corpus_event_of(store, doc_id)


@router.get("/timeline", summary="Event counts per period, stacked by PLOVER type or quad class")
def timeline(request: Request, f: Filter,
             interval: Annotated[str, Query(pattern="^(day|month|year)$")] = "month",
             by: Annotated[str, Query(pattern="^(type|quad)$")] = "type") -> dict[str, Any]:
    counts: dict[tuple[str, str], int] = {}
    for bucket, event_type, mode, n in queries.event_groups(store_of(request), f, interval):
        key = event_type if by == "type" else (quad_of(event_type, mode) or "unscored")
        counts[(bucket, key)] = counts.get((bucket, key), 0) + n
    buckets = [{"bucket": b, "key": k, "events": n} for (b, k), n in sorted(counts.items())]
    return {"interval": interval, "by": by, "total": sum(counts.values()), "buckets": buckets}


@router.get("/places", summary="Places of the filter's events, with coordinates and counts")
def places(request: Request, f: Filter) -> dict[str, Any]:
    points = queries.place_groups(store_of(request), f)
    return {"total": sum(p["events"] for p in points), "places": points}


@router.get("/relations", summary="Actor-pair relations per period, as `sankore relations` gives them "
            "(views_behind: documents the stored corpus views do not hold yet; `sankore views` adds them)")
def relations(request: Request, f: Filter, period: Annotated[str, Depends(period_param)]) -> dict[str, Any]:
    store = store_of(request)
    return {"period": period, "relations": corpus.relation_view(store, f, period),
            "views_behind": views_behind(store)}


@router.get("/network", summary="Relations summed over the period: actor nodes and pair edges")
def network(request: Request, f: Filter, period: Annotated[str, Depends(period_param)]) -> dict[str, Any]:
    store = store_of(request)
    return {**corpus.network(corpus.relation_view(store, f, period)), "views_behind": views_behind(store)}


@router.get("/corpus-events/{event_id}", summary="A merged event with its mentions across outlets")
def corpus_event(request: Request, event_id: Annotated[str, Path(max_length=64)]) -> dict[str, Any]:
    found = corpus.corpus_event(store_of(request), event_id)
    if found is None:
        raise HTTPException(404, f"no corpus event {event_id!r}")
    return found


@router.get("/mentions", summary="Event mentions by (document, event) pairs")
def mentions(request: Request,
             keys: Annotated[str, Query(max_length=20_000, description="doc_id/event_id pairs, "
                                        "comma-separated.")]) -> dict[str, Any]:
    pairs = []
    for item in keys.split(","):
        doc_id, _, event_id = item.strip().partition("/")
        if not doc_id or not event_id:
            raise bad("keys", f"{item!r} is not DOC_ID/EVENT_ID")
        pairs.append((doc_id, event_id))
    store = store_of(request)
    rows: list[dict[str, Any]] = []
    for doc_id in sorted({d for d, _ in pairs})[:200]:
        wanted = {e for d, e in pairs if d == doc_id}
        rows += [r for r in queries.filter_events(store, EventFilter(doc_id=doc_id), 10_000, 0)
                 if r["event_id"] in wanted]
    return {"total": len(rows), "results": _with_quad(rows)}
