"""Modality of an event clause: negated, hypothetical, planned, reported or asserted.

Read off the clause and the clauses that govern it: a negation ("did not"), a conditional
or modal auxiliary ("would", "could", "if"), the future or a verb or noun of intention
("will", "plans to", "is working on", "pledged", "commitment to"; "would" reporting a
"will" after a past speech verb: "said it would send troops"), or a speech verb whose
complement the event is ("Lavrov stated that Russia is prepared …"). The first that
applies in that order wins; a reported event keeps its speaker's span in any case.
"""

from __future__ import annotations

from spacy.tokens import Token

from .cues import (
    AVERTING,
    EPISTEMIC,
    EVALUATIVE,
    EXPOSED,
    FAILING,
    FORECAST,
    GOALS,
    HEARSAY,
    HEARSAY_ADJ,
    OCCURRING,
    PARTAKING,
    PLANNED_ADJ,
    PLANNING,
    POSSIBLE_ADJ,
    PREVENTING,
    SEEMING,
    SPEECH,
)
from .lookups import index_of

# "can": "members … can be arrested under preventive detention" names a power, not an arrest.
_HYPOTHETICAL_AUX = {"would", "could", "might", "may", "should", "'d", "can", "ca"}
_FUTURE_AUX = {"will", "shall", "'ll", "wo"}
_EPISTEMIC_AUX = {"may", "might"}
_CONDITIONAL_MARK = {"if", "unless", "whether"}
# Subjects that say no one did it or had it done: "nobody was arrested", "no one was hurt".
_NO_ONE = {"nobody", "none", "nothing", "noone"}
# Subjects that name whoever may do it, no one who did: "a bounty for whoever kills him".
_ANYONE = {"whoever", "whomever", "whosoever"}
_GIVEN_QUESTIONS = {"why", "how", "when", "where"}
# "attr": a noun after a copula climbs to it, whose condition is its own ("if there is a
# conflict between Turkey and the Kurds").
_GOVERNED = {"xcomp", "ccomp", "pcomp", "pobj", "prep", "acl", "advcl", "conj", "relcl", "dobj", "acomp",
             "attr"}
MAX_HOPS = 6
# Obligation: "Russia said Sudan must return the helicopter" is the speaker's demand (PLOVER
# REQUEST: "all requests, demands, and orders"). "should" is left out: "talks should resume
# next week" is as often an expectation as a demand.
_DEONTIC_AUX = {"must"}
_DEONTIC_HEADS = {"have", "need"}  # "Iraq has to comply", "Israel needs to ease restrictions"
_DEFINITE = {"the", "this", "that", "these", "those"}
_NOUNS = ("NOUN", "PROPN")
SUBJECTS = ("nsubj", "nsubjpass")


def _negated(v: Token) -> bool:
    # "no longer demand": what has stopped is not done now; "were not sent until the following
    # year" were sent, later.
    children = list(v.children)
    marks = [g for c in children if c.dep_ == "advcl" for g in c.children if g.dep_ == "mark"]
    if any(c.lower_ == "until" for c in children + marks if c.dep_ in ("prep", "mark")):
        return False
    return any(c.dep_ == "neg" or c.lower_ in ("never",) or c.lower_ == "longer" and any(
        g.dep_ == "neg" for g in c.children) for c in children)


def _negative_subject(v: Token) -> bool:
    """"nobody was arrested", "no one was killed", "not a single activist has been arrested"."""
    for c in v.children:
        if c.dep_ in SUBJECTS:
            words = {g.lower_ for g in c.subtree if g.i <= c.i}
            if c.lower_ in _NO_ONE or "no" in words and c.lower_ in ("one", "body") or \
                    any(g.dep_ == "det" and g.lower_ == "no" for g in c.children) or \
                    {"not", "single"} <= words:
                return True
    return False


def auxiliaries(v: Token) -> set[str]:
    return {c.lower_ for c in v.children if c.dep_ in ("aux", "auxpass")}


