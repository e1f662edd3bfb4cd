"""The one converter from a processed `Doc` to a `sankore/1` `Record`.

Assigns ids (e1, p1, t1…), merges actor mentions that share a key into one entity with all
its mentions, and drops anything inside boilerplate, whichever component produced it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import cast

from spacy.tokens import Doc

from ..mentions import ActorMention
from ..records import (
    Document,
    DocumentStats,
    Entity,
    EntityKind,
    Event,
    Framing,
    Place,
    Quote,
    Record,
    Sentence,
    Span,
    TimeExpression,
)
from ..spans import Overlaps
from .extensions import in_boilerplate


def _keep(doc: Doc, items: Iterable) -> list:
    return [m for m in items if not in_boilerplate(doc, m.start, m.end)]


def entities_from_mentions(mentions: list[ActorMention]) -> list[Entity]:
    """One entity per key, in order of first mention; fields from the most informative one."""
    groups: dict[str, list[ActorMention]] = {}
    for mention in sorted(mentions, key=lambda m: (m.start, m.end)):
        groups.setdefault(mention.key, []).append(mention)
    entities = []
    for number, group in enumerate(groups.values(), start=1):
        first = group[0]
        # A person's fullest mention names them ("Sergei Lavrov", not "Lavrov"); its role
        # and country come from whichever mention carried a title.
        best = max(group, key=lambda m: (len(m.name.split()), -m.start)) if first.kind == "person" else first
        entities.append(Entity(
            id=f"e{number}", span=(first.start, first.end), text=first.text,
            kind=cast(EntityKind, first.kind),
            name=best.name,
            code=next((m.code for m in group if m.code), None),
            country=next((m.country for m in group if m.country), None),
            role=next((m.role for m in group if m.role), None),
            mentions=[(m.start, m.end) for m in group],
        ))
    return entities


def mention_index(entities: list[Entity]) -> Overlaps:
    """`.most(span)`: the id of the entity with a mention overlapping `span` the most, if any."""
    return Overlaps([(start, end, entity.id) for entity in entities for start, end in entity.mentions])


def entity_at(entities: list[Entity], span: tuple[int, int] | None) -> str | None:
    """The id of the entity with a mention overlapping `span` the most, if any (for one span;
    for many, build `mention_index` once)."""
    return mention_index(entities).most(span)


def quotes_from_mentions(doc: Doc, entities: list[Entity]) -> list[Quote]:
    quotes = []
    text = doc.text  # built anew from the tokens at every access: read it once
    at = mention_index(entities).most
    for number, q in enumerate(doc._.quotes, start=1):
        speaker = at(q.antecedent_span) or at(q.speaker_span)
        quotes.append(Quote(
            id=f"q{number}", span=(q.start, q.end), text=q.text, kind=q.kind, speaker=speaker,
            speaker_span=q.speaker_span,
            speaker_text=text[slice(*q.speaker_span)] if q.speaker_span else None,
            cue=q.cue, cue_span=q.cue_span, via=at(q.via_span)))
    return quotes


def sentences_and_stats(doc: Doc, quotes: list[Quote], framing: list[Framing]
                        ) -> tuple[list[Sentence], DocumentStats | None]:
    voices = _keep(doc, doc._.voices)
    if not voices:
        return [], None
    sentences = []
    for v in voices:
        quote = quotes[v.quote_index] if v.quote_index is not None and v.quote_index < len(quotes) else None
        sentences.append(Sentence(span=(v.start, v.end), voice=v.voice,
                                  source=quote.speaker if quote else None,
                                  quote=quote.id if quote else None))
    attributed = sum(s.voice == "attributed" for s in sentences)
    stats = DocumentStats(
        sentences=len(sentences),
        author_voice_share=round(1 - attributed / len(sentences), 4),
        attributed_share=round(attributed / len(sentences), 4),
        sources=len({q.speaker for q in quotes if q.speaker}),
        framing=dict(Counter(f.kind for f in framing)),
    )
    return sentences, stats


def events_from_mentions(doc: Doc, entities: list[Entity], places: list[Place],
                         times: list[TimeExpression]) -> list[Event]:
    events: list[Event] = []
    at = mention_index(entities).most
    place_at = Overlaps([(*p.span, p.id) for p in places]).most
    time_at = Overlaps([(*t.span, t.id) for t in times]).most
    for v in _keep_events(doc):
        actors = list(dict.fromkeys(e for s in v.actor_spans if (e := at(s))))
        targets = list(dict.fromkeys(e for s in v.target_spans if (e := at(s)) and e not in actors))
        events.append(Event(
            id=f"v{len(events) + 1}", type=v.type, mode=v.mode, actors=actors, targets=targets,
            time=time_at(v.time_span), place=place_at(v.place_span),
            modality=v.modality, attributed_to=at(v.attributed_span),
            evidence=v.evidence, confidence=round(v.confidence, 3), cameo=v.cameo))
    return events


def _keep_events(doc: Doc) -> list:
    return [v for v in doc._.events if not in_boilerplate(doc, *v.evidence)]


def doc_to_record(doc: Doc, document: Document, boilerplate: list[Span] | None = None) -> Record:
    places = [
        Place(id=f"p{i}", span=(p.start, p.end), text=p.text, name=p.name, country=p.country,
              lat=p.lat, lon=p.lon, geonameid=p.geonameid, feature=p.feature,
              confidence=round(p.confidence, 3), metonymy=p.metonymy, kind=p.kind)
        # Nationality words ("Russian troops") are places of their own kinds in the record,
        # in text order with the others; events take their place from doc._.places only.
        for i, p in enumerate(sorted(_keep(doc, [*doc._.places, *doc._.demonyms]),
                                     key=lambda p: (p.start, p.end)), start=1)
    ]
    times = [
        TimeExpression(id=f"t{i}", span=(t.start, t.end), text=t.text, type=t.type,
                       value=t.value, granularity=t.granularity, anchor=t.anchor, mod=t.mod)
        for i, t in enumerate(_keep(doc, doc._.times), start=1)
    ]
    entities = entities_from_mentions(_keep(doc, doc._.actors))
    quotes = quotes_from_mentions(doc, entities)
    framing = [Framing(span=(f.start, f.end), kind=f.kind, text=f.text)
               for f in _keep(doc, doc._.framing)]
    sentences, stats = sentences_and_stats(doc, quotes, framing)
    events = events_from_mentions(doc, entities, places, times)
    return Record(
        doc=document,
        boilerplate=list(boilerplate if boilerplate is not None else doc._.boilerplate),
        entities=entities,
        places=places,
        times=times,
        quotes=quotes,
        events=events,
        framing=framing,
        sentences=sentences,
        stats=stats,
    )
