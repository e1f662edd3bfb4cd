"""Code a parsed `Doc`'s events: the pure "find" half of the `sankore_events` component.

For every sentence: match the trigger lexicon, drop matches another trigger absorbs (the
content of "asked for the withdrawal", the "talks" of "visited Moscow for talks"; under a
pledge both stay: "pledged to send aid" is an AGREE and a planned AID, as PLOVER codes a
promise), hang nominal triggers on their light verb ("held a summit meeting", "bombing
operations are being carried out"), choose each trigger's type with the trained trigger
ranker (`option_features`: the lexicon entry and weight beside the sentence classifier's
probability; a model without one falls back to weight × (0.25 + P)), then read
participants, time, place and modality off the parse; a reported obligation ("X said Y
must leave") is X's demand of Y.
Standalone nominals ("the severing of diplomatic relations between Kyiv and …") are
kept only with a participant. A sentence with no trigger yields an event only if the
classifier is confident (`fallback`), which matters for edited gold sentences, not news.
The news filters (`Settings`, `kept`) drop what a careful reader does not code: events with
no coded participant, weak triggers without a named actor, descriptions, speculation.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from ..pipeline.extensions import in_boilerplate
from ..pipeline.mentions import EventMention, QuoteMention
from ..timex.governance import governing_time
from . import roles
from .categories import CAMEO_ROOT
from .classifier import Classifier, calibrated, features
from .lexicon import Entry, Match, sentence_matches, token_match
from .modality import PLANNING, modality, obligation

LIGHT_VERBS = {"hold", "carry", "conduct", "launch", "stage", "make", "reach", "begin", "start", "open",
               "resume", "attend", "host", "organize", "organise", "mount", "pay", "issue", "announce",
               "impose", "sign", "conclude", "give", "take", "continue", "end", "lead", "call", "complete",
               "result", "order", "approve"}
# Triggers whose complement is their content, not a separate event ("threatened to break
# relations", "asked for the withdrawal", "agreed to set up", "refused to sign").
ABSORBING = {"AGREE", "REQUEST", "REJECT", "THREATEN", "ACCUSE"}
# A demand read off an obligation ("said Sudan must return the helicopter") has no trigger
# entry of its own; it weighs as a clear trigger when the coder picks a sentence's main event.
DEMAND_WEIGHT = 0.8
_CLAUSE_OPENERS = {",", "(", "—", "–", "-"}
# Nouns whose infinitive says what they are for, not an act (`_purpose`).
PURPOSE_NOUNS = {"responsibility", "duty", "obligation", "right", "need", "ability", "capacity",
                 "power", "authority", "chance", "opportunity", "way", "reason", "time", "freedom",
                 "mandate", "battle", "fight", "war", "struggle"}
# Objects that make a trigger verb a fixed phrase (`_idiom`). "meet demands" is no idiom: it is
# a concession (CAMEO 083).
IDIOM_OBJECTS = {"meet": {"response", "resistance", "criticism", "opposition", "approval", "requirement",
                          "target", "deadline", "standard", "condition", "expectation", "need",
                          "challenge", "end", "fate", "death", "cost", "goal", "criterion", "obligation",
                          "threshold", "quota"},
                 # What one seeks for oneself asks nothing of another ("civilians sought refuge").
                 "seek": {"refuge", "shelter", "safety", "cover", "treatment", "care", "work", "employment",
                          "re-election", "reelection", "office", "fortune"}}
IDIOM_COMPLEMENTS = {"request": {"comment", "interview"}}
WARNING = {"warn", "caution"}
WISHES = {"want", "wish"}
# Verbs that characterise their object "as" something (`_predicative`).
REGARDING = {"see", "regard", "view", "consider", "describe", "label", "brand", "deem", "perceive",
             "characterize", "characterise", "portray", "depict", "treat", "hail", "denounce"}
# "it is possible / likely that …": the writer's judgement, not a report (`_speculation`).
EPISTEMIC = {"possible", "likely", "unlikely", "probable", "conceivable", "plausible", "doubtful"}
MAX_CLAUSE_HOPS = 8
_COMPLEMENT = {"xcomp", "ccomp", "pcomp", "pobj", "prep", "dobj", "acl", "advcl", "conj", "nsubjpass"}


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
    return Settings(fallback=0.0, require_coded=False, min_weight=0.0, second_lexicon=True, rank_floor=0.075)


def _governors(tok: Token, hops: int = 4):
    for _ in range(hops):
        if tok.head.i == tok.i or tok.dep_ not in _COMPLEMENT:
            return
        tok = tok.head
        yield tok


def select(matches: list[Match]) -> list[tuple[Match, Token]]:
    """(match, anchor) for the matches that are events of their own."""
    # Tokens are compared by index: spaCy builds a new Token object on every access, so
    # `a is b` is False even for the same word.
    by_token = {m.token.i: m for m in matches}
    kept = []
    for m in matches:
        tok = m.token
        absorbed = False
        for gov in _governors(tok):
            gm = by_token.get(gov.i)
            if gm is None:
                continue
            if tok.pos_ != "VERB" and gov.pos_ == "VERB":
                absorbed = True  # a nominal in a verb trigger's clause ("visited Moscow for talks")
            elif set(gm.types) & ABSORBING and not set(gm.types) & {"CONSULT", "COOPERATE"}:
                absorbed = gov.lemma_.lower() not in PLANNING or bool(set(gm.types) - {"AGREE", "THREATEN"})
            if absorbed:
                break
            if gov.pos_ == "VERB":
                break
        if absorbed:
            continue
        anchor = tok
        if tok.pos_ != "VERB" and tok.dep_ in ("dobj", "nsubjpass", "nsubj", "attr") \
                and tok.head.lemma_.lower() in LIGHT_VERBS:
            anchor = tok.head
        elif tok.pos_ != "VERB" and tok.dep_ == "compound" and tok.head.dep_ in ("dobj", "nsubjpass") \
                and tok.head.head.lemma_.lower() in LIGHT_VERBS:
            anchor = tok.head.head
        if any(anchor.i == a.i for _, a in kept) and tok.pos_ != "VERB":
            continue
        kept.append((m, anchor))
    return kept


def choose_type(m: Match, proba: dict[str, float] | None, override: float | None = None,
                mix: float | None = 0.25) -> str:
    options = m.types
    if proba is None:
        return max(options.values(), key=lambda e: e.weight).type
    top = max(proba, key=proba.get)
    if override is not None and top not in options and proba[top] >= override \
            and sum(proba.get(t, 0.0) for t in options) < 1 - override:
        return top
    if mix is None:
        return max(options, key=lambda t: (options[t].weight, proba.get(t, 0.0)))
    return max(options, key=lambda t: options[t].weight * (mix + proba.get(t, 0.0)))


def option_features(type_: str, entry: Entry | None, proba: dict[str, float] | None, trigger: Token,
                    anchor: Token, mod: str, n_options: int, second: bool) -> dict[str, float]:
    """What the trigger ranker sees of one candidate type of one trigger: the lexicon's word
    for it (which entry, its weight), the sentence classifier's (P(type), and how far below
    its top type), and where the trigger stands (depth, part of speech, modality). Trained
    on sentences the lexicon never saw (the codebook sentences) as well as on GSR records,
    it learns how far each may be trusted where they disagree."""
    p = proba.get(type_, 0.0) if proba else 0.0
    top = max(proba.values()) if proba else 0.0
    weight = entry.weight if entry is not None else 0.0
    depth = _depth(anchor)
    f = {f"ty:{type_}": 1.0, "p": p, f"p:{type_}": p, "gap": p - top, "top": float(p > 0 and p == top),
         "lex": weight, f"lex:{type_}": weight, "strength": weight * (0.25 + p),
         "depth": min(depth, 4) / 4, "root": float(depth == 0), f"pos:{trigger.pos_}": 1.0,
         f"dep:{anchor.dep_}": 1.0, f"mod:{mod}": 1.0, f"mod:{mod}:{type_}": 1.0,
         "alone": 1.0 / n_options}
    if entry is None:
        f["unlisted"] = 1.0
    else:
        f[f"w:{'_'.join(entry.words)}:{type_}"] = 1.0
        f[f"second:{type_}" if second else f"first:{type_}"] = 1.0
    return f


def options(m: Match | None, anchor: Token, proba: dict[str, float] | None, settings: Settings,
            second: bool) -> dict[str, dict[str, float]]:
    """Each candidate type of a trigger (or of a sentence without one) with its ranker features."""
    trigger = m.token if m is not None else anchor
    mod = modality(trigger, trigger)[0]
    types: dict[str, Entry | None] = dict(m.types) if m is not None else {}
    offered = settings.classifier_option == "all" or (second and settings.classifier_option == "second")
    if proba and (m is None or offered):
        types.setdefault(max(proba, key=proba.get), None)
    return {t: option_features(t, e, proba, trigger, anchor, mod, len(types), second)
            for t, e in types.items()}


def _ranked(opts: dict[str, dict[str, float]], model: Classifier | None, settings: Settings
            ) -> tuple[str, float] | None:
    """The ranker's best candidate type and its score, or None when there is no ranker."""
    if model is None or not settings.use_ranker or not model.ranker or not opts:
        return None
    scores = {t: model.rank(f) for t, f in opts.items()}
    best = max(scores, key=scores.get)
    return best, scores[best]


