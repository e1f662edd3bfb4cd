"""Dependency-parse helpers: cue words, the speaker's head, and the content of reported speech.

spaCy's English parser (ClearNLP labels) attaches reported speech to its verb as `ccomp`
("He said [that the plan failed]"), an infinitive as `xcomp` ("vowed [to fight]"), and a
parenthetical cue as `parataxis` of the main clause ("The plan, he said, failed").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
# Clauses whose subject is their head's: "…, adding that …", "He said A and added B", "voters
# are more likely [acomp] to say [xcomp]", "scolded him for [prep] suggesting [pcomp]".
_INHERIT_DEPS = ("advcl", "conj", "xcomp", "acomp", "pcomp", "prep", "dep")
_CORE_LEFT_DEPS = {"compound", "det", "amod", "poss", "nmod", "flat", "nummod", "case", "quantmod",
                   "predet", "nn", "punct"}
# Verbs whose infinitive is reported intent or a directive ("vowed to fight", "wants to win",
# "told him to leave"); for other verbs an infinitive is not speech ("continued to rise").
_INTENT_VERBS = {"want", "hope", "plan", "promise", "vow", "intend", "expect", "refuse", "threaten",
                 "offer", "seek", "prefer", "wish", "decline", "propose", "pledge", "urge", "ask", "tell"}
# Verbs that lend their subject to a cue noun object ("made statements", "voiced concerns"):
# not verbs of receiving ("faced criticism", "drew praise"), whose subject is the target.
_LIGHT_VERBS = {"make", "give", "express", "voice", "offer", "issue", "raise", "share", "show", "withhold",
                "reiterate", "repeat", "renew", "register", "lodge", "deliver", "signal", "air", "lay",
                "outline", "put", "set", "unveil", "release", "announce", "publish", "pen", "sound"}
_CHARGE = {"of", "for", "on", "over", "with", "as", "about", "against"}
_RECEIVING = {"face", "draw", "receive", "get", "earn", "win", "attract", "spark", "prompt", "provoke",
              "trigger", "generate", "field", "invite", "meet", "encounter", "ignore", "dismiss"}
_ABOUT = {"of", "on", "about", "against", "for", "to", "over", "with"}
_TOPIC = {"about", "against", "for"}
_EDGE_PUNCT = set(" \n\t.,;:—–-")


def according_to(token: Token) -> Token | None:
    """The `to` of "according to", when `token` is "according"."""
    if token.lower_ != "according" or token.i + 1 >= len(token.doc):
        return None
    nxt = token.doc[token.i + 1]
    return nxt if nxt.lower_ == "to" else None


def that_clause(verb: Token) -> bool:
    """"X downplayed that …", "polls show that …": a verb with a subject and a `that`-clause
    reports a proposition whatever the verb, so a cue too rare to learn still counts."""
    if not verb.tag_.startswith("VB") or verb.dep_ == "amod":
        return False
    return any(c.dep_ in SUBJECT_DEPS for c in verb.children) and any(
        c.dep_ == "ccomp" and c.i > verb.i
        and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children) for c in verb.children)


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def subject_of(verb: Token, depth: int = 4) -> Token | None:
    """The subject of `verb`, or of the clause it hangs from ("…, adding that …")."""
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            return child
    if depth and verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head  # "a gunman claiming allegiance to …", "emails showing that …"
    if depth and verb.dep_ in _INHERIT_DEPS and verb.head.i != verb.i:
        return subject_of(verb.head, depth - 1)
    return None


def subtree_span(token: Token) -> tuple[int, int]:
    left, right = token.left_edge, token.right_edge
    return left.idx, right.idx + len(right)


def trim(text: str, start: int, end: int, keep_marks: bool = True) -> tuple[int, int]:
    """Strip spaces and clause punctuation from both ends (a closing quotation mark stays)."""
    while start < end and text[start] in _EDGE_PUNCT:
        start += 1
    while end > start and text[end - 1] in _EDGE_PUNCT:
        end -= 1
    return start, end


def core_span(head: Token) -> tuple[int, int]:
    """The noun phrase of `head` without its relative clauses, appositions and PPs."""
    start = head.idx
    for child in head.lefts:
        if child.dep_ in _CORE_LEFT_DEPS and child.dep_ != "punct":
            start = min(start, child.left_edge.idx)
    end = head.idx + len(head)
    for child in head.rights:
        if child.dep_ in ("compound", "flat", "nn") or (child.dep_ == "case" and child.text in ("'s", "’s")):
            end = max(end, child.right_edge.idx + len(child.right_edge))
    return start, end


def content_of(verb: Token, text: str, broad: bool = False, with_prep: bool = True) -> tuple[int, int] | None:
    """The reported content governed by a cue verb, as a character span, or None.

    `broad` (a cue learned from annotated news, not a pure speech verb) also takes what the
    cue is about when it has no clause: an infinitive ("refused [to testify]"), a direct
    object ("criticized [the deal]") or a prepositional object ("called for [a ban]",
    "spoke about [the economy]"): PolNeAR annotates such stances as attributions.
    """
    for child in verb.children:
        if child.dep_ == "ccomp" and child.i > verb.i:
            return trim(text, *subtree_span(child))
    for child in verb.children:
        if child.dep_ == "ccomp":
            return trim(text, *subtree_span(child))
    if verb.dep_ == "parataxis" and verb.head.i != verb.i:
        # "The plan failed, he said" / "The plan, he said, failed": the main clause without
        # the parenthetical; the envelope here, the fragments from `parenthetical_content`.
        fragments = parenthetical_content(verb, text)
        return (fragments[0][0], fragments[-1][1]) if fragments else None
    if broad or verb.lemma_.lower() in _INTENT_VERBS:
        for child in verb.children:
            if child.dep_ == "xcomp" and child.i > verb.i and (child.tag_ == "VBG" and broad or any(
                    c.dep_ == "aux" and c.lower_ == "to" for c in child.children)):
                # "vowed to fight"; a stance on an action: "proposed barring", "supports squeezing"
                return trim(text, *subtree_span(child))
    if not broad:
        # a plain verb of saying with a long noun-phrase object is a clause the parser got
        # wrong ("said families of people killed by police file lawsuits")
        obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
        if obj is not None and obj.pos_ != "PRON" and obj.right_edge.i - obj.left_edge.i >= 3:
            return trim(text, *subtree_span(obj))
        topic = _topic_of(verb) or _said_object(verb)
        if topic is not None:
            return trim(text, *subtree_span(topic))
    if broad:
        predicate = next((c for c in verb.children if c.dep_ == "oprd" and c.i > verb.i), None)
        if predicate is not None:
            # "called him a liar", "described it as a farce": the object and what it is called
            obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i < predicate.i), None)
            subject = next((c for c in verb.children if c.dep_ == "nsubjpass" and c.pos_ != "PRON"), None)
            if obj is None and subject is not None:
                return trim(text, *subtree_span(subject))  # "the measures were deemed insufficient"
            obj = obj or predicate
            return trim(text, obj.left_edge.idx, predicate.right_edge.idx + len(predicate.right_edge))
        obj = object_of(verb, with_prep)
        if obj is not None:
            start, end = subtree_span(obj)
            # "accused Trump of racism", "thanked him for acting", "blamed the law on X": the
            # object and the charge together (annotators mark either the charge or both)
            charge = next((c for c in verb.children if c.dep_ == "prep" and c.i == obj.right_edge.i + 1
                           and c.lower_ in _CHARGE), None)
            if charge is not None:
                end = max(end, subtree_span(charge)[1])
            return trim(text, start, end)
        # "The plan was criticized by X": the passive subject is what the stance is about.
        subject = next((c for c in verb.children if c.dep_ == "nsubjpass" and c.pos_ != "PRON"), None)
        if subject is not None:
            return trim(text, *subtree_span(subject))
    return None


def _topic_of(verb: Token) -> Token | None:
    """"talked about the economy", "spoke out against the war", "asked for a recount": what a
    plain verb of saying is about, where it has no clause (its object is the addressee)."""
    for child in verb.children:
        if child.dep_ == "prep" and child.i > verb.i and child.lower_ in _TOPIC:
            obj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if obj is not None and obj.ent_type_ not in ("DATE", "TIME"):  # "said for years"
                return obj
    return None


def _said_object(verb: Token) -> Token | None:
    """"said so", "said yes", "said that", "said the same": whatever "say" takes is what was
    said (unlike "tell", whose object is the addressee)."""
    if verb.lemma_.lower() != "say":
        return None
    return next((c for c in verb.children if c.i > verb.i and (
        c.dep_ == "dobj" or c.dep_ == "intj" or (c.dep_ == "advmod" and c.lower_ == "so"))), None)


def parenthetical_content(verb: Token, text: str) -> tuple[tuple[int, int], ...] | None:
    """The clause a parenthetical cue interrupts or follows, as fragments around the cue."""
    if verb.dep_ != "parataxis" or verb.head.i == verb.i:
        return None
    start, end = subtree_span(verb.head)
    v_start, v_end = subtree_span(verb)
    parts = [trim(text, start, v_start), trim(text, v_end, end)]
    parts = [p for p in parts if p[1] - p[0] > 1]
    return tuple(parts) or None


def stance_content(verb: Token, content: tuple[int, int], text: str) -> bool:
    """Whether `content` is a noun phrase the cue takes a stance on, not a reported proposition."""
    heads = [object_of(verb)] + [c for c in verb.children if c.dep_ == "nsubjpass"]
    return any(h is not None and content == trim(text, *subtree_span(h)) for h in heads)


def object_of(verb: Token, with_prep: bool = True) -> Token | None:
    """What a stance verb is about: its direct object, or the object of a preposition right
    after it ("called for a ban", "referring to the deal") when `with_prep` (the verb and
    preposition are a cue together, not a verb with a time or place: "decided over the summer")."""
    for child in verb.children:
        if child.dep_ in ("dobj", "obj") and child.i > verb.i:
            return child  # a pronoun too ("endorsed him"): annotators mark it, its antecedent is near
    for child in verb.children if with_prep else ():
        if child.dep_ == "prep" and child.i > verb.i and child.i - verb.i <= 2:
            pobj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if pobj is not None and pobj.pos_ != "PRON" and pobj.ent_type_ not in ("DATE", "TIME"):
                return pobj  # "reported in May" is when, not what
    return None


def noun_content(noun: Token, text: str) -> tuple[int, int] | None:
    """What a cue noun reports: "plan [to cut taxes]", "claim [that …]", "criticism of [the deal]"."""
    for child in noun.children:
        if child.dep_ in ("acl", "ccomp") and child.i > noun.i and any(
                c.dep_ in ("aux", "mark") and c.lower_ in ("to", "that") for c in child.children):
            return trim(text, *subtree_span(child))
    for child in noun.children:
        if child.dep_ == "prep" and child.i == noun.i + 1 and child.lower_ in _ABOUT:
            pobj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if pobj is not None:
                return trim(text, *subtree_span(pobj))
    target = received_by(noun)
    if target is not None:
        return trim(text, *subtree_span(target))
    return None


def received_by(noun: Token) -> Token | None:
    """"The proposal has drawn harsh criticism", "Rubio has won support from …": a cue noun
    received is about the receiver, the subject of the verb of receiving."""
    verb = noun.head
    if noun.dep_ != "dobj" or verb.lemma_.lower() not in _RECEIVING:
        return None
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def noun_source(noun: Token, governing: bool = False) -> Token | None:
    """Whose the cue noun is: "Trump's plan", "the plan by the Senate", "criticism from X",
    "Trump made conflicting statements about …" (the subject of a light verb whose object
    the cue noun is: the noun carries the meaning, the verb only says who)."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    verb = noun.head
    if received_by(noun) is not None:  # "drew criticism from X": X, if named at all
        prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "from"), None)
        return next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    if noun.dep_ == "dobj" and verb.lemma_.lower() in _LIGHT_VERBS:
        return next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if governing:
        # "Carter stressed bipartisan support for …", "he rose to the defense of …": whoever
        # the clause the noun sits in is about
        node = noun
        while node.dep_ in ("dobj", "pobj", "prep", "attr") and node.head.i != node.i:
            node = node.head
        if node.pos_ in ("VERB", "AUX") and node.lemma_.lower() not in _RECEIVING:
            subject = next((c for c in node.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.lower_ not in ("it", "there", "this", "that"):
                return subject
    # "a German warning", "the Democratic line of attack": a nationality or party adjective
    return next((c for c in noun.children if c.dep_ in ("amod", "compound") and c.i < noun.i
                 and c.ent_type_ in ("NORP", "ORG", "GPE")), None)


def particle_after(verb: Token) -> Token | None:
    """The preposition or particle that belongs to the cue: "called for", "spoke about"."""
    doc = verb.doc
    nxt = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
    if nxt is None or nxt.head.i != verb.i or nxt.dep_ not in ("prep", "prt"):
        return None
    if nxt.dep_ == "prep" and any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in verb.children):
        return None  # "said in a statement that …": the preposition starts an adjunct
    return nxt


def according_content(according: Token, text: str) -> tuple[int, int] | None:
    """"X is true, according to Y": the clause the phrase attaches to, without the phrase."""
    head = according.head
    if head.i == according.i:
        return None
    start, end = subtree_span(head)
    a_start, a_end = subtree_span(according)
    if a_start <= start:
        return trim(text, a_end, end)
    if a_end >= end:
        return trim(text, start, a_start)
    return trim(text, start, end)


def sentence_of(doc: Doc, char: int):
    token = doc.char_span(char, char + 1, alignment_mode="expand")
    return token.sent if token is not None and len(token) else None
