"""What a trigger's clause says about it: the parse tests the coder applies to each trigger.

Each test reads only the dependency parse around one token (no lexicon weights, no model;
a warning's addressee is read off the actors stage's mentions):
how deep the trigger stands, whether it sits in an idiom ("met a mixed response"), in a
predicative "as" phrase, in an epistemic judgement, a purpose infinitive or a describing
relative clause, and whether its clause states a plain subject. The coder (`code.py`) turns
them into an event's scores and the news filters (`filters.py`) read them.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from .cues import SPEECH
from .idioms import IDIOM_OBJECTS
from .lexicon import dated, no_event_sense, token_match
from .modality import auxiliaries

_CLAUSE_OPENERS = {",", "(", "—", "–", "-"}
# Nouns whose infinitive says what they are for, not an act (`purpose`).
PURPOSE_NOUNS = {"responsibility", "duty", "obligation", "right", "need", "ability", "capacity",
                 "power", "authority", "chance", "opportunity", "way", "reason", "time", "freedom",
                 "mandate", "battle", "fight", "war", "struggle"}
# Verbs that call off, end or wreck what their object names: "dropped an investigation",
# "scuttled the talks", "postponed the visit" report no investigation, talks or visit
# (`cancelled`); the verb is the event where the lexicon lists it ("cancel talks": REJECT).
CANCELLING = {"drop", "scuttle", "cancel", "abandon", "postpone", "suspend", "derail", "halt", "shelve",
              "torpedo", "sabotage", "wreck", "scrap", "call", "delay", "defer", "stall", "block", "end",
              "collapse", "fail", "break", "exit", "renounce", "ditch"}
# Agreements one withdraws from, and the verbs of leaving them.
DEALS = {"deal", "agreement", "accord", "treaty", "pact", "ceasefire", "truce"}
LEAVING = {"withdraw", "pull", "exit", "walk", "quit"}
IDIOM_COMPLEMENTS = {"request": {"comment", "interview"}}
# Declining to say something is a newsroom formula, no refusal of anything asked by a party
# ("refused to comment on the issue", "declined to answer questions").
# Not "respond": "refused to respond to a demand" rejects the demand.
_UNSAID = {"comment", "answer", "elaborate", "speculate", "confirm", "disclose", "reveal", "identify", "name"}
NO_COMMENT = {"refuse": _UNSAID, "decline": _UNSAID}
WARNING = {"warn", "caution"}
# Verbs of asking whose question ("asked why", "demanded to know whether") is no request.
QUESTIONING = {"ask", "demand", "want"}
# Verbs of talking that wire copy's sourcing formulas use, and the permissions they cite.
SOURCING = {"discuss", "talk", "speak", "comment", "brief"}
AUTHORISED = {"authorize", "authorise", "allow", "permit", "empower", "entitle", "clear"}
# "seek to flee": trying for oneself, as wanting to return, asks nothing of anyone.
WISHES = {"want", "wish", "seek"}
# Verbs that demand with a deontic or subjunctive complement and only claim with a plain one.
CLAIMING = {"insist", "maintain"}
DEMANDING = {"must", "should", "shall", "ought", "need"}
# Verbs of becoming or staying something, and of turning "into" it (`predicative`).
BECOMING = {"become", "remain", "stay"}
TURNING = {"turn", "transform", "grow", "develop", "evolve", "morph"}
POSING = {"pose", "represent", "constitute"}
# Verbs that characterise their object "as" something (`predicative`).
REGARDING = {"see", "regard", "view", "consider", "describe", "label", "brand", "deem", "perceive",
             "characterize", "characterise", "portray", "depict", "treat", "hail", "denounce"}
# "it is possible / likely that …": the writer's judgement, not a report (`speculation`).
EPISTEMIC = {"possible", "likely", "unlikely", "probable", "conceivable", "plausible", "doubtful"}
MAX_CLAUSE_HOPS = 8
_COMPLEMENT = {"xcomp", "ccomp", "pcomp", "pobj", "prep", "dobj", "acl", "advcl", "conj", "nsubjpass"}


def governors(tok: Token, hops: int = 4) -> Iterator[Token]:
    """The heads `tok` hangs from as a complement, nearest first, up to `hops` of them."""
    for _ in range(hops):
        if tok.head.i == tok.i or tok.dep_ not in _COMPLEMENT:
            return
        tok = tok.head
        yield tok


def depth_of(tok: Token) -> int:
    """Head hops from `tok` to its sentence's root: how far from the main clause it stands."""
    depth = 0
    while tok.head.i != tok.i and depth < 50:
        tok, depth = tok.head, depth + 1
    return depth