def _speaker_span(doc: Doc, trigger: Token, speech: Token | None) -> tuple[tuple[int, int] | None, bool]:
    """(span naming who reports the event, whether the sentence is attributed)."""
    quotes: list[QuoteMention] = list(doc._.quotes or ())
    # Only a quotation's content reports: the sentence-level voice would also make the
    # writer's own clauses reported whenever a small attribution sits in the sentence
    # ("France has refused to take back fighters, of whom 150 are thought to be in Syria").
    for q in quotes:
        if q.start <= trigger.idx < q.end:
            return q.antecedent_span or q.speaker_span, True
    if speech is not None:
        subj, _ = roles._subject(speech)
        found = roles.np_mentions(subj, doc._.actors) if subj is not None else []
        return ((found[0].start, found[0].end) if found else None), True
    return None, False


def code_sentence(doc: Doc, sent: Span, model: Classifier | None, settings: Settings,
                  previous: list, matches: list[Match] | None = None, vector=None
                  ) -> list[tuple[EventMention, dict]]:
    """The sentence's events, each with the raw scores its confidence was calibrated from.
    `vector` is the sentence's embedding, which a model with a `dense` part needs."""
    if matches is None:
        matches = sentence_matches(sent)
    if not matches and not _codes_without_trigger(settings):
        return []
    # The classifier's trigger features come from the hand-written lexicon alone, as in training.
    proba = model.proba(features(sent, matches), vector) if _classifies(model, settings) else None
    second = False
    if not matches and settings.second_lexicon:
        matches = sentence_matches(sent, second=True)
        second = bool(matches)
    chosen = select(matches)
    actors = [a for a in doc._.actors if sent.start_char <= a.start < sent.end_char]
    places = [p for p in doc._.places if sent.start_char <= p.start < sent.end_char]
    coded = {(a.start, a.end) for a in actors if a.code or a.country}
    out = []
    if not chosen and proba is not None and settings.fallback is not None:
        type_, p = max(proba.items(), key=lambda kv: kv[1])
        root = sent.root
        if p >= settings.fallback and root.pos_ in ("VERB", "AUX"):
            opts = options(None, root, proba, settings, False)
            event = _event(doc, sent, None, (type_, root), proba, actors, places, previous, model,
                           (opts, settings.use_ranker))
            return [event] if event is not None and kept(*event, coded, settings) else []
    for m, anchor in chosen:
        if _idiom(m.token):
            continue
        opts = options(m, anchor, proba, settings, second)
        ranked = _ranked(opts, model, settings)
        type_ = ranked[0] if ranked else choose_type(m, proba, settings.override, settings.mix)
        if ranked and proba and settings.rank_floor is not None and ranked[1] < settings.rank_floor:
            type_ = max(proba, key=proba.get)  # its ranker score, as an unlisted type, feeds the calibration
            opts = options(m, anchor, proba, replace(settings, classifier_option="all"), second)
        event = _event(doc, sent, m, (type_, anchor), proba, actors, places, previous, model,
                       (opts, settings.use_ranker))
        if event is not None and kept(*event, coded, settings):
            out.append(event)
    return merge_duplicates(out)


