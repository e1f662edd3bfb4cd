"""The fuzz harness's inputs and invariants, shared by tests/test_fuzz.py (a fixed budget in
CI) and benchmarks/fuzz_long.py (the long run). Not a test module itself.

Invariants (issue 21): no exception but Sankore's own errors with a code; every span inside
`doc.text` and equal to its slice; every id reference resolvable; output valid against the
JSON Schema; nothing written outside the target; the store's integrity check passes.
"""

from __future__ import annotations

import io
import json
import sqlite3
from functools import lru_cache
from pathlib import Path

from hypothesis import strategies as st

from sankore.readers import Article, ReadFailure, TableOptions
from sankore.readers import read_bytes as _read_bytes
from sankore.records import Record

SCHEMA = Path(__file__).resolve().parents[1] / "src" / "sankore" / "schema" / "sankore-1.schema.json"

# Real news phrasing and the characters that broke parsers before: quotes of every kind,
# brackets and rich markup, control and bidi characters, dates and relative times, numbers.
PIECES = [
    "Chad asked French troops to leave the country on Thursday, officials said.",
    "Russian Foreign Minister Sergei Lavrov met Burkina Faso's leader in Ouagadougou last week.",
    '"We will not negotiate," the minister told reporters in Niamey.',
    "Police arrested 12 protesters in Lagos on 3 March 2024, according to Reuters.",
    "The UN Security Council condemned the attack, which killed 40 people.",
    "“Curly quotes” and «guillemets» and ‘single’ ones", "[/]", "[blink]x[/blink]", "<b>", "&amp;",
    "\n", "\n\n", "\t", "\r\n", "  ", "\u00a0", "\u200b", "\u202e", "\ufeff", "\x0c", "\x1b[31m",
    "yesterday", "last week", "in 2,000 years", "the 1990s", "next Tuesday", "0001-01-01", "9999",
    "U.S.", "E.U.", "Mr.", "…", "--", "—", "'s", "1,000,000", "3.14", "-", "(", ")", "{", "}",
    "😀", "é", "ß", "İ", "ǅ", "ﬁ", "٣", "中国", "Москва", "עברית", "\u0301",
]


def adversarial_text() -> st.SearchStrategy[str]:
    pieces = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=40)), min_size=1, max_size=25)
    return st.one_of(pieces.map(" ".join), pieces.map("".join), st.text(min_size=1, max_size=400))


SUFFIXES = [".txt", ".csv", ".tsv", ".jsonl", ".html", ".warc", ".warc.gz", ".rss", ".xml", ".md"]


@st.composite
def file_bytes(draw: st.DrawFn) -> tuple[bytes, str]:
    """(content, suffix): random bytes, or a file of the suffix's kind built around
    adversarial text and then, sometimes, cut or corrupted."""
    suffix = draw(st.sampled_from(SUFFIXES))
    text = draw(adversarial_text())
    kind = draw(st.integers(0, 4))
    if kind == 0:
        data = draw(st.binary(max_size=2000))
    elif suffix in (".csv", ".tsv"):
        sep = "\t" if suffix == ".tsv" else ","
        rows = draw(st.lists(adversarial_text(), max_size=4))
        quoted = [json.dumps(r) if draw(st.booleans()) else r for r in rows]
        dates = [draw(st.sampled_from(["", "2024-01-02", "01/02/2020", "x"])) for _ in quoted]
        body = "".join(f"t{sep}{q}{sep}{d}\n" for q, d in zip(quoted, dates, strict=True))
        data = (f"title{sep}text{sep}date\n" + body).encode("utf-8", "surrogatepass")
    elif suffix == ".jsonl":
        lines = draw(st.lists(st.one_of(
            st.builds(lambda t: json.dumps({"text": t}), adversarial_text()),
            st.builds(lambda n: json.dumps({"text": n}), st.integers()),
            st.text(max_size=50)), max_size=4))
        data = "\n".join(lines).encode("utf-8", "surrogatepass")
    elif suffix == ".html":
        page = (f"<html><head><title>{text[:40]}</title></head>"
                f"<body><article><p>{text}</p></article></body></html>")
        data = page.encode("utf-8", "surrogatepass")
    elif suffix.startswith(".warc"):
        data = _warc(text, gz=suffix.endswith(".gz"))
    elif suffix in (".rss", ".xml"):
        feed = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>{text[:30]}'
                f"</title><description>{text}</description></item></channel></rss>")
        data = feed.encode("utf-8", "surrogatepass")
    else:
        data = text.encode(draw(st.sampled_from(["utf-8", "utf-16", "utf-16-le", "cp1252", "latin-1"])),
                           "replace")
    if kind == 1 and data:  # cut short
        data = data[: draw(st.integers(0, len(data) - 1))]
    elif kind == 2 and data:  # one byte flipped
        at = draw(st.integers(0, len(data) - 1))
        data = data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1:]
    return data, suffix


