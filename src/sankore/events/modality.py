"""Modality of an event clause: negated, hypothetical, planned, reported or asserted.

Read off the clause and the clauses that govern it: a negation ("did not"), a conditional
or modal auxiliary ("would", "could", "if"), the future or a verb or noun of intention
("will", "plans to", "is working on", "pledged", "commitment to"), or a speech verb whose
complement the event is ("Lavrov stated that Russia is prepared …"). The first that
applies in that order wins; a reported event keeps its speaker's span in any case.
"""

from __future__ import annotations

from spacy.tokens import Token

_HYPOTHETICAL_AUX = {"would", "could", "might", "may", "should", "'d"}
_FUTURE_AUX = {"will", "shall", "'ll", "wo"}
_CONDITIONAL_MARK = {"if", "unless", "whether"}
PLANNING = {"plan", "intend", "aim", "pledge", "promise", "vow", "commit", "commitment", "prepare",
            "prepared", "ready", "readiness", "decide", "decision", "seek", "hope", "want", "work",
            "intention", "undertake", "set", "due", "schedule", "expect", "agree", "offer",
            "propose", "proposal", "go", "about", "determined", "willing", "willingness"}
SPEECH = {"say", "state", "tell", "announce", "claim", "report", "note", "emphasize", "emphasise",
          "add", "stress", "insist", "assert", "declare", "confirm", "explain", "argue", "write",
          "warn", "reveal", "disclose", "indicate", "suggest", "allege", "quote", "reaffirm"}
_GOVERNED = {"xcomp", "ccomp", "pcomp", "pobj", "prep", "acl", "advcl", "conj", "relcl", "dobj", "acomp"}
MAX_HOPS = 6


def _negated(v: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in ("never",) for c in v.children)


def _aux(v: Token) -> set[str]:
    return {c.lower_ for c in v.children if c.dep_ in ("aux", "auxpass")}


def modality(anchor: Token, trigger: Token) -> tuple[str, Token | None]:
    """(modality, the governing speech verb if any) for the event anchored on `anchor`."""
    found: list[str] = []
    speech: Token | None = None
    for tok in {anchor, trigger}:
        if _negated(tok):
            found.append("negated")
    aux = _aux(anchor)
    if aux & _HYPOTHETICAL_AUX:
        found.append("hypothetical")
    if aux & _FUTURE_AUX:
        found.append("planned")
    tok = anchor
    for _ in range(MAX_HOPS):
        if any(c.dep_ == "mark" and c.lower_ in _CONDITIONAL_MARK for c in tok.children):
            found.append("hypothetical")
        if tok.head.i == tok.i or tok.dep_ not in _GOVERNED:
            break
        dep, tok = tok.dep_, tok.head
        lemma = tok.lemma_.lower()
        if dep == "ccomp" and lemma in SPEECH:
            speech = tok
            break
        if dep in ("xcomp", "pcomp", "prep", "pobj", "acl", "acomp", "dobj") and lemma in PLANNING:
            found.append("planned")
        if tok.pos_ in ("VERB", "AUX"):
            head_aux = _aux(tok)
            if head_aux & _HYPOTHETICAL_AUX and dep != "conj":
                found.append("hypothetical")
            if _negated(tok) and dep in ("xcomp",):
                found.append("negated")
    if speech is not None:
        found.append("reported")
    for kind in ("negated", "hypothetical", "planned", "reported"):
        if kind in found:
            return kind, speech
    return "asserted", speech
