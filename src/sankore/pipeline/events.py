"""The `sankore_events` component: PLOVER events with roles, time, place, modality and evidence.

Reads the actors, times and places (and the quotes when the quotations component ran) that
the other components hung on the `Doc`, and sets `doc._.events`.
The work is in `sankore.events` (`code.find_events`); this module only wires it into spaCy.
`news_filters` (on by default) keeps only events with a named, coded participant or a clear
predicate, no weak trigger without a named actor, no speculation (`events.code.Settings`);
turn it off for recall over precision.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..events import classifier
from ..events.code import Settings, find_events
from .extensions import register_extensions


class EventCoder:
    def __init__(self, nlp: Language, use_classifier: bool = True, fallback: float | None = None,
                 news_filters: bool = True) -> None:
        register_extensions()
        self.model = classifier.packaged() if use_classifier else None
        self.settings = Settings(fallback=fallback, use_classifier=use_classifier)
        if not news_filters:
            self.settings = Settings(fallback=fallback, use_classifier=use_classifier,
                                     require_participant=False, keep_hypothetical=True,
                                     require_coded=False, min_weight=0.0)

    def __call__(self, doc: Doc) -> Doc:
        doc._.events = find_events(doc, self.model, self.settings)
        return doc


@Language.factory("sankore_events", assigns=["doc._.events"],
                  requires=["doc._.actors", "doc._.times", "doc._.places"],
                  default_config={"use_classifier": True, "fallback": None, "news_filters": True})
def make_events(nlp: Language, name: str, use_classifier: bool, fallback: float | None,
                news_filters: bool) -> EventCoder:
    return EventCoder(nlp, use_classifier=use_classifier, fallback=fallback, news_filters=news_filters)