def _addressed(verb: Token) -> bool:
    """Whether the verb's object is a political actor the actors stage found: a state, a
    government, a force, a group or a person, not people at large ("warned residents that the
    river could burst its banks" is a forecast)."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return any(a.start <= o.idx < a.end and a.kind != "other" for o in objects for a in verb.doc._.actors)


def idiom(trigger: Token) -> bool:
    """A trigger in a fixed phrase that names no event: "the demand has met a mixed
    response", "did not respond to a request for comment", "declined to comment" (a
    newsroom's formulas); a wish for oneself ("he wanted to return to the Netherlands"),
    which asks nothing of anyone."""
    lemma = trigger.lemma_.lower()
    if lemma in WISHES and trigger.pos_ == "VERB":
        # "wants the withdrawal of troops", "wants Britain to take her back" ask something of
        # another; "wanted to return" (an infinitive without a subject of its own) does not.
        asks = any(c.dep_ in ("dobj", "ccomp") or (c.dep_ == "xcomp" and any(
            g.dep_ in ("nsubj", "dobj") for g in c.children if g.i < c.i)) for c in trigger.children)
        if not asks:
            return True  # (an object may still be one sought for oneself: "sought refuge", below)
    if lemma == "leave" and trigger.pos_ == "VERB" and any(c.dep_ == "oprd" for c in trigger.children):
        return True  # "the firing left two dead", "left thousands homeless": a result, no departure
    if lemma in SOURCING and trigger.pos_ == "VERB" and _sourcing_formula(trigger):
        return True
    said = NO_COMMENT.get(lemma)
    if said and trigger.pos_ == "VERB":
        children = list(trigger.children)
        # Not with a conjunct, which the verb's clause absorbs ("refused to comment but rejected"),
        # unless it only speaks ("refused to confirm her death, but said attacks go on").
        if not any(c.dep_ == "conj" and c.lemma_.lower() not in SPEECH for c in children) and \
                any(c.dep_ == "xcomp" and c.lemma_.lower() in said for c in children):
            return True
    if lemma == "demonstrate" and trigger.pos_ == "VERB" and any(c.dep_ in ("dobj", "ccomp")
                                                                 for c in trigger.children):
        return True  # "demonstrating Russia's new clout", "demonstrated that …": showing, no protest
    if lemma in QUESTIONING and trigger.pos_ == "VERB" and _question(trigger):
        return True
    if lemma == "leave" and trigger.pos_ == "VERB" and any(c.dep_ == "auxpass" for c in trigger.children) \
            and any(c.dep_ in ("xcomp", "advcl") and c.tag_ == "VB" for c in trigger.children):
        return True  # "were left to sort out the details": what remains to them, no departure
    if lemma == "help" and trigger.pos_ == "VERB" and _helps_do(trigger):
        return True
    objects = IDIOM_OBJECTS.get(lemma)
    if objects and trigger.pos_ == "VERB":  # the object, or the passive's subject ("details were released")
        # or the noun a reduced relative describes ("a speech … delivered by Rex Tillerson")
        reduced = [trigger.head] if trigger.dep_ == "acl" and trigger.tag_ == "VBN" else []
        nouns = [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")] + reduced
        return any(n.lemma_.lower() in objects for n in nouns)
    if lemma in WARNING and trigger.pos_ == "VERB":
        # "warned that repatriation would be extremely difficult", "warned that the capture of
        # territory does not mean an end to Isis": a judgement on a state of affairs, not a
        # threat; a threat's content names an act ("warned it would retaliate").
        # A warning addressed to a party ("warned the Syrian government that it risked a
        # confrontation") is a threat.
        content = [c for c in trigger.children if c.dep_ == "ccomp"]
        acts = [t for c in content for t in [c, *c.children]
                if t.i == c.i or t.dep_ in ("dobj", "xcomp", "conj", "attr", "nsubjpass")]
        if content and not any(token_match(t) for t in acts) and not _addressed(trigger):
            return True
        # "warns of unprecedented levels of suffering", "warned of the risk that …": a danger
        # foreseen, not an act threatened ("warned of a possible offensive" names one).
        of = [g for c in trigger.children if c.dep_ == "prep" and c.lower_ in ("of", "about")
              for g in c.children if g.dep_ == "pobj"]
        if of and not content and not _addressed(trigger) and not any(token_match(g) for g in of):
            return True
    if lemma in CLAIMING and trigger.pos_ == "VERB":
        # "insisted that the ban be lifted", "insisted that Assad must go", "insisted on his
        # removal" demand; "insisted her son was innocent", "insisted the agreement included
        # the jihadists" claim, and a claim is no request.
        content = [c for c in trigger.children if c.dep_ == "ccomp"]
        # Not "insisted on Wednesday that …": a date is no demand's object.
        demands = any(c.dep_ == "prep" and c.lower_ == "on" and not dated(c) for c in trigger.children) \
            or any(_subjunctive(c, trigger) or auxiliaries(c) & DEMANDING for c in content)
        return bool(content) and not demands
    complements = IDIOM_COMPLEMENTS.get(lemma)
    if not complements:
        return False
    return trigger.pos_ == "NOUN" and any(
        c.dep_ == "prep" and c.lower_ == "for" and any(g.lemma_.lower() in complements for g in c.children)
        for c in trigger.children)


def _helps_do(verb: Token) -> bool:
    """"helped promulgate a policy", "is intended to help frame a constitution": helping to do
    something is doing it, no aid given to anyone ("helped them train fighters" is)."""
    children = list(verb.children)
    return not any(c.dep_ in ("dobj", "dative") for c in children) and any(
        c.dep_ in ("xcomp", "ccomp") and c.pos_ == "VERB" and not any(g.dep_ in ("nsubj", "nsubjpass")
                                                                     for g in c.children)
        for c in children)


def _question(verb: Token) -> bool:
    """"asked him why he had stayed", "asked if anybody was wounded", "asked about the
    circumstances": a question put, which demands no act (PLOVER's REQUEST asks for one:
    "asked him to leave", "asked for help", "asked that we leave")."""
    children = list(verb.children)
    if any(c.dep_ == "xcomp" and c.lemma_.lower() in ("know", "learn") for c in children):
        return True  # "demanded to know whether he was on the line"
    if verb.lemma_.lower() != "ask" or any(c.dep_ == "xcomp" or c.dep_ == "prep" and c.lower_ == "for"
                                          for c in children):
        return False
    return any(c.dep_ == "prep" and c.lower_ == "about" for c in children) or any(
        c.dep_ == "ccomp" and (c.left_edge.tag_ in ("WDT", "WP", "WRB", "WP$") or any(
            g.dep_ == "mark" and g.lower_ in ("if", "whether") for g in c.children)) for c in children)


def _sourcing_formula(verb: Token) -> bool:
    """Wire copy's note on its source: "spoke on condition of anonymity to discuss relations
    with Turkey", "were not authorised to discuss the talks": who told the reporter, not a
    meeting of the parties."""
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in AUTHORISED:
        return True
    heads = [verb] + ([verb.head] if verb.dep_ in ("xcomp", "advcl") else [])
    return any(c.dep_ == "prep" and any(t.lower_ == "anonymity" for t in c.subtree)
               for h in heads for c in h.children)


def describing(trigger: Token) -> bool:
    """A participle that describes, naming no act (guidelines §9: descriptions are not coded;
    the act, where told, has a clause of its own):

    - joined by a hyphen to the word before it and modifying a noun after it: "US-backed
      Kurdish forces", "Kurdish-held Syria", "Turkish-supported groups" ("X-backed forces"
      codes no event);
    - before its noun or in its place: "one wounded boy", "the rubble of bombed-out buildings",
      "smoke from burning buildings", "the wounded climbed in".
    """
    if trigger.tag_ not in ("VBN", "VBG"):
        return False
    if trigger.tag_ == "VBN" and trigger.i >= 2 and trigger.head.i > trigger.i:
        hyphen = trigger.nbor(-1)
        if hyphen.text == "-" and not hyphen.whitespace_ and not trigger.nbor(-2).whitespace_:
            return True
    if trigger.lemma_.lower() in _CUSTODY:
        return False
    if trigger.dep_ == "amod" and trigger.head.pos_ in ("NOUN", "PROPN") and trigger.head.i > trigger.i:
        return True
    return trigger.tag_ == "VBN" and trigger.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") and any(
        c.dep_ == "det" for c in trigger.children)


# "the arrested youths", "the detained men" tell of people held now, an arrest the reader
# counts (IndiaPoliceEvents labels such sentences ARREST), not a trait that describes them.
_CUSTODY = {"arrest", "detain", "capture", "abduct", "kidnap", "jail", "imprison", "hold"}


def cancelled(trigger: Token) -> bool:
    """A noun trigger whose act a governing verb calls off ("scuttled the talks", "the talks
    collapsed", "called off the visit")."""
    if trigger.pos_ == "NOUN" and trigger.dep_ == "pobj" and trigger.lemma_.lower() in DEALS:
        # "withdrew from the Iran nuclear deal", "pulled out of the treaty": a deal left, none made
        return trigger.head.lower_ in ("from", "of") and trigger.head.head.lemma_.lower() in LEAVING
    if trigger.pos_ != "NOUN" or trigger.dep_ not in ("dobj", "nsubjpass", "nsubj"):
        return False
    verb = trigger.head
    if verb.lemma_.lower() not in CANCELLING:
        return False
    if verb.lemma_.lower() == "call":  # only "call off"
        return any(c.dep_ == "prt" and c.lower_ == "off" for c in verb.children)
    if verb.lemma_.lower() == "break":  # "talks broke down"
        return any(c.dep_ == "prt" and c.lower_ == "down" for c in verb.children)
    # A subject is cancelled only by an intransitive end: "the talks collapsed / failed / ended".
    return trigger.dep_ != "nsubj" or verb.lemma_.lower() in ("collapse", "fail", "end", "stall", "halt")


def predicative(trigger: Token) -> bool:
    """A noun that characterises rather than reports: "seen as an ongoing threat", "regards the
    vote as a threat", "described as an attack on democracy"; what someone became or stays
    ("has turned from bully-boy into a geostrategic threat", "remains a threat")."""
    prep = trigger.head
    if trigger.pos_ != "NOUN":
        return False
    if trigger.dep_ == "attr":
        return prep.lemma_.lower() in BECOMING
    if trigger.dep_ == "dobj" and prep.lemma_.lower() in POSING:
        return True  # "did not pose a threat to the west", "represents a challenge"
    return trigger.dep_ == "pobj" and (prep.lower_ == "as" and prep.head.lemma_.lower() in REGARDING
                                       or prep.lower_ == "into" and prep.head.lemma_.lower() in TURNING)


# Nouns that count or measure what follows "of": "the number of arrests" reports no arrest;
# and those that name a sense of it: "Iran's sense of threat will increase".
MEASURES = {"number", "figure", "count", "tally", "rate", "level", "scale", "statistic", "total",
            "sense", "feeling", "perception"}


def measured(trigger: Token) -> bool:
    """A noun trigger counted or measured rather than reported ("could not provide a figure for
    the number of arrests", "the rate of attacks"); a stated count with its own participants
    ("99 persons were killed") has a verb trigger and is not touched."""
    prep = trigger.head
    return (trigger.pos_ == "NOUN" and trigger.dep_ == "pobj" and prep.lower_ == "of"
            and prep.head.lemma_.lower() in MEASURES)


def speculation(anchor: Token) -> bool:
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


def purpose(anchor: Token) -> bool:
    """An infinitive that says what a duty, a capacity or a fight is for ("has a responsibility
    to assist British children", "the battle to dismantle the caliphate") describes; unlike a
    decision or a pledge ("the decision to withdraw troops", planned), it reports no act."""
    return anchor.dep_ == "acl" and anchor.head.lemma_.lower() in PURPOSE_NOUNS and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in anchor.children)