def _backshift(aux: set[str], v: Token) -> bool:
    """A bare "would" with no condition on its clause: a reported "will" if a past speech
    verb governs it."""
    modal = aux & _HYPOTHETICAL_AUX
    return bool(modal) and modal <= {"would", "'d"} and not _conditioned(v)


def _conditioned(v: Token) -> bool:
    """Whether a condition hangs on the clause ("would meet him if he gave them a veto")."""
    return any(c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in _CONDITIONAL_MARK
                                         for g in c.children)
               for c in v.children)


def modality(anchor: Token, trigger: Token) -> tuple[str, Token | None]:
    """(modality, the governing speech verb if any) for the event anchored on `anchor`."""
    found: list[str] = []
    speech: Token | None = None
    for tok in {anchor, trigger}:
        if _negated(tok) or tok.pos_ in ("VERB", "AUX") and _negative_subject(tok):
            found.append("negated")
    # A noun trigger's determiner: "will listen to any request" names no request made, "no
    # talks took place" names none held.
    # A verb's own object counts for "no" ("offers no guarantees": the act not done).
    objects = [trigger] if trigger.pos_ != "VERB" else [c for c in trigger.children if c.dep_ == "dobj"]
    dets = {g.lower_ for o in objects for g in o.children if g.dep_ == "det"}
    if trigger.pos_ == "VERB":
        dets &= {"no"}
    if "no" in dets:
        found.append("negated")
    if "any" in dets:
        found.append("hypothetical")
    # An act noun's own adjective: "Trump's planned withdrawal", "a proposed ceasefire" (planned);
    # "a possible strike", "the potential deployment" (hypothetical).
    adjectives = {c.lower_ for c in trigger.children if c.dep_ == "amod"} if trigger.pos_ in _NOUNS else set()
    if adjectives & PLANNED_ADJ:
        found.append("planned")
    if adjectives & POSSIBLE_ADJ:
        found.append("hypothetical")
    if anchor.dep_ == "csubj" and any(c.dep_ == "attr" and c.lemma_.lower() in GOALS
                                      for c in anchor.head.children):
        found.append("planned")  # "killing her had been a priority": sought, not done
    elif _gerund_subject(anchor):
        found.append("hypothetical")  # "boycotting conferences is not enough": a kind of act, judged
    if _asked(anchor):
        found.append("hypothetical")  # "Who is fighting whom?", "Will the regime enter there?"
    if anchor.tag_ == "VB" and anchor.dep_ == "ROOT" and not auxiliaries(anchor) and \
            not any(c.dep_ in SUBJECTS for c in anchor.children):
        found.append("hypothetical")  # a command ("Kill them."): called for, not done
    if anchor.tag_ != "VBD" and any(c.lower_ in _ANYONE for c in anchor.children):
        # "a reward to whomever kills him": no one has yet ("whoever attacked the convoy" did)
        found.append("hypothetical")
    aux = auxiliaries(anchor)
    # "would" under a past speech verb with no condition is the reported future ("NATO said it
    # would tighten the blockade" reports "we will"), decided once the speech verb is found.
    backshifted = _backshift(aux, anchor)
    if aux & _HYPOTHETICAL_AUX and not backshifted:
        found.append("hypothetical")
    if aux & _FUTURE_AUX:
        found.append("planned")
    # "troops reportedly killed …"; on a noun, on the verb it hangs from ("the US is reportedly
    # in negotiations").
    hedged = {anchor, trigger} | ({_verb_of(anchor)} if anchor.pos_ in _NOUNS else set())
    if any(c.dep_ == "advmod" and c.lower_ in HEARSAY for t in hedged if t is not None for c in t.children) \
            or any(c.dep_ == "amod" and c.lower_ in HEARSAY_ADJ for c in trigger.children):
        found.append("reported")  # "an alleged gas attack", "the suspected use of chemical weapons"
    if any(c.dep_ == "advmod" and c.lower_ in EPISTEMIC for t in hedged if t is not None for c in t.children):
        found.append("hypothetical")
    tok, described = anchor, False
    for _ in range(MAX_HOPS):
        if any(c.dep_ == "mark" and c.lower_ in _CONDITIONAL_MARK for c in tok.children):
            found.append("hypothetical")
        # A noun climbs from its clause's subject too: "a series of airstrikes … killed 120
        # fighters, the ministry said" is the ministry's claim.
        if tok.head.i == tok.i or tok.dep_ not in _GOVERNED and not (
                tok.dep_ in SUBJECTS and tok.pos_ in _NOUNS):
            break
        child = tok
        dep, tok = tok.dep_, tok.head
        lemma = tok.lemma_.lower()
        # A clause describing a noun keeps its own tense: in "his party, accused of corruption,
        # may lose its majority" the accusation was made; only the loss may come. Not an
        # infinitive, which names what the noun is for ("pressure to negotiate").
        described = described or tok.pos_ in _NOUNS and (
            dep == "relcl" or dep == "acl" and child.tag_ in ("VBN", "VBG"))
        if dep == "ccomp" and lemma in SPEECH or dep == "nsubjpass" and lemma in SPEECH:
            speech = tok  # "… said"; "sporadic incidents of violence have been reported"
            break
        if (occurring := _occurrence(child, dep, tok)) is not None:
            found.append(occurring)  # "talks are due to resume", "summits are to be staged"
        if dep == "dobj" and lemma in AVERTING:
            found.append("negated")  # "to avert a military clash": none happened
        if dep == "prep" and child.lower_ == "in" and lemma in PARTAKING and _negated(tok):
            found.append("negated")  # "Britain was not involved in the attack"
        if dep == "pcomp" and child.head.lower_ == "from" and child.head.head.lemma_.lower() in PREVENTING:
            found.append("negated")  # "prevented civilians from leaving": no one left
        unable = lemma == "able" and tok.dep_ == "acomp" and _negated(tok.head)
        # "too fleeting to deploy fighter jets": what it was too much for did not happen
        excess = tok.pos_ == "ADJ" and any(c.dep_ == "advmod" and c.lower_ == "too" for c in tok.children)
        if dep == "xcomp" and (lemma in FAILING or unable or excess):
            found.append("negated")  # "failed to reach agreement", "have not been able to arrest"
        if dep in ("xcomp", "ccomp") and lemma in FORECAST or \
                dep in ("xcomp", "dobj") and lemma in SEEMING or \
                dep == "prep" and child.lower_ == "to" and lemma in EXPOSED or \
                dep == "xcomp" and _evaluated(tok):
            found.append("hypothetical")  # "expected Isis to be defeated", "risks a confrontation"
        elif dep in ("xcomp", "pcomp", "prep", "pobj", "acl", "acomp", "dobj") and lemma in PLANNING \
                and not (lemma == "due" and any(c.lower_ == "to" and c.tag_ == "IN" for c in tok.children)) \
                and not (dep == "acl" and child.tag_ == "VBN") \
                or dep == "xcomp" and lemma == "be" and _infinitive(child) and _bare_be(tok) \
                or dep in ("acl", "advcl") and _intention_between(child, tok):
            # not "due to police firing", a cause ("is due to visit", "due in Ankara" are plans), nor
            # a participle describing the plan ("a decision hailed by the Russian foreign ministry")
            found.append("planned")
        if tok.pos_ in ("VERB", "AUX"):
            head_aux = auxiliaries(tok)
            # A conjunct shares its head's modal only when it has no tense or auxiliary of
            # its own ("could lead to fighting or force the Kurds to ally", not "would stay
            # and did leave").
            # Nor does a participle adjunct, which tells its own act ("said they would not attend,
            # blaming Turkey's offensive": the blame was laid).
            shares = not described and (dep != "conj" or (child.tag_ == "VB" and not auxiliaries(child))) \
                and not (dep == "advcl" and child.tag_ == "VBG")
            if head_aux & _HYPOTHETICAL_AUX and shares:
                if _backshift(head_aux, tok):  # "said he would be ready to host a meeting"
                    backshifted = True
                else:
                    found.append("hypothetical")
            if _negated(tok) and dep in ("xcomp",):
                found.append("negated")
            # The purpose or complement of a future act is planned with it: "will appear in
            # court to be formally charged", "will travel to Moscow and sign the deal".
            # So is what a future copula says the subject is: "Sochi will be the sixth meeting".
            if head_aux & _FUTURE_AUX and shares and (
                    dep == "conj" or _infinitive(child) and dep in ("xcomp", "advcl") or
                    dep == "attr" and lemma == "be"):
                found.append("planned")
    if backshifted:
        # Past or participle ("said", "was quoted as saying"); after a present "says" the
        # "would" keeps its conditional sense.
        found.append("planned" if speech is not None and speech.tag_ in ("VBD", "VBN", "VBG")
                     else "hypothetical")
    if speech is not None and not own_voice(anchor, trigger):
        found.append("reported")
    if aux & _EPISTEMIC_AUX and "negated" in found:
        # "the Dutch authorities may not recognise the marriage": a possibility, not a refusal.
        return "hypothetical", speech
    for kind in ("negated", "hypothetical", "planned", "reported"):
        if kind in found:
            return kind, speech
    return "asserted", speech


