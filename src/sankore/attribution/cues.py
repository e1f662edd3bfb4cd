"""Which tokens are attribution cues, and how sure: the hand speech-verb list plus the table
learned from annotated news (`learn_cues.py` → `speech_cues_learned.tsv`).

A hand-listed speech verb ("say", "tell") is a cue whatever the table says. A learned cue
(lemma and coarse POS, or lemma plus its preposition: "call for") counts when its share (how
often annotators marked it as a cue) reaches the threshold; the share is its confidence.
Every cue but the plain verbs of saying may take a noun-phrase content ("criticized the
deal"), since stance verbs take objects where speech verbs take clauses.
"""

from __future__ import annotations

from spacy.tokens import Token

DEFAULT_THRESHOLD = 0.4  # tuned on PolNeAR train: lower adds as many wrong attributions as right ones
_PLAIN = {"say", "tell", "ask", "speak", "talk", "write", "add"}
_POS = {"VERB": "VERB", "AUX": "VERB", "NOUN": "NOUN", "PROPN": "NOUN", "ADP": "ADP", "ADJ": "ADJ"}


def coarse_pos(token: Token) -> str | None:
    if token.tag_.startswith("VB"):
        return "VERB"
    return _POS.get(token.pos_)


def keys(token: Token, pos: str | None = None) -> list[tuple[str, str | None]]:
    """The table keys of a token: its lemma, and for a word with its own preposition right
    after it the pair ("talk about", "call for", "criticism of"), often a cue where the word
    alone is not. Learning (`learn_cues.py`) and lookup share this function."""
    pos = pos or coarse_pos(token)
    lemma = token.lemma_.lower()
    out = [(lemma, pos)]
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if nxt is not None and nxt.head.i == token.i and nxt.dep_ in ("prep", "prt") and nxt.is_alpha:
        out.append((f"{lemma} {nxt.lower_}", pos))
    return out


class CueLexicon:
    def __init__(self, verbs: dict[str, str], learned: dict[tuple[str, str | None], float],
                 threshold: float = DEFAULT_THRESHOLD) -> None:
        self.verbs = verbs
        self.learned = {key: share for key, share in learned.items() if share >= threshold}

    def share(self, token: Token) -> float:
        """The best learned share of the token's keys (0 when none is in the table)."""
        return max((self.learned.get(key, 0.0) for key in keys(token)), default=0.0)

    def is_speech_verb(self, token: Token) -> bool:
        return coarse_pos(token) == "VERB" and token.lemma_.lower() in self.verbs

    def is_cue(self, token: Token) -> bool:
        """A verb cue: a listed speech verb, or a learned one (alone or with its preposition)."""
        if self.is_speech_verb(token):
            return True
        return coarse_pos(token) == "VERB" and self.share(token) > 0

    def is_adjective_cue(self, token: Token) -> bool:
        """"Trump was critical of the deal", "she is confident that …": a learned cue adjective
        as the predicate of its clause (`acomp`), whose subject is the speaker. An attributive
        one ("a harsh tone") has no speaker of its own."""
        return coarse_pos(token) == "ADJ" and token.dep_ == "acomp" and self.share(token) > 0

    def with_preposition(self, token: Token) -> bool:
        """Whether the word and the preposition after it are a learned cue ("call for"); an
        adjective's preposition always is its complement ("concerned with", "wary of")."""
        if coarse_pos(token) == "ADJ":
            return True
        pairs = keys(token)[1:]
        return bool(pairs) and pairs[0] in self.learned

    def is_noun_cue(self, token: Token) -> bool:
        """"Trump's plan to …", "her criticism of …": a learned noun cue."""
        return coarse_pos(token) == "NOUN" and token.pos_ == "NOUN" and self.share(token) > 0

    def broad(self, token: Token) -> bool:
        """Whether a noun-phrase object can be the content ("criticized the deal"): for every
        cue but the plain verbs of saying, whose object is the addressee or a pronoun."""
        return token.lemma_.lower() not in _PLAIN

    def kind(self, token: Token) -> str:
        return self.verbs.get(token.lemma_.lower(), "stance")

    def confidence(self, token: Token) -> float:
        return max(self.share(token), 1.0 if self.is_speech_verb(token) else 0.0)
