"""The typed record model: one `Record` per analysed document (schema `sankore/1`).

Every stage outside the spaCy pipeline reads and writes these objects; the JSON is their
serialization (`Record.to_dict()`), and `schema/sankore-1.schema.json` is generated from
them (`python -m sankore.records > src/sankore/schema/sankore-1.schema.json`), so the
schema cannot drift from the code without a test failing.

Spans are `[start, end)` code-point offsets into `Document.text` (../shared/DESIGN.md §1).
"""

from __future__ import annotations

import json
import sys
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

SCHEMA_ID: Literal["sankore/1"] = "sankore/1"

Span = tuple[int, int]

EntityKind = Literal[
    "state", "igo", "government", "military", "police", "armed_group", "party",
    "person", "media", "organization", "other",
]
TimeType = Literal["DATE", "TIME", "DURATION", "SET"]
Granularity = Literal[
    "century", "decade", "year", "half", "quarter", "season", "month", "week", "day",
    "part_of_day", "hour", "minute", "second", "duration", "set", "reference", "unknown",
]
Modality = Literal["asserted", "reported", "planned", "hypothetical", "negated"]
# What a place name does in its sentence, after GeoWebNews (Gritta et al. 2019): a map shows
# literal and mixed ones; the others name a place's people, government or things.
PlaceKind = Literal["literal", "mixed", "metonymic", "modifier", "embedded", "demonym",
                    "language", "homonym"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class Document(_Model):
    id: str = Field(description="Hash of the normalized text: the same article gets the same id.")
    source: str | None = Field(default=None, description="Path or URL the text came from.")
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    published: str | None = Field(default=None, description="Publication date, YYYY-MM-DD.")
    language: str = "en"
    text: str

    @field_validator("published")
    @classmethod
    def _iso_date(cls, value: str | None) -> str | None:
        if value is not None:
            from datetime import date

            date.fromisoformat(value)
        return value


class Entity(_Model):
    id: str
    span: Span = Field(description="First mention.")
    text: str
    kind: EntityKind
    name: str = Field(description="Canonical name.")
    code: str | None = Field(default=None, description="PLOVER/CAMEO-style actor code, e.g. 'RUS GOV'.")
    country: str | None = Field(default=None, description="ISO 3166 alpha-3, when the actor has one.")
    role: str | None = None
    mentions: list[Span] = Field(default_factory=list)


class Place(_Model):
    id: str
    span: Span
    text: str
    name: str | None = Field(default=None, description="Gazetteer name; null when unresolved.")
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    feature: str | None = Field(default=None, description="country, admin1, city, region, continent, water…")
    confidence: float = Field(ge=0.0, le=1.0)
    metonymy: bool = Field(
        default=False,
        description="The name stands for an actor here ('Moscow said'), not a location.",
    )
    kind: PlaceKind = Field(
        default="literal",
        description="GeoWebNews pragmatic kind: literal ('in Niamey'), metonymic ('Moscow "
                    "said'), modifier ('Texas officials'), embedded ('Dublin City Council'), "
                    "demonym, language, mixed, homonym.",
    )


class TimeExpression(_Model):
    id: str
    span: Span
    text: str
    type: TimeType = "DATE"
    value: str | None = Field(description="TIMEX3 / ISO 8601 value; null when unresolved.")
    granularity: Granularity | None = None
    anchor: Literal["published", "absolute", "context"] | None = Field(
        default=None,
        description="What a relative value was computed from; 'absolute' needs no anchor.",
    )
    mod: str | None = Field(default=None, description="TIMEX3 mod: START, MID, END, APPROX…")


class Quote(_Model):
    id: str
    span: Span = Field(description="The content: what is attributed.")
    text: str
    kind: Literal["direct", "indirect", "mixed"]
    speaker: str | None = Field(default=None, description="Entity id.")
    speaker_span: Span | None = Field(
        default=None, description="The words naming the speaker here ('he', 'Lavrov', 'officials').")
    speaker_text: str | None = None
    cue: str | None = None
    cue_span: Span | None = None
    via: str | None = Field(default=None, description="Entity id of the relaying outlet or report.")


class Sentence(_Model):
    """Whose voice a sentence speaks in: the author's own, or attributed to a source."""

    span: Span
    voice: Literal["author", "attributed"]
    source: str | None = Field(default=None, description="Entity id of the source, when known.")
    quote: str | None = Field(default=None, description="Quote id that attributes it.")


class DocumentStats(_Model):
    sentences: int = 0
    author_voice_share: float = Field(default=0.0, ge=0.0, le=1.0)
    attributed_share: float = Field(default=0.0, ge=0.0, le=1.0)
    sources: int = Field(default=0, description="Distinct identified sources quoted.")
    framing: dict[str, int] = Field(default_factory=dict, description="Framing spans by kind.")


class Event(_Model):
    id: str
    type: str
    mode: str | None = None
    actors: list[str] = Field(default_factory=list)
    targets: list[str] = Field(default_factory=list)
    time: str | None = None
    place: str | None = None
    modality: Modality = "asserted"
    attributed_to: str | None = None
    evidence: Span
    confidence: float = Field(ge=0.0, le=1.0)
    cameo: str | None = None


class Framing(_Model):
    span: Span
    kind: str
    text: str


class Record(_Model):
    schema_: Literal["sankore/1"] = Field(default=SCHEMA_ID, alias="schema")
    doc: Document
    boilerplate: list[Span] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    times: list[TimeExpression] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    framing: list[Framing] = Field(default_factory=list)
    sentences: list[Sentence] = Field(default_factory=list)
    stats: DocumentStats | None = None

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    def __repr__(self) -> str:
        # The default repr prints every field, the article's text included (59 KB for one
        # long article): a record is named by its document and counts, as a person reads it.
        counts = ", ".join(f"{len(getattr(self, name))} {name}" for name in
                           ("entities", "places", "times", "quotes", "events"))
        return f"<Record {self.doc.id} {self.doc.title or self.doc.source or ''!r}: {counts}>"

    def to_dict(self) -> dict[str, Any]:
        """The `sankore/1` JSON object."""
        return self.model_dump(mode="json", by_alias=True)

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Record:
        return cls.model_validate(data)


def json_schema() -> dict[str, Any]:
    schema = Record.model_json_schema(by_alias=True, mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://sankore.dev/schema/sankore-1.schema.json"
    schema["title"] = "sankore/1 record"
    return schema


def schema_path():
    from importlib.resources import files

    return files("sankore") / "schema" / "sankore-1.schema.json"


if __name__ == "__main__":
    json.dump(json_schema(), sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