def _gerund_subject(v: Token) -> bool:
    """A gerund that is its clause's subject, or a conjunct of one; not a participle clause the
    parser took for a subject, which a comma sets off ("sharply criticising the opposition, he
    said")."""
    if v.tag_ != "VBG" or "csubj" not in (v.dep_, v.head.dep_ if v.dep_ == "conj" else ""):
        return False
    after = v.right_edge.i + 1
    return after < len(v.doc) and not v.doc[after].is_punct


def _infinitive(v: Token) -> bool:
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in v.children)


def _evaluated(head: Token) -> bool:
    """An infinitive's head that judges it in general: the adjective ("wise to talk") or the
    "be" of "it is easier to bomb a country" (extraposed, the adjective beside it)."""
    if head.pos_ == "ADJ":
        return head.lemma_.lower() in EVALUATIVE
    return head.lemma_ == "be" and any(c.dep_ == "acomp" and c.lemma_.lower() in EVALUATIVE
                                       for c in head.children)


def _bare_be(verb: Token) -> bool:
    """A "be" with no complement but its infinitive: the plan's "is to" ("Putin is to visit
    Ankara"), not a copula ("it is our duty to help", "the plan is likely to fail")."""
    return not any(c.dep_ in ("attr", "acomp", "expl") for c in verb.children)


