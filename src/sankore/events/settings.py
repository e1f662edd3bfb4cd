"""The coder's settings: which triggers, filters and models the events stage uses."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Settings:
    fallback: float | None = None  # classifier probability above which a sentence without a trigger codes
    use_classifier: bool = True
    # The classifier's type replaces the trigger's when it is this sure and the trigger's own
    # types get little of its mass ("blocked roads to demand" is a PROTEST, not a REJECT).
    # Off: it won on the codebook folds but lost on the training folds, mostly by naming
    # another event of a sentence that holds several (DATA_CARD v5).
    override: float | None = None
    # How much the lexicon weight counts against the classifier when a trigger names several
    # types: score = weight * (mix + P(type)). None: the lexicon weight decides and the
    # classifier only breaks ties (v3-v4). With the classifier trained on the codebook
    # sentences, 0.25 did better on both the training folds and the codebook folds (v5).
    mix: float | None = 0.25
    # News filters (DESIGN §1 "nothing is invented"): an event names an actor or a target
    # that is an entity, and is not merely speculation ("it could give X an excuse to launch
    # an offensive"): a hypothetical event needs a named actor and a named target.
    # Which filter decides what a news article keeps: "learned" (`news_filter`, trained on the
    # news gold set's dev part; the rules below where no model ships), "rules" (the hand-written
    # filters below), "none" (every candidate that describes an event, `filters.describes_event`:
    # what the learned filter trains on).
    filter: str = "learned"
    # Under the learned filter, the trained trigger detector (`detector`) adds the events of
    # predicates the lexicon does not know (each passing the hand-written rules, as no news
    # filter was trained on them, and no verb CAMEO's dictionary says names no event) and may
    # veto the lexicon's false senses. On since v10: out of fold on the news dev part it adds 85
    # events (38 right), F1 0.397 -> 0.427 (recall 0.30 -> 0.35, precision 0.58 -> 0.55).
    # With the lexical coder the default, scoring every predicate takes the pipeline from 0.75
    # to 0.65 of bare spaCy (DATA_CARD v10; aim >= 0.6); v9 left it off when the embeddings
    # coder was the default and the pipeline was at its speed limit.
    detector: bool = True
    require_participant: bool = True
    keep_hypothetical: bool = False
    # A participant must be a political actor the actors stage could place (a code or a
    # country): "Begum wants to return" or "she arrived at the camp" is no PLOVER event.
    require_coded: bool = True
    # A weak trigger ("want", "travel", "leave": lexicon weight below this) codes only when
    # the sentence classifier agrees on its type and a named actor does it.
    min_weight: float = 0.5
    # A sentence without a trigger of the hand-written lexicon is matched against the second,
    # PETRARCH's CAMEO verbs (`lexicon.sentence_matches`). Only where the sentence is known to
    # report an event (the GSR): on news its generic verbs ("broke with", "gave birth",
    # "circled") coded 38 events in 60 Guardian articles, nearly all wrong.
    second_lexicon: bool = False
    # The trained trigger ranker (`option_features`, `Classifier.rank`) chooses a trigger's
    # type, and its score ranks a record's events, where the model has one.
    use_ranker: bool = True
    # Where the classifier's top type is offered to the ranker beside a trigger's own types:
    # "" nowhere, "second" on the second lexicon's triggers, "all" on every trigger.
    classifier_option: str = ""
    # Where the ranker gives every type a trigger can name less than this, the classifier's
    # top type is taken instead: the lexicon's candidates all look wrong. Only where the
    # sentence is known to report an event (the GSR, `gsr_settings`); in news such a trigger
    # is as likely no event at all. 0.075 won on the codebook folds (0.651 -> 0.673 by code,
    # 0.680 -> 0.734 plain) and the stories and held the GSR folds (0.824 -> 0.824 by code,
    # 0.827 -> 0.822 plain); 0.1 lost two GSR records (DATA_CARD v6), and one with the
    # embedding classifier (v7).
    rank_floor: float | None = None


def gsr_settings() -> Settings:
    """The coder on edited one-event sentences (the GSR): every sentence holds an event, so the
    no-trigger fallback is on, and the filters that need a coded actor or a strong trigger are
    off (the GSR's 1990s actors are often uncoded). What makes an event at all (a participant
    or a clear predicate, no speculation) stays as in news."""
    return Settings(fallback=0.0, filter="rules", require_coded=False, min_weight=0.0, second_lexicon=True,
                    rank_floor=0.075)
