"""The `sankore_events` component: PLOVER events with roles, time, place, modality and evidence.

Reads the actors, times and places (and the quotes when the quotations component ran) that
the other components hung on the `Doc`, and sets `doc._.events`.
The work is in `sankore.events` (`code.find_events`); this module only wires it into spaCy.
`news_filters` (on by default) keeps only events with a named, coded participant or a clear
predicate, no weak trigger without a named actor, no speculation (`events.code.Settings`);
turn it off for recall over precision. `coder` picks the packaged model: "lexical" (the
default) or "embeddings" (the sentence classifier also reads MiniLM embeddings: the
`embeddings` extra; better on the PLOVER gold standard, no better on news: DATA_CARD).
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

# The coder as a module, not its names: `events.code` reads `pipeline.extensions`, so a program
# that imports `events.code` first reaches this module while `code` is half-loaded; a module
# reference is safe there, a `from … import name` is not.
from ..events import classifier
from ..events import code as event_code
from ..events.settings import Settings
from ..models import require_installed
from .extensions import register_extensions

# The components whose findings (doc._.actors, times, places) the events stage reads.
INPUTS = ("sankore_actors", "sankore_times", "sankore_places")


class EventCoder:
    def __init__(self, nlp: Language, use_classifier: bool = True, fallback: float | None = None,
                 news_filters: bool = True, coder: str = classifier.DEFAULT_CODER) -> None:
        register_extensions()
        self.nlp, self.checked = nlp, False
        self.model = classifier.packaged(coder) if use_classifier else None
        if self.model is not None and self.model.needs_embedding:
            require_installed(coder)  # now, not at the first document
        # The lexical model screens which sentences are worth embedding (`code.prepare`).
        self.screen = classifier.packaged("lexical") if self.model is not None and \
            self.model.needs_embedding else None
        self.settings = Settings(fallback=fallback, use_classifier=use_classifier)
        if not news_filters:
            self.settings = Settings(fallback=fallback, use_classifier=use_classifier, filter="none",
                                     require_participant=False, keep_hypothetical=True,
                                     require_coded=False, min_weight=0.0)

    def check_inputs(self) -> None:
        """Warn once when the components whose findings this one reads are not in the
        pipeline: alone it codes events without participants, which should not pass in silence."""
        if self.checked:
            return
        self.checked = True
        missing = [name for name in INPUTS if name not in self.nlp.pipe_names]
        if missing:
            warnings.warn(f"sankore_events runs without {', '.join(missing)}: its events get no "
                          "actors, targets, time or place; add them before it "
                          "(sankore.pipeline.build_pipeline builds the whole pipeline)",
                          UserWarning, stacklevel=3)

    def __call__(self, doc: Doc) -> Doc:
        self.check_inputs()
        doc._.events = event_code.find_events(doc, self.model, self.settings, self.screen)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        """As `__call__`, with the sentence embeddings of a whole batch computed at once."""
        self.check_inputs()
        for batch in minibatch(docs, size=batch_size):
            prepared = event_code.prepare(batch, self.model, self.settings, self.screen)
            for doc, ready in zip(batch, prepared, strict=True):
                events = event_code.find_events_scored(doc, self.model, self.settings, ready, self.screen)
                doc._.events = [e for e, _ in events]
                yield doc


@Language.factory("sankore_events", assigns=["doc._.events"],
                  requires=["doc._.actors", "doc._.times", "doc._.places"],
                  default_config={"use_classifier": True, "fallback": None, "news_filters": True,
                                  "coder": classifier.DEFAULT_CODER})
def make_events(nlp: Language, name: str, use_classifier: bool, fallback: float | None,
                news_filters: bool, coder: str) -> EventCoder:
    return EventCoder(nlp, use_classifier=use_classifier, fallback=fallback, news_filters=news_filters,
                      coder=coder)
