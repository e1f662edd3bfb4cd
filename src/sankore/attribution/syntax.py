"""Dependency-parse helpers: cue words, the speaker's head, and the content of reported speech.

spaCy's English parser (ClearNLP labels) attaches reported speech to its verb as `ccomp`
("He said [that the plan failed]"), an infinitive as `xcomp` ("vowed [to fight]"), and a
parenthetical cue as `parataxis` of the main clause ("The plan, he said, failed").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
# Clauses whose subject is their head's: "…, adding that …", "He said A and added B".
_INHERIT_DEPS = ("advcl", "conj", "xcomp")
_CORE_LEFT_DEPS = {"compound", "det", "amod", "poss", "nmod", "flat", "nummod", "case", "quantmod",
                   "predet", "nn", "punct"}
# Verbs whose infinitive is reported intent ("vowed to fight", "wants to win"); for other
# verbs an infinitive is not speech ("continued to rise").
_INTENT_VERBS = {"want", "hope", "plan", "promise", "vow", "intend", "expect", "refuse", "threaten",
                 "offer", "seek", "prefer", "wish", "decline", "propose", "pledge", "urge", "ask"}
_EDGE_PUNCT = set(" \n\t.,;:—–-")


def is_cue(token: Token, verbs: dict[str, str]) -> bool:
    if token.pos_ not in ("VERB", "AUX") and not (token.tag_.startswith("VB")):
        return False
    return token.lemma_.lower() in verbs


def according_to(token: Token) -> Token | None:
    """The `to` of "according to", when `token` is "according"."""
    if token.lower_ != "according" or token.i + 1 >= len(token.doc):
        return None
    nxt = token.doc[token.i + 1]
    return nxt if nxt.lower_ == "to" else None


def subject_of(verb: Token, depth: int = 3) -> Token | None:
    """The subject of `verb`, or of the clause it hangs from ("…, adding that …")."""
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            return child
    if depth and verb.dep_ in _INHERIT_DEPS and verb.head is not verb:
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


def content_of(verb: Token, kind: str) -> tuple[int, int] | None:
    """The reported content governed by a cue verb, as a character span, or None."""
    doc = verb.doc
    for child in verb.children:
        if child.dep_ == "ccomp" and child.i > verb.i:
            return trim(doc.text, *subtree_span(child))
    for child in verb.children:
        if child.dep_ == "ccomp":
            return trim(doc.text, *subtree_span(child))
    if verb.dep_ == "parataxis" and verb.head.i < verb.i:
        # "The plan, he said, failed": the main clause without the parenthetical.
        head = verb.head
        start, end = subtree_span(head)
        v_start, v_end = subtree_span(verb)
        if v_end < end:
            return trim(doc.text, start, end)
        return trim(doc.text, start, v_start)
    if verb.lemma_.lower() in _INTENT_VERBS:
        for child in verb.children:
            if child.dep_ == "xcomp" and child.i > verb.i and any(c.dep_ == "aux" and c.lower_ == "to"
                                                                  for c in child.children):
                return trim(doc.text, *subtree_span(child))
    return None


def according_content(according: Token) -> tuple[int, int] | None:
    """"X is true, according to Y": the clause the phrase attaches to, without the phrase."""
    head = according.head
    if head is according:
        return None
    start, end = subtree_span(head)
    a_start, a_end = subtree_span(according)
    doc = according.doc
    if a_start <= start:
        return trim(doc.text, a_end, end)
    if a_end >= end:
        return trim(doc.text, start, a_start)
    return trim(doc.text, start, end)


def sentence_of(doc: Doc, char: int):
    token = doc.char_span(char, char + 1, alignment_mode="expand")
    return token.sent if token is not None and len(token) else None
