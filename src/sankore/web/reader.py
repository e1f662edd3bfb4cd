"""What the reader shows of one record: the text cut into segments at every span boundary,
each segment naming the records whose spans cover it, and for each event the spans that
support each of its fields.

Pure functions over a `Record`: the page renders the segments (autoescaped text, never
markup from the record), and the script highlights them by their character offsets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..records import Event, Record

# The kinds of span the reader highlights, in the order their classes are written.
KINDS = ("boilerplate", "sentence", "entity", "place", "time", "quote", "framing", "event")


@dataclass(frozen=True)
class Cite:
    """One record's span: which record (kind and id), which of its spans (role), where."""

    kind: str
    id: str
    role: str
    start: int
    end: int
    label: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "id": self.id, "role": self.role, "span": [self.start, self.end],
                "label": self.label}


@dataclass
class Segment:
    start: int
    end: int
    text: str
    cites: list[Cite] = field(default_factory=list)

    @property
    def classes(self) -> str:
        kinds = {c.kind for c in self.cites}
        names = [f"k-{k}" for k in KINDS if k in kinds and k != "sentence"]
        voice = [c.label for c in self.cites if c.kind == "sentence"]
        if voice:
            names.append(f"voice-{voice[0].split(' ')[0]}")
        return " ".join(names)

    @property
    def refs(self) -> str:
        """The records citing this segment, as 'kind:id' words (sentences left out: every
        character has one)."""
        seen = dict.fromkeys(f"{c.kind}:{c.id}" for c in self.cites if c.kind != "sentence")
        return " ".join(seen)


def cites(record: Record) -> list[Cite]:
    """Every span of every record, as the store's `evidence` table lists them."""
    names = {e.id: e.name for e in record.entities}
    out: list[Cite] = []
    for number, (start, end) in enumerate(record.boilerplate):
        out.append(Cite("boilerplate", str(number), "span", start, end, "boilerplate"))
    for number, sentence in enumerate(record.sentences):
        source = f" ({names.get(sentence.source, sentence.source)})" if sentence.source else ""
        out.append(Cite("sentence", str(number), "span", *sentence.span, f"{sentence.voice}{source}"))
    for entity in record.entities:
        label = f"{entity.name} ({entity.code or entity.kind})"
        spans = entity.mentions or [entity.span]
        for start, end in spans:
            out.append(Cite("entity", entity.id, "mention", start, end, label))
    for place in record.places:
        out.append(Cite("place", place.id, "span", *place.span, place.name or place.text))
    for time in record.times:
        out.append(Cite("time", time.id, "span", *time.span, time.value or time.text))
    for quote in record.quotes:
        speaker = names.get(quote.speaker or "", quote.speaker_text or "?")
        out.append(Cite("quote", quote.id, "span", *quote.span, f"{quote.kind} quote of {speaker}"))
        if quote.speaker_span:
            out.append(Cite("quote", quote.id, "speaker", *quote.speaker_span, f"speaker: {speaker}"))
        if quote.cue_span:
            out.append(Cite("quote", quote.id, "cue", *quote.cue_span, f"cue: {quote.cue}"))
    for number, framing in enumerate(record.framing):
        out.append(Cite("framing", str(number), "span", *framing.span, framing.kind))
    for event in record.events:
        out.append(Cite("event", event.id, "evidence", *event.evidence, f"{event.type} ({event.modality})"))
    return [c for c in out if 0 <= c.start < c.end <= len(record.doc.text)]


def segments(record: Record) -> list[Segment]:
    """The text cut at every span boundary; each piece with the spans that cover it."""
    text = record.doc.text
    all_cites = cites(record)
    cuts = sorted({0, len(text), *(c.start for c in all_cites), *(c.end for c in all_cites)})
    starting: dict[int, list[Cite]] = {}
    for cite in all_cites:
        starting.setdefault(cite.start, []).append(cite)
    open_cites: list[Cite] = []
    out = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        open_cites = [c for c in open_cites if c.end > start] + starting.get(start, [])
        out.append(Segment(start, end, text[start:end], list(open_cites)))
    return out


def _within(spans: list[list[int]] | list[tuple[int, int]], outer: tuple[int, int]) -> list[tuple[int, int]]:
    return [(s, e) for s, e in spans if s >= outer[0] and e <= outer[1]]


def support(record: Record, event: Event) -> list[dict[str, Any]]:
    """The spans behind each field of `event`: its evidence, and for actors, targets and
    attributed_to the entity's mentions inside the evidence (its first mention when none
    is), the time and place expressions, and the sentence's quote when it attributes it."""
    text = record.doc.text
    entities = {e.id: e for e in record.entities}
    evidence = (event.evidence[0], event.evidence[1])
    out: list[dict[str, Any]] = [{"field": "evidence", "ref": f"event:{event.id}", "span": list(evidence)}]

    def entity_spans(role: str, entity_id: str) -> None:
        entity = entities.get(entity_id)
        if entity is None:
            return
        mentions = entity.mentions or [entity.span]
        for start, end in _within(mentions, evidence) or [(entity.span[0], entity.span[1])]:
            out.append({"field": role, "ref": f"entity:{entity_id}", "span": [start, end]})

    for actor in event.actors:
        entity_spans("actor", actor)
    for target in event.targets:
        entity_spans("target", target)
    if event.attributed_to:
        entity_spans("attributed_to", event.attributed_to)
    for time in record.times:
        if time.id == event.time:
            out.append({"field": "time", "ref": f"time:{time.id}", "span": list(time.span)})
    for place in record.places:
        if place.id == event.place:
            out.append({"field": "place", "ref": f"place:{place.id}", "span": list(place.span)})
    for item in out:
        start, end = item["span"]
        item["text"] = text[start:end]
    return out


def event_view(record: Record, event: Event) -> dict[str, Any]:
    """An event with its participants, time and place spelled out, and its support spans."""
    entities = {e.id: e for e in record.entities}
    times = {t.id: t for t in record.times}
    places = {p.id: p for p in record.places}

    def who(entity_id: str | None) -> dict[str, Any] | None:
        entity = entities.get(entity_id or "")
        if entity is None:
            return None
        return {"id": entity.id, "name": entity.name, "code": entity.code, "kind": entity.kind,
                "country": entity.country, "role": entity.role}

    time = times.get(event.time or "")
    place = places.get(event.place or "")
    return {
        **event.model_dump(),
        "actors": [who(a) for a in event.actors if who(a)],
        "targets": [who(t) for t in event.targets if who(t)],
        "attributed_to": who(event.attributed_to),
        "time": time.model_dump() if time else None,
        "place": place.model_dump() if place else None,
        "evidence_text": record.doc.text[event.evidence[0]:event.evidence[1]],
        "support": support(record, event),
    }


def document_view(record: Record) -> dict[str, Any]:
    """The JSON twin of the reader page."""
    return {
        "record": record.to_dict(),
        "events": [event_view(record, event) for event in record.events],
        "cites": [c.as_dict() for c in cites(record)],
    }