def background_relative(anchor: Token) -> bool:
    """Whether the event is told inside a relative clause that describes rather than reports
    (the issue's "history told in passing"): a restrictive one, which defines its noun
    ("fighters who joined Isis", "Britons who went to join Isis"), or a past one about a person
    ("Begum, who left the UK in 2015 to join Isis"). A non-restrictive clause about a state or
    an organisation reports news ("Chad, which has also asked French troops to leave") and so
    does a person's planned act ("Goita, who will visit Moscow in June"), and a clause of place
    or time tells what happened there or then ("the town where police opened fire")."""
    tok = anchor
    for _ in range(MAX_CLAUSE_HOPS):
        if tok.dep_ == "relcl":
            if any(c.dep_ == "advmod" and c.lower_ in ("where", "when") for c in tok.children):
                return False  # "the towns where police opened fire": a scene, not a definition
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


def clear_predicate(anchor: Token, trigger: Token) -> float:
    """1.0 for a verb trigger, or a noun on its light verb, with a lexical subject ("Protesters
    marched through Nairobi"): an event whose actor is a group the actors stage does not name,
    but that the clause states."""
    if anchor.pos_ != "VERB" or (anchor.i != trigger.i and trigger.head.i != anchor.i):
        return 0.0
    # A nominal on its light verb is as plain: "students staged mass demonstrations in Jakarta".
    return 1.0 if any(c.dep_ == "nsubj" and c.pos_ in ("NOUN", "NUM") for c in anchor.children) else 0.0