def _rank_raw(type_: str, raw: dict, opts: dict[str, dict[str, float]], model: Classifier | None,
              use_ranker: bool) -> None:
    """Keep an event's candidate types in its raw scores (training reads them) and the
    ranker's score for the type it was coded with (the calibration and the record's main
    event read it)."""
    if type_ not in opts:  # a reported obligation made it a REQUEST (`_event`)
        base = next(iter(opts.values()), {})
        own = ("ty:", "p:", "lex:", "w:", "first:", "second:", "mod:")
        opts = {type_: {**{k: v for k, v in base.items() if not k.startswith(own)},
                        f"ty:{type_}": 1.0, "demand": 1.0}}
    raw["options"] = opts
    if model is not None and use_ranker and model.ranker:
        raw["rank"] = model.rank(opts[type_])


def kept(event: EventMention, raw: dict, coded: set[tuple[int, int]], settings: Settings) -> bool:
    """Whether a coded event passes the news filters (`Settings`); `coded` holds the spans of
    the actors that carry a code or a country."""
    spans = event.actor_spans + event.target_spans
    clear = raw["clear"] and raw["lex"] >= 0.8 and event.place_span is not None
    if settings.require_participant and not spans and not clear:
        return False
    if settings.require_coded and not any(s in coded for s in spans) and not clear:
        return False
    if raw["fallback"] == 0.0 and raw["lex"] < settings.min_weight and (
            raw["top"] == 0.0 or raw["nominal"] or not any(s in coded for s in event.actor_spans)):
        return False  # a weak noun ("the war") never codes; a weak verb needs a named actor
    if settings.require_participant and raw["modifier"]:
        return False  # "fighters allied to the SDF", "a video released on Tuesday": description
    if settings.require_participant and raw["background"]:
        return False  # "Britons who went to join Isis", "Begum, who left the UK in 2015": description
    if event.modality == "hypothetical" and not settings.keep_hypothetical:
        # A conditional between two named parties is a threat or an offer ("Ghana would
        # impose sanctions on Togo if …"); without both it is speculation.
        return any(s in coded for s in event.actor_spans) and any(s in coded for s in event.target_spans)
    return True


