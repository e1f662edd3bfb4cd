"""The HTML pages: each at its own URL, its filter in the query string (bookmarkable, the
back button works), rendered on the server with Jinja2; the timeline, map and network draw
themselves from the JSON API with the page's own query string.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ..store import queries
from ..store.queries import EventFilter
from . import corpus
from .params import COUNT_CAP, MODALITIES, Page, event_filter, event_types, page_params, quad_of, quads
from .reader import event_view, segments
from .stores import store_of

router = APIRouter(include_in_schema=False)
FILTER_NAMES = ("q", "actor", "target", "type", "quad", "modality", "since", "until", "near", "radius",
                "bbox", "outlet")


def _render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    response: HTMLResponse = request.app.state.templates.TemplateResponse(
        request, template, {**base_context(request), **context}, status_code=status_code)
    return response


def base_context(request: Request) -> dict[str, Any]:
    """What every page's template reads: the filter's parameters and a link maker keeping them."""
    params = {k: v for k, v in request.query_params.items() if k in FILTER_NAMES and v}

    def link(path: str, **changes: Any) -> str:
        merged = {**params, **{k: v for k, v in changes.items() if v is not None}}
        query = urlencode({k: v for k, v in merged.items() if v != ""})
        return path + ("?" + query if query else "")

    return {"params": params, "link": link, "types": event_types(), "quads": sorted(quads()),
            "modalities": MODALITIES, "filter_query": urlencode(params), "title": "Sankore"}


def error_page(request: Request, status: int, detail: object) -> HTMLResponse:
    return _render(request, "error.html", status_code=status, status=status, detail=detail, title=str(status))


def _snippet(text: str | None) -> list[tuple[str, bool]]:
    """A search snippet ('… [matched] words …') as (text, matched) pieces, for <mark>."""
    pieces: list[tuple[str, bool]] = []
    for number, part in enumerate((text or "").replace("]", "[").split("[")):
        if part:
            pieces.append((part, number % 2 == 1))
    return pieces


@router.get("/", response_class=HTMLResponse)
def home() -> Response:
    return RedirectResponse("/search", status_code=302)


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, f: Annotated[EventFilter, Depends(event_filter)],
                paging: Annotated[Page, Depends(page_params)]) -> HTMLResponse:
    store = store_of(request)
    documents: list[dict[str, Any]] = []
    doc_total = 0
    if f.q:
        doc_total, documents = queries.search_documents(store, f.q, f.outlet, paging.size, paging.offset)
        for hit in documents:
            hit["pieces"] = _snippet(hit["snippet"])
    exact = request.query_params.get("exact") == "1"
    total = queries.count_events(store, f, None if exact else COUNT_CAP)
    total_exact = exact or total <= COUNT_CAP
    total = total if total_exact else COUNT_CAP
    broad = total > COUNT_CAP or not total_exact
    rows = queries.filter_events(store, f, paging.size, paging.offset, broad=broad)
    for row in rows:
        row["quad"] = quad_of(row["type"], row["mode"])
    pages = max(1, -(-max(total, doc_total) // paging.size))
    return _render(request, "search.html", title="Search", documents=documents, doc_total=doc_total,
                   events=rows, total=total, total_exact=total_exact, paging=paging, pages=pages,
                   counts=queries.corpus_counts(store))


@router.get("/doc/{doc_id}", response_class=HTMLResponse)
def reader_page(request: Request, doc_id: Annotated[str, Path(max_length=128)]) -> HTMLResponse:
    store = store_of(request)
    record = store.get(doc_id)
    if record is None:
        raise HTTPException(404, f"no document {doc_id!r} in the store")
    source = record.doc.source or ""
    return _render(request, "reader.html", title=record.doc.title or doc_id, record=record,
                   segments=segments(record), events=[event_view(record, e) for e in record.events],
                   quad_of=quad_of,
                   # Only a web address becomes a link: a stored 'javascript:' source stays text.
                   source_url=source if source.startswith(("http://", "https://")) else None,
                   duplicates=queries.duplicate_cluster(store, doc_id))


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(request: Request, f: Annotated[EventFilter, Depends(event_filter)]) -> HTMLResponse:
    return _render(request, "timeline.html", title="Timeline")


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, f: Annotated[EventFilter, Depends(event_filter)]) -> HTMLResponse:
    return _render(request, "map.html", title="Map")


@router.get("/network", response_class=HTMLResponse)
def network_page(request: Request, f: Annotated[EventFilter, Depends(event_filter)]) -> HTMLResponse:
    return _render(request, "network.html", title="Actor network")


@router.get("/corpus-event/{event_id}", response_class=HTMLResponse)
def corpus_event_page(request: Request, event_id: Annotated[str, Path(max_length=64)]) -> HTMLResponse:
    found = corpus.corpus_event(store_of(request), event_id)
    if found is None:
        raise HTTPException(404, f"no corpus event {event_id!r}")
    return _render(request, "corpus_event.html", title=f"Corpus event {event_id}", event=found)


@router.get("/docs", response_class=HTMLResponse)
def docs_page(request: Request) -> HTMLResponse:
    return _render(request, "docs.html", title="API")
