"""`sankore analyze --format table`: a person's view of a record, rendered with rich.

One block per document: its metadata, its voice and framing statistics, then one row
per record with the evidence span it came from.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .records import Record
from .text import printable


def _fmt_span(span) -> str:
    return f"{span[0]}-{span[1]}"


def record_rows(record: Record) -> list[tuple[str, str, str, str, str]]:
    """(id, kind, text, value, span) rows, in text order within each record type."""
    rows = []
    for e in record.entities:
        value = " ".join(x for x in (e.code, e.role) if x) or "-"
        rows.append((e.id, f"entity/{e.kind}", e.name, f"{value} ×{len(e.mentions)}", _fmt_span(e.span)))
    for p in record.places:
        where = f"{p.country} {p.lat:.2f},{p.lon:.2f}" if p.lat is not None else "unresolved"
        if p.metonymy:
            where += " (metonymy)"
        rows.append((p.id, f"place/{p.feature or '?'}", p.text, where, _fmt_span(p.span)))
    for t in record.times:
        rows.append((t.id, f"time/{t.type}", t.text, t.value or "unresolved", _fmt_span(t.span)))
    names = {e.id: e.name for e in record.entities}
    for q in record.quotes:
        who = names.get(q.speaker or "", q.speaker_text or "?")
        via = f" via {names[q.via]}" if q.via in names else ""
        text = q.text if len(q.text) <= 60 else q.text[:57] + "…"
        rows.append((q.id, f"quote/{q.kind}", text, f"{who}{via} ({q.cue or '-'})", _fmt_span(q.span)))
    for v in record.events:
        rows.append((v.id, f"event/{v.type}", v.mode or "-", v.modality, _fmt_span(v.evidence)))
    for f in record.framing:
        rows.append(("", f"framing/{f.kind}", f.text, "", _fmt_span(f.span)))
    return rows


def render(record: Record, console: Console) -> None:
    # Every string here comes from an article: printed as Text, never parsed as rich markup
    # (a title "[/]" would raise, "[blink]" would blink), control characters made visible.
    doc = record.doc
    console.print(Text(printable(doc.title or "(no title)"), style="bold"))
    console.print(Text(f"{printable(doc.source or '-')} · published {doc.published or 'unknown'} · "
                       f"author {printable(doc.author or 'unknown')} · id {doc.id}"))
    if record.stats:
        s = record.stats
        framing = ", ".join(f"{k} {n}" for k, n in sorted(s.framing.items())) or "none"
        console.print(Text(f"{s.sentences} sentences: {s.author_voice_share:.0%} author's voice, "
                           f"{s.attributed_share:.0%} attributed · {s.sources} sources · framing: {framing}"))
    table = Table(show_lines=False, header_style="bold")
    for column in ("id", "kind", "text", "value", "span"):
        table.add_column(column, overflow="fold")
    for row in record_rows(record):
        table.add_row(*(Text(cell) for cell in row))
    console.print(table)