def merge_duplicates(scored: list[tuple[EventMention, dict]]) -> list[tuple[EventMention, dict]]:
    """One event per (type, modality) in a sentence: the one naming the most participants
    ("held a summit meeting to discuss …" is one consultation, not three)."""
    best: dict[tuple[str, str], tuple[EventMention, dict]] = {}
    for er in scored:
        key = (er[0].type, er[0].modality)
        if key not in best or _size(er[0]) > _size(best[key][0]):
            best[key] = er
    return [er for er in scored if best.get((er[0].type, er[0].modality)) is er]


def _size(event: EventMention) -> int:
    return len(event.actor_spans) + len(event.target_spans) + (event.place_span is not None)


def _event(doc, sent, m: Match | None, typed: tuple[str, Token], proba, actors, places, previous,
           model, ranking: tuple[dict, bool] = ({}, False)) -> tuple[EventMention, dict] | None:
    type_, anchor = typed
    trigger = m.token if m is not None else anchor
    acting, targets, refers_back = roles.participants(anchor, trigger, type_, actors)
    nominal = trigger.pos_ != "VERB" and anchor is trigger
    if nominal and not acting and not targets:
        return None
    mod, speech = modality(anchor, trigger)
    if not acting and refers_back and speech is not None:  # "X claimed they were deployed"
        subj, _ = roles._subject(speech)
        acting = roles.np_mentions(subj, actors) if subj is not None else []
    if not acting and refers_back and previous:
        acting = list(previous[-1])
    speaker, attributed = _speaker_span(doc, trigger, speech)
    if mod == "asserted" and attributed:
        mod = "reported"
    obliged = obligation(anchor)
    demand = obliged is not None
    if demand:
        # "Russia said Sudan must return the helicopter": the event is the speaker's REQUEST
        # and the obliged party its target. Unattributed, "X must do Y" is the writer's
        # prescription, which is opinion, not an event.
        if not attributed:
            return None
        if obliged.i != anchor.i:  # "forces must ensure security to allow deliveries"
            acting = roles.participants(obliged, obliged, "REQUEST", actors)[0]
        type_, targets, mod = "REQUEST", acting, "reported"
        subj = roles._subject(speech)[0] if speech is not None else None
        acting = roles.np_mentions(subj, actors) if subj is not None else \
            [a for a in actors if speaker and speaker[0] <= a.start and a.end <= speaker[1]]
    time = governing_time(doc, anchor)
    exclude = [(a.start, a.end) for a in acting + targets]
    place = roles.event_place(doc, anchor, places, exclude)
    entry = m.types.get(type_) if m is not None and not demand else None  # None: the classifier overrode it
    weight = DEMAND_WEIGHT if demand else entry.weight if entry else 0.0
    raw = {
        "p": proba.get(type_, 0.0) if proba else weight,
        "lex": weight,
        "top": 1.0 if proba and max(proba, key=proba.get) == type_ else 0.0,
        "fallback": 1.0 if m is None else 0.0,
        "nominal": 1.0 if nominal else 0.0,
        "actor": 1.0 if acting else 0.0,
        "root": 1.0 if anchor.i == sent.root.i else 0.0,
        "depth": float(_depth(anchor)),
        "clear": _clear_predicate(anchor, trigger),
        "modifier": 1.0 if anchor.dep_ == "acl" and anchor.tag_ in ("VBN", "VBG") else 0.0,
        "background": float(_background_relative(anchor) or _purpose(anchor) or _speculation(anchor)
                            or _predicative(trigger)),
    }
    _rank_raw(type_, raw, ranking[0], model, ranking[1])
    confidence = calibrated(model.calibration if model is not None else {}, raw)
    if acting:
        previous.append(acting)
    return (EventMention(
        type=type_, evidence=(sent.start_char, sent.end_char), confidence=round(confidence, 4),
        mode=entry.mode if entry else None, cameo=(entry.cameo if entry else CAMEO_ROOT.get(type_)),
        trigger=(trigger.idx, trigger.idx + len(trigger.text)),
        actor_spans=tuple((a.start, a.end) for a in acting),
        target_spans=tuple((a.start, a.end) for a in targets),
        time_span=(time.start, time.end) if time is not None else None,
        place_span=(place.start, place.end) if place is not None else None,
        modality=mod, attributed_span=speaker if attributed else None), raw)