def _subjunctive(verb: Token, governor: Token) -> bool:
    """A bare verb with no modal, which the tagger often calls present: "that the ban be
    lifted" ("be" is never an indicative), "insisted that troops leave" (a present after a
    past could only be a bare verb; "insisted the deal included", "insists it is" claim)."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ in ("MD", "TO") for a in auxes):
        return False
    return verb.tag_ == "VB" or any(a.lower_ == "be" for a in auxes) or \
        verb.tag_ == "VBP" and not auxes and governor.tag_ == "VBD"


# Verbs of thinking and seeming, which the trigger detector sometimes proposes for the act in
# their complement ("were not supposed to be there", "is believed to have died").
COGNITION = {"suppose", "think", "believe", "know", "seem", "appear", "feel", "guess", "assume",
             "imagine", "understand", "realise", "realize", "wonder"}


def not_an_act(tok: Token) -> bool:
    """Why a predicate the trigger detector proposes names no event: the lexicons' no-event
    sense ("Children … were seen"), a description, a fixed phrase, or a verb of thinking. (Not
    an act called off, as for the lexicon's: the detector's nouns are mostly operations and
    supplies that went on until ended or halted, "Turkey ended its Euphrates Shield operation".)"""
    return no_event_sense(tok) or describing(tok) or idiom(tok) or tok.lemma_.lower() in COGNITION