def _warc(text: str, gz: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gz)
    html = f"<html><body><article><p>{text}</p></article></body></html>".encode("utf-8", "surrogatepass")
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.0")
    # A fixed date and record id: hypothesis replays a strategy and needs the same bytes.
    fixed = {"WARC-Date": "2024-01-02T03:04:05Z",
             "WARC-Record-ID": "<urn:uuid:12345678-1234-5678-1234-567812345678>"}
    writer.write_record(writer.create_warc_record("http://example.org/a", "response",
                                                  payload=io.BytesIO(html), http_headers=headers,
                                                  warc_headers_dict=fixed))
    return buffer.getvalue()


def read_bytes(data: bytes, suffix: str) -> list[Article | ReadFailure]:
    """The readers on `data`: only Articles and ReadFailures with a code, nothing raised."""
    items = list(_read_bytes(data, f"fuzz{suffix}", suffix, TableOptions()))
    for item in items:
        assert isinstance(item, (Article, ReadFailure)), item
        if isinstance(item, ReadFailure):
            assert item.code.startswith("S1") and item.reason and "\n" not in item.reason, item
        else:
            item.text.encode("utf-8")  # no lone surrogate reaches the pipeline
    return items


@lru_cache(maxsize=1)
def _validator():
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def check_record(record: Record) -> None:
    """Spans inside the text and equal to their slice; references resolvable; schema-valid."""
    text = record.doc.text
    n = len(text)

    def inside(span: tuple[int, int] | None, what: str) -> None:
        if span is not None:
            assert 0 <= span[0] <= span[1] <= n, (what, span, n)

    for item in [*record.entities, *record.places, *record.times, *record.quotes, *record.framing]:
        inside(item.span, type(item).__name__)
        assert text[item.span[0]:item.span[1]] == item.text, (type(item).__name__, item.span, item.text)
    for entity in record.entities:
        for mention in entity.mentions:
            inside(mention, "mention")
    for span in record.boilerplate:
        inside(span, "boilerplate")
    entity_ids = {e.id for e in record.entities}
    quote_ids = {q.id for q in record.quotes}
    for quote in record.quotes:
        inside(quote.speaker_span, "speaker_span")
        inside(quote.cue_span, "cue_span")
        if quote.speaker_span is not None and quote.speaker_text is not None:
            assert text[quote.speaker_span[0]:quote.speaker_span[1]] == quote.speaker_text
        assert quote.speaker in entity_ids | {None} and quote.via in entity_ids | {None}
    for sentence in record.sentences:
        inside(sentence.span, "sentence")
        assert sentence.source in entity_ids | {None} and sentence.quote in quote_ids | {None}
    times, places = {t.id for t in record.times}, {p.id for p in record.places}
    for event in record.events:
        inside(event.evidence, "evidence")
        assert set(event.actors) | set(event.targets) <= entity_ids, event
        assert event.time in times | {None} and event.place in places | {None}, event
        assert event.attributed_to in entity_ids | quote_ids | {None}, event
    errors = sorted(_validator().iter_errors(json.loads(record.to_json())), key=str)
    assert not errors, errors[0].message


def store_is_sound(path: Path) -> None:
    """SQLite's own integrity and foreign-key checks on a store file."""
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