def _depth(tok: Token) -> int:
    """Head hops from `tok` to its sentence's root: how far from the main clause it stands."""
    depth = 0
    while tok.head.i != tok.i and depth < 50:
        tok, depth = tok.head, depth + 1
    return depth


def _idiom(trigger: Token) -> bool:
    """A trigger in a fixed phrase that names no event: "the demand has met a mixed
    response", "did not respond to a request for comment" (a newsroom's formula); a wish for
    oneself ("he wanted to return to the Netherlands"), which asks nothing of anyone."""
    lemma = trigger.lemma_.lower()
    if lemma in WISHES and trigger.pos_ == "VERB":
        # "wants the withdrawal of troops", "wants Britain to take her back" ask something of
        # another; "wanted to return" (an infinitive without a subject of its own) does not.
        asks = any(c.dep_ in ("dobj", "ccomp") or (c.dep_ == "xcomp" and any(
            g.dep_ in ("nsubj", "dobj") for g in c.children if g.i < c.i)) for c in trigger.children)
        return not asks
    objects = IDIOM_OBJECTS.get(lemma)
    if objects and trigger.pos_ == "VERB":
        return any(c.dep_ == "dobj" and c.lemma_.lower() in objects for c in trigger.children)
    if lemma in WARNING and trigger.pos_ == "VERB":
        # "warned that repatriation would be extremely difficult", "warned that the capture of
        # territory does not mean an end to Isis": a judgement on a state of affairs, not a
        # threat; a threat's content names an act ("warned it would retaliate").
        content = [c for c in trigger.children if c.dep_ == "ccomp"]
        acts = [t for c in content for t in [c, *c.children]
                if t.i == c.i or t.dep_ in ("dobj", "xcomp", "conj", "attr", "nsubjpass")]
        if content and not any(token_match(t) for t in acts):
            return True
    complements = IDIOM_COMPLEMENTS.get(lemma)
    return bool(complements) and trigger.pos_ == "NOUN" and any(
        c.dep_ == "prep" and c.lower_ == "for" and any(g.lemma_.lower() in complements for g in c.children)
        for c in trigger.children)


