"""Noun phrases and clause subjects in the dependency parse: the pieces `roles` reads an
event's participants from, and that the evidence and demand readers share; and the phrases
around a verb that name one side of it: an addressee, a recipient, a "with" party."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..mentions import ActorMention

_SUBJECT_DEPS = ("nsubj", "csubj")
# Relative pronouns: the subject or object of a relative clause stands for the noun it hangs on.
RELATIVE = {"which", "who", "that", "whom", "whose"}
_MAX_HOPS = 6
_NP_PARTS = {"compound", "poss", "amod", "appos", "conj", "cc", "det", "nmod", "nummod", "npadvmod",
             "case", "punct"}
NP_PREPS = {"of", "from"}
# Participles that make a modifier name a third party: "US-backed", "Turkish-supported".
_BACKED = {"backed", "supported", "sponsored", "funded", "armed", "trained", "allied", "aligned"}


# Nouns of kin and counsel: "the family of a former British soldier begged May for help" is
# the family's plea, not the soldier's.
KIN = {"family", "relative", "parent", "mother", "father", "wife", "husband", "widow", "son", "daughter",
       "child", "brother", "sister", "friend", "lawyer", "attorney", "fiancee", "fiance"}


def np_tokens(tok: Token) -> list[Token]:
    """The noun phrase headed by `tok`: its modifiers, possessors, appositions, conjuncts and
    of/from phrases, without relative clauses or other prepositional phrases."""
    out = [tok]
    for child in tok.children:
        if child.dep_ in _NP_PARTS:
            out.extend(np_tokens(child))
        elif child.dep_ == "prep" and child.lower_ in NP_PREPS and not (
                child.lower_ == "of" and tok.lemma_.lower() in KIN):  # "the family of a soldier"
            for grand in child.children:
                if grand.dep_ == "pobj":
                    out.extend(np_tokens(grand))
    return out


def np_mentions(tok: Token, actors: list[ActorMention]) -> list[ActorMention]:
    """Actor mentions in the noun phrase headed by `tok`, in text order. The backer named in a
    modifier ("US-backed Kurdish forces", "Turkish-supported groups") is not the phrase's
    actor when the phrase names another (guidelines §9: "X-backed forces" codes no event)."""
    starts = {t.idx for t in np_tokens(tok)}
    ends = {t.idx + len(t) for t in np_tokens(tok)}
    found = [m for m in actors if m.start in starts or (m.end in ends and any(s <= m.start for s in starts)
                                                        and m.start >= min(starts))]
    backers = {t.idx for c in tok.children if c.dep_ in ("amod", "compound") and c.lower_ in _BACKED
               for t in c.subtree}
    own = [m for m in found if m.start not in backers]
    return own if own and len(own) < len(found) else found


# Verbs that carry a noun's act ("held talks", "carried out raids", "the arrests made by the
# police"): the noun is the event and the verb's subject or agent its actor.
LIGHT_VERBS = {"hold", "carry", "conduct", "launch", "stage", "make", "reach", "begin", "start", "open",
               "resume", "attend", "host", "organize", "organise", "mount", "pay", "issue", "announce",
               "impose", "sign", "conclude", "give", "take", "continue", "end", "lead", "call", "complete",
               "result", "order", "approve"}
# Verbs whose prepositional object is the act they tell of ("police resorted to firing",
# "mobs indulged in stone throwing"): the verb's subject did it.
# Not "take to": "two youths taken to police custody" is the passive of an arrest.
PREP_LIGHT_VERBS = {("resort", "to"), ("indulge", "in"), ("engage", "in")}
# Verbs of acts that take no object, so have no passive: "forces advanced on Mosul", "police
# and protesters clashed", which the tagger may still read as bare participles.
INTRANSITIVE_ACTS = {"advance", "clash", "march", "rally", "riot", "flee", "retreat", "demonstrate",
                     "mutiny", "rebel", "agitate", "skirmish"}
# Verbs whose object is someone else's act, which they judge or look into (not "confirm",
# "report" or "deny": "police confirmed the arrests" tells of their own).
JUDGING = {"condemn", "denounce", "criticise", "criticize", "blame", "deplore", "decry", "slam",
           "investigate", "probe", "welcome", "praise", "hail", "applaud", "oppose", "witness", "survive",
           "document", "mourn", "commemorate", "regret"}
# Nouns of looking into something, whose compound names what ("the Russia investigation").
INQUIRIES = {"investigation", "probe", "inquiry", "enquiry"}


def subject(v: Token) -> tuple[Token | None, bool]:
    """The subject token of clause `v` and whether the clause is passive. Where the parser
    gives two ("HANOI, Vietnam (AP) — Police arrested …" makes the dateline a subject too),
    the one nearest the verb."""
    # A bare past participle with neither auxiliary nor object is passive whatever the parser
    # calls its subject: the headline and wire shape "Five workers taken into custody", "two
    # killed in blast", which the small model parses as an active verb with its subject.
    # Not a verb that takes its act through a preposition ("police resorted to firing").
    lemma = v.lemma_.lower()
    bare = v.tag_ == "VBN" and lemma not in INTRANSITIVE_ACTS and not any(
        c.dep_ in ("aux", "auxpass", "dobj") for c in v.children) and not any(
        (lemma, c.lower_) in PREP_LIGHT_VERBS for c in v.children if c.dep_ == "prep")
    subjects = [(c, c.dep_ in ("nsubjpass", "csubjpass") or bare and c.dep_ == "nsubj") for c in v.children
                if c.dep_ in _SUBJECT_DEPS or c.dep_ in ("nsubjpass", "csubjpass")]
    before = [s for s in subjects if s[0].i < v.i]
    if before:
        return before[-1]
    return subjects[0] if subjects else (None, False)


def agent(v: Token) -> Token | None:
    for child in v.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def shared_agent(v: Token) -> Token | None:
    """The passive verb's "by" agent, or that of a conjunct with no subject of its own:
    "were arrested and charged by the police", "were beaten and robbed by soldiers" hang the
    agent on the last verb only."""
    for verb in (v, *(c for c in v.conjuncts if subject(c)[0] is None or c.i < v.i)):
        by = agent(verb)
        if by is not None:
            return by
    return None


def first_conjunct(v: Token) -> Token:
    """The first of the participles coordinated with `v` ("expelled" in "expelled and
    killed"), or `v`."""
    while v.dep_ == "conj" and v.head.tag_ == "VBN" and v.head.i < v.i:
        v = v.head
    return v


def first_side(doc: Doc, between: list[ActorMention]) -> list[ActorMention]:
    """The mentions of the first of the coordinated sides named after "between"."""
    span = doc.char_span(between[0].start, between[0].end, alignment_mode="expand")
    if span is None:
        return between
    tok = span.root
    while tok.dep_ not in ("pobj", "conj") and tok.head.i != tok.i:
        tok = tok.head
    end = min((c.left_edge.idx for c in tok.conjuncts if c.i > tok.i), default=None)
    return between if end is None else [m for m in between if m.start < end]


def addressee(v: Token, actors: list[ActorMention]) -> list[ActorMention]:
    """The subject of a demand's or an accusation's content clause: "demanded that the DPRK
    forsake its nuclear programme", "warned that Russia would pay": the DPRK, Russia."""
    for child in v.children:
        if child.dep_ == "ccomp":
            subj, passive = subject(child)
            if subj is not None and not passive:
                return np_mentions(subj, actors)
    return []


def recipient(noun: Token, actors: list[ActorMention]) -> list[ActorMention]:
    """A nominal event's recipient named on the verb that governs it: "gave the Ivory Coast
    5.1 million dollars of aid", "sent aid to Gaza": the dative or to-object of that verb."""
    tok = noun
    for _ in range(_MAX_HOPS):
        if tok.head.i == tok.i or tok.dep_ not in ("pobj", "prep", "dobj", "compound", "nsubjpass"):
            return []
        tok = tok.head
        if tok.pos_ == "VERB":
            break
    else:
        return []
    out: list[ActorMention] = []
    for child in tok.children:
        if child.dep_ == "dative" or (child.dep_ == "prep" and child.lower_ == "to"):
            objs = [child] if child.dep_ == "dative" and child.pos_ != "ADP" else \
                [g for g in child.children if g.dep_ == "pobj"]
            for obj in objs:
                out.extend(m for m in np_mentions(obj, actors) if m not in out)
    return out


def comitative(v: Token, actors: list[ActorMention]) -> list[ActorMention]:
    """The actors of the verb's "with" phrase ("formed … with Mali, Burkina Faso and Niger")."""
    for child in v.children:
        if child.dep_ == "prep" and child.lower_ == "with":
            out: list[ActorMention] = []
            for tok in child.subtree:
                out.extend(m for m in actors if m.start == tok.idx and m not in out)
            return out
    return []


def purposes(tok: Token) -> list[Token]:
    """The infinitives that say what `tok`, or its object, is for: "an offensive to dismantle
    Kurdish groups", "launched a campaign to oust Isis"."""
    heads = [tok, *(c for c in tok.children if c.dep_ == "dobj")]
    return [c for h in heads for c in h.children if c.dep_ in ("acl", "advcl") and c.pos_ == "VERB"
            and any(a.dep_ == "aux" and a.tag_ == "TO" for a in c.children)]
