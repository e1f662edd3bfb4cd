"""What the pipeline's components hang on `Doc._`: plain mentions with character offsets.

Components never call each other; they read and write these lists through the `Doc`
(`pipeline/extensions.py`). `pipeline/to_records.py` turns them into `sankore/1` records,
assigning ids and merging mentions of the same entity.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .records import PlaceKind


@dataclass(frozen=True)
class ActorMention:
    start: int
    end: int
    text: str
    key: str  # canonical identity: mentions with the same key are one entity
    kind: str  # records.EntityKind
    name: str
    code: str | None = None
    country: str | None = None
    role: str | None = None


@dataclass(frozen=True)
class PlaceMention:
    start: int
    end: int
    text: str
    name: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    feature: str | None = None
    confidence: float = 0.0
    metonymy: bool = False
    kind: PlaceKind = "literal"  # GeoWebNews: literal, metonymic, modifier, embedded, ...


@dataclass(frozen=True)
class TimeMention:
    start: int
    end: int
    text: str
    type: str = "DATE"  # DATE, TIME, DURATION, SET
    value: str | None = None
    granularity: str | None = None
    anchor: str | None = None  # "published", "absolute", "context"
    mod: str | None = None
    extra: dict = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class QuoteMention:
    start: int  # the content span
    end: int
    text: str
    kind: str  # direct, indirect, mixed
    cue: str | None = None
    cue_span: tuple[int, int] | None = None
    speaker_span: tuple[int, int] | None = None  # the words naming the speaker here
    antecedent_span: tuple[int, int] | None = None  # a named mention "he" refers to
    via_span: tuple[int, int] | None = None  # the outlet or report relaying the quote


@dataclass(frozen=True)
class FramingMention:
    start: int
    end: int
    text: str
    kind: str  # hedge, distancing, scare_quote, loaded, intensifier…


@dataclass(frozen=True)
class SentenceVoice:
    start: int
    end: int
    voice: str  # "author" or "attributed"
    quote_index: int | None = None  # index into doc._.quotes of the attributing quote


@dataclass(frozen=True)
class EventMention:
    """One coded event. Participants, time and place are given as character spans of
    mentions that other components produced; the converter maps them to record ids."""

    type: str  # PLOVER event type
    evidence: tuple[int, int]  # the clause or sentence that supports the event
    confidence: float
    mode: str | None = None
    cameo: str | None = None  # CAMEO root code ("04")
    trigger: tuple[int, int] | None = None  # the word(s) that name the event
    actor_spans: tuple[tuple[int, int], ...] = ()
    target_spans: tuple[tuple[int, int], ...] = ()
    time_span: tuple[int, int] | None = None  # span of a TimeMention in doc._.times
    place_span: tuple[int, int] | None = None  # span of a PlaceMention in doc._.places
    modality: str = "asserted"  # asserted, reported, planned, hypothetical, negated
    attributed_span: tuple[int, int] | None = None  # span naming the source, if reported
