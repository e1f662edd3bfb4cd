"""The one converter from a processed `Doc` to a `sankore/1` `Record`.

Assigns ids (e1, p1, t1…), merges actor mentions that share a key into one entity with all
its mentions, and drops anything inside boilerplate, whichever component produced it.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc

from ..records import Document, Entity, Place, Record, Span, TimeExpression
from .extensions import in_boilerplate
from .mentions import ActorMention


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
            id=f"e{number}", span=(first.start, first.end), text=first.text, kind=first.kind,
            name=best.name,
            code=next((m.code for m in group if m.code), None),
            country=next((m.country for m in group if m.country), None),
            role=next((m.role for m in group if m.role), None),
            mentions=[(m.start, m.end) for m in group],
        ))
    return entities


def doc_to_record(doc: Doc, document: Document, boilerplate: list[Span] | None = None) -> Record:
    places = [
        Place(id=f"p{i}", span=(p.start, p.end), text=p.text, name=p.name, country=p.country,
              lat=p.lat, lon=p.lon, geonameid=p.geonameid, feature=p.feature,
              confidence=round(p.confidence, 3), metonymy=p.metonymy)
        for i, p in enumerate(_keep(doc, doc._.places), start=1)
    ]
    times = [
        TimeExpression(id=f"t{i}", span=(t.start, t.end), text=t.text, type=t.type,
                       value=t.value, granularity=t.granularity, anchor=t.anchor, mod=t.mod)
        for i, t in enumerate(_keep(doc, doc._.times), start=1)
    ]
    return Record(
        doc=document,
        boilerplate=list(boilerplate if boilerplate is not None else doc._.boilerplate),
        entities=entities_from_mentions(_keep(doc, doc._.actors)),
        places=places,
        times=times,
    )