def _occurrence(child: Token, dep: str, verb: Token) -> str | None:
    """The modality an act named by a clause's subject takes from a predicate that says when
    or whether it happens: "the talks are due to resume", "summits are to be staged" (planned;
    "is to" is the plan's "be to"), "the meeting is likely to take place" (hypothetical). Only
    with a verb of occurring: in "the attack is likely to anger Moscow" the attack happened."""
    if dep not in SUBJECTS or child.pos_ not in _NOUNS:
        return None
    heads = [verb, *(c for c in verb.children if c.dep_ == "acomp")]
    for head in heads:
        if not any(c.dep_ == "xcomp" and _infinitive(c) and c.lemma_.lower() in OCCURRING
                   for c in head.children):
            continue
        lemma = head.lemma_.lower()
        if lemma in FORECAST:
            return "hypothetical"
        if lemma in PLANNING or lemma == "be" and head is verb and _bare_be(verb):
            return "planned"
    return None


def _asked(tok: Token) -> bool:
    """Whether the sentence is a question that does not take the act as given (guidelines §9:
    acts inside a question are hypothetical): not "why", "how", "when" or "where", which ask
    about an act that happened ("Why did police fire?")."""
    words = [t for t in tok.sent if not t.is_space]
    marks = [t for t in words[-3:] if t.text == "?"]
    if not marks:
        return False
    # Only the quotation that asks: in 'he lashed out, saying "is this mature?"' the lashing
    # out is told, not asked.
    quotes = index_of(tok.doc).quotes_at
    if {q.start for q in quotes(marks[-1].idx)} != {q.start for q in quotes(tok.idx)}:
        return False
    return not any(t.lower_ in _GIVEN_QUESTIONS and t.tag_ == "WRB" for t in words)


