"""The web app in a real browser (Playwright driving Debian's headless Chromium) over a store
of real articles: what a person clicks and what they see. Also writes the README's
screenshot of the reader (docs/img/reader.png)."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from .conftest import ROOT
from .web_support import HOSTILE_TITLE, fill, web_records

pytestmark = pytest.mark.slow
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SCREENSHOT = ROOT / "docs" / "img" / "reader.png"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(nlp, tmp_path_factory):
    """`sankore serve`'s app on 127.0.0.1 and a free port, in a thread; yields its base URL."""
    uvicorn = pytest.importorskip("uvicorn")
    from sankore.web.app import create_app

    records = web_records(nlp)
    url = fill(f"sqlite:///{tmp_path_factory.mktemp('browser') / 'web.db'}", records)
    port = _free_port()
    config = uvicorn.Config(create_app(url), host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not running.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", records
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists() and not shutil.which("chromium"):
        pytest.skip("no Chromium: apt-get install chromium (.ci/run does)")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.errors = errors  # type: ignore[attr-defined]
    yield opened
    context.close()


def highlighted(page, field: str) -> list[str]:
    """The text of each run of adjacent segments highlighted for `field`."""
    return page.evaluate("""(field) => {
        const runs = []; let last = null;
        for (const seg of document.querySelectorAll('#text .seg')) {
            if (!seg.classList.contains('hl-' + field)) { last = null; continue; }
            if (last !== null && last === +seg.dataset.s) runs[runs.length - 1] += seg.textContent;
            else runs.push(seg.textContent);
            last = +seg.dataset.e;
        }
        return runs; }""", field)


def test_search_reader_event_evidence(server, page):
    base, records = server
    record = records[0]
    page.goto(f"{base}/search")
    page.fill("#f-q", "Sahel")
    page.click("#f-go")
    page.wait_for_url("**/search?*q=Sahel*")
    assert int(page.inner_text("#doc-total")) >= 1
    page.click(f"#doc-results a[href='/doc/{record.doc.id}']")
    page.wait_for_selector("#article[data-ready='1']")
    assert page.inner_text("#doc-title") == record.doc.title
    # The first event with an actor, a time and a place: each field's spans light up.
    event = next(e for e in record.events if e.actors and e.time and e.place)
    page.click(f".event-item[data-event='{event.id}']")
    page.wait_for_selector(f".event-item.selected[data-event='{event.id}']")
    text = record.doc.text
    assert highlighted(page, "evidence") == [text[slice(*event.evidence)]]
    time_expr = next(t for t in record.times if t.id == event.time)
    place = next(p for p in record.places if p.id == event.place)
    assert text[slice(*time_expr.span)] in highlighted(page, "time")
    assert text[slice(*place.span)] in highlighted(page, "place")
    names = {e.id: e for e in record.entities}
    mentions = {text[s:e] for a in event.actors for s, e in (names[a].mentions or [names[a].span])}
    actor_text = set(highlighted(page, "actor"))
    assert actor_text and actor_text <= mentions
    detail = page.inner_text("#detail-fields")
    assert event.modality in detail and f"{place.lat:g}" in detail and (time_expr.value or "") in detail
    # Clicking a highlighted span lists the records that cite it, this event among them.
    page.click("#text .seg.hl-evidence >> nth=0")
    page.wait_for_selector("#cited:not([hidden])")
    assert f"event {event.id}" in page.inner_text("#cited-list")
    # Sentence voice and boilerplate are visible as such.
    if record.boilerplate:
        assert page.locator("#text .k-boilerplate").count() > 0
    assert page.locator("#text .voice-attributed").count() > 0
    # The selection is in the URL: another event, then back, returns to the first.
    other = next(e for e in record.events if e.id != event.id)
    page.click(f".event-item[data-event='{other.id}']")
    page.wait_for_selector(f".event-item.selected[data-event='{other.id}']")
    assert highlighted(page, "evidence") == [text[slice(*other.evidence)]]
    page.go_back()
    page.wait_for_selector(f".event-item.selected[data-event='{event.id}']")
    assert highlighted(page, "evidence") == [text[slice(*event.evidence)]]
    assert not page.errors


def test_timeline_bar_lists_its_events(server, page):
    base, _ = server
    page.goto(f"{base}/timeline?interval=year&by=quad")
    page.wait_for_selector("#chart[data-ready='1']")
    bar = page.locator("#chart rect.bar").first
    expected = int(bar.get_attribute("data-events"))
    bar.click()
    page.wait_for_selector("#listing-items li")
    assert f": {expected} event mentions" in page.inner_text("#listing-title")
    assert page.locator("#listing-items li").count() == min(expected, 200)
    page.locator("#listing-items a.listed-event").first.click()
    page.wait_for_selector("#article[data-ready='1']")
    assert page.locator("#text .hl-evidence").count() > 0
    assert not page.errors


def test_map_cluster_lists_its_events(server, page):
    base, _ = server
    page.goto(f"{base}/map")
    page.wait_for_selector("#map[data-ready='1']")
    assert page.locator("#map path.country").count() > 150  # the offline outlines drew
    cluster = page.locator("#map g.cluster").first
    expected = int(cluster.get_attribute("data-events"))
    cluster.click()
    page.wait_for_selector("#listing-items li")
    assert f": {expected} event mentions" in page.inner_text("#listing-title")
    assert not page.errors


def test_network_edge_lists_its_events(server, page):
    base, _ = server
    page.goto(f"{base}/network")
    page.wait_for_selector("#network[data-ready='1']")
    edge = page.locator("#network line.edge").last  # drawn last: the busiest pair
    key = edge.get_attribute("data-key")
    edge.dispatch_event("click")  # thin lines cross: click this one, not what lies on top
    page.wait_for_selector("#listing-items li")
    actor, target = key.split("→")
    assert page.inner_text("#listing-title").startswith(f"{actor} → {target}")
    assert page.locator("#listing-items li").count() >= 1
    assert not page.errors


def test_stored_markup_never_executes(server, page):
    base, records = server
    hostile = records[-1]
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text))
    for path in (f"/doc/{hostile.doc.id}", "/search?q=agreement", "/search?q=Niamey&actor=NER"):
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__pwned") is None, path
    page.goto(f"{base}/doc/{hostile.doc.id}")
    page.wait_for_selector("#article[data-ready='1']")
    assert page.inner_text("#doc-title") == HOSTILE_TITLE  # shown as text
    assert "<script>window.__pwned = 'script';</script>" in page.inner_text("#text")
    assert page.locator("a[href^='javascript:']").count() == 0
    assert page.locator("#text img, #text script, #text a").count() == 0
    for segment in page.locator("#text .seg").all()[:50]:
        segment.click()
        segment.hover()
    if hostile.events:
        page.click(f".event-item[data-event='{hostile.events[0].id}']")
    assert page.evaluate("window.__pwned") is None
    assert not page.errors


def test_api_docs_work_offline(server, page):
    base, _ = server
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{base}/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=20_000)
    assert "/api/events" in page.inner_text("#swagger-ui")
    assert all(url.startswith(base) or url.startswith("data:") for url in requested)


def test_reader_screenshot_for_the_readme(server, page):
    base, records = server
    record = records[0]
    event = next(e for e in record.events if e.actors and e.targets and e.time and e.place)
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(f"{base}/doc/{record.doc.id}#{event.id}")
    page.wait_for_selector("#detail:not([hidden])")
    page.wait_for_timeout(300)
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT))
    assert SCREENSHOT.stat().st_size > 10_000