def _predicative(trigger: Token) -> bool:
    """A noun that characterises rather than reports: "seen as an ongoing threat", "regards the
    vote as a threat", "described as an attack on democracy"."""
    prep = trigger.head
    return (trigger.pos_ == "NOUN" and trigger.dep_ == "pobj" and prep.lower_ == "as"
            and prep.head.lemma_.lower() in REGARDING)


def _speculation(anchor: Token) -> bool:
    """An event the writer only deems possible ("it is possible Isis suspects could then be
    handed over to Assad's regime"): the clause is the content of an epistemic judgement."""
    tok = anchor
    for _ in range(3):
        if tok.head.i == tok.i or tok.dep_ not in ("ccomp", "xcomp", "csubj", "advcl"):
            return False
        tok = tok.head
        if any(c.dep_ == "acomp" and c.lemma_.lower() in EPISTEMIC for c in tok.children):
            return True
    return False


def _purpose(anchor: Token) -> bool:
    """An infinitive that says what a duty, a capacity or a fight is for ("has a responsibility
    to assist British children", "the battle to dismantle the caliphate") describes; unlike a
    decision or a pledge ("the decision to withdraw troops", planned), it reports no act."""
    return anchor.dep_ == "acl" and anchor.head.lemma_.lower() in PURPOSE_NOUNS and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in anchor.children)


def _background_relative(anchor: Token) -> bool:
    """Whether the event is told inside a relative clause that describes rather than reports
    (the issue's "history told in passing"): a restrictive one, which defines its noun
    ("fighters who joined Isis", "Britons who went to join Isis"), or a past one about a person
    ("Begum, who left the UK in 2015 to join Isis"). A non-restrictive clause about a state or
    an organisation reports news ("Chad, which has also asked French troops to leave") and so
    does a person's planned act ("Goita, who will visit Moscow in June")."""
    tok = anchor
    for _ in range(MAX_CLAUSE_HOPS):
        if tok.dep_ == "relcl":
            head = tok.head
            before = tok.doc[tok.left_edge.i - 1] if tok.left_edge.i > 0 else None
            if before is None or before.text not in _CLAUSE_OPENERS:
                return True  # no comma between the noun and its clause: restrictive
            person = head.ent_type_ == "PERSON" or any(
                c.lower_ in ("who", "whom", "whose") for c in tok.children)
            future = any(c.lower_ in ("will", "would", "'ll") or c.lemma_ in ("plan", "intend")
                         for c in tok.children) or tok.lemma_ in ("plan", "intend")
            return person and not future and tok.tag_ in ("VBD", "VBN", "VBZ", "VBP")
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _clear_predicate(anchor: Token, trigger: Token) -> float:
    """1.0 for a verb trigger, or a noun on its light verb, with a lexical subject ("Protesters
    marched through Nairobi"): an event whose actor is a group the actors stage does not name,
    but that the clause states."""
    if anchor.pos_ != "VERB" or (anchor.i != trigger.i and trigger.head.i != anchor.i):
        return 0.0
    # A nominal on its light verb is as plain: "students staged mass demonstrations in Jakarta".
    return 1.0 if any(c.dep_ == "nsubj" and c.pos_ in ("NOUN", "NUM") for c in anchor.children) else 0.0