def _intention_between(infinitive: Token, head: Token) -> bool:
    """An infinitive the parser hung on a word before an "of" phrase that names an intention:
    in "there are reports of a willingness of the government to allow a presence" it is the
    willingness's, a plan, not the reports' or the clause's."""
    if infinitive.i < head.i or not _infinitive(infinitive):
        return False
    return any(t.dep_ == "pobj" and t.head.lower_ == "of" and t.lemma_.lower() in PLANNING
               and head.is_ancestor(t) for t in head.doc[head.i + 1:infinitive.i])


def _verb_of(noun: Token) -> Token | None:
    """The verb a noun hangs from, through prepositions ("is in negotiations")."""
    tok = noun
    for _ in range(MAX_HOPS):
        if tok.head.i == tok.i:
            return None
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            return tok
    return None


def own_voice(anchor: Token, trigger: Token) -> bool:
    """Whether an event inside reported speech still stands in the writer's voice (annotation
    guidelines §4: a statement that is itself the event is asserted):

    - a definite noun the sentence takes as given, not as the claim ("vajpayee said the attack
      on parliament was a challenge", "Isis was quick to claim the strike", "replying to the
      opposition's criticism");
    - the speaking itself, as a participle on the speech verb ("sharply criticising the
      opposition, he said …", "condemning the violence, vajpayee said …");
    - a first-person performative inside the quotation ("i request you to be vigilant", "we
      make an appeal"): saying it is doing it.
    """
    quotes = index_of(trigger.doc).quotes_at(trigger.idx)
    # The quotation's own cue, itself reported by no one: "he denounced US cooperation", not
    # "police said the mob attacked the occupants".
    if any(q.cue_span and q.cue_span[0] <= trigger.idx < q.cue_span[1] for q in quotes) and \
            not any(q.start <= trigger.idx < q.end for q in quotes):
        return True
    if trigger.pos_ in ("NOUN", "PROPN") and anchor.i == trigger.i:
        return any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in _DEFINITE)
                   for c in trigger.children)
    if anchor.tag_ == "VBG" and anchor.dep_ == "advcl" and anchor.head.lemma_.lower() in SPEECH:
        return True
    return anchor.tag_ in ("VBP", "VBZ") and not auxiliaries(anchor) and not _negated(anchor) and \
        any(c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in anchor.children)


# Verbs that name someone else's accusation inside the speech: "police said the villagers
# accused the guards" reports the villagers' accusation.
_ACCUSING = {"accuse", "blame", "criticise", "criticize", "condemn", "denounce", "charge", "allege"}


def statement_modality(mod: str, type_: str, trigger: Token) -> str:
    """An accusation found inside reported speech is the speaker's own statement, which the
    article states was made: asserted (guidelines §4: "a statement that is itself the event …
    is asserted"). "Officials said the world is shirking its responsibilities" is the officials'
    ACCUSE; only an accusing verb with a subject of its own reports a third party's."""
    if mod != "reported" or type_ != "ACCUSE":
        return mod
    if trigger.lemma_.lower() in _ACCUSING and any(c.dep_ == "nsubj" for c in trigger.children):
        return mod
    return "asserted"


def _obliged(v: Token) -> bool:
    if auxiliaries(v) & _DEONTIC_AUX:
        return True
    head = v.head
    # "police had to fire": a past necessity reports what was done, it demands nothing.
    if head.tag_ == "VBD" and not auxiliaries(head):
        return False
    return (v.dep_ == "xcomp" and head.lemma_.lower() in _DEONTIC_HEADS and head.pos_ in ("VERB", "AUX")
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children))


def obligation(anchor: Token) -> Token | None:
    """The verb that states an obligation over the event's clause ("must return", "has to
    comply", "must ensure security to allow deliveries"), up to the reporting verb."""
    tok = anchor
    for _ in range(MAX_HOPS):
        if _obliged(tok):
            return tok
        if tok.head.i == tok.i or tok.dep_ not in _GOVERNED:
            return None
        if tok.dep_ == "ccomp" and tok.head.lemma_.lower() in SPEECH:
            return None
        tok = tok.head
    return None