def find_events_scored(doc: Doc, model: Classifier | None, settings: Settings | None = None,
                       prepared: tuple[list, dict] | None = None, screen: Classifier | None = None
                       ) -> list[tuple[EventMention, dict]]:
    """`prepared`: this document's `prepare` output, when a batch was prepared at once;
    `screen`: the lexical model that codes the sentences `prepare` left unembedded."""
    settings = settings or Settings()
    previous: list = []
    events: list[tuple[EventMention, dict]] = []
    sents, vectors = prepared or prepare([doc], model, settings, screen)[0]
    embedded = model is not None and model.needs_embedding
    for sent, matches in sents:
        vector = vectors.get(sent.start)
        coder = screen if embedded and vector is None and screen is not None else model
        events.extend(code_sentence(doc, sent, coder, settings, previous, matches, vector))
    return events


def prepare(docs: list[Doc], model: Classifier | None, settings: Settings, screen: Classifier | None = None
            ) -> list[tuple[list, dict]]:
    """Per document, its sentences outside boilerplate with their trigger matches, and the
    embeddings {sentence start: vector} of those the classifier will score, all embedded in
    one batch (fewer, fuller batches than one document at a time).

    On news a sentence without a trigger codes nothing, and is not embedded. Given a
    `screen` (the lexical model), neither is a sentence in which the lexical coder finds no
    event even with weak triggers allowed: `find_events_scored` leaves it to the screen.
    Most news sentences with a trigger are such (description, opinion, no coded actor).
    Over the 249 Guardian articles, embedding all of them made the pipeline 1.67x slower
    than the lexical coder, the screen 1.25x, and the screened coder found exactly the
    events of the unscreened one (DATA_CARD v7)."""
    sents = [[(sent, sentence_matches(sent)) for sent in doc.sents
              if not in_boilerplate(doc, sent.start_char, sent.end_char) and sent.text.strip()]
             for doc in docs]
    if not _classifies(model, settings) or not model.needs_embedding:
        return [(s, {}) for s in sents]
    from .embed import embed

    every = _codes_without_trigger(settings)
    wanted = [[sent for sent, matches in doc_sents if every or matches] for doc_sents in sents]
    if screen is not None and not every:
        loose = replace(settings, min_weight=0.0)
        for i, (doc, doc_sents) in enumerate(zip(docs, sents, strict=True)):
            found = {e.evidence[0] for e, _ in find_events_scored(doc, screen, loose, (doc_sents, {}))}
            wanted[i] = [sent for sent in wanted[i] if sent.start_char in found]
    vectors = iter(embed([sent.text for doc_wanted in wanted for sent in doc_wanted]))
    return [(doc_sents, {sent.start: next(vectors) for sent in doc_wanted})
            for doc_sents, doc_wanted in zip(sents, wanted, strict=True)]


def _classifies(model: Classifier | None, settings: Settings) -> bool:
    return model is not None and settings.use_classifier


def _codes_without_trigger(settings: Settings) -> bool:
    """Whether a sentence without a trigger of the main lexicon may still code an event (by
    the classifier's fallback or the second lexicon); on news it may not."""
    return settings.fallback is not None or settings.second_lexicon


def find_events(doc: Doc, model: Classifier | None, settings: Settings | None = None,
                screen: Classifier | None = None) -> list[EventMention]:
    return [event for event, _ in find_events_scored(doc, model, settings, screen=screen)]
