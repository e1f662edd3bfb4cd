"""The trigger lexicon (resources/data/plover_triggers.tsv) and its matching on a parsed sentence.

A verb entry is indexed by its first lemma ("call for", "sign agreement"), a noun entry by
its last ("air strike", "bombing operation"), the English head of the phrase. The other
lemmas must be found next to the head in the parse: a particle, a preposition, an object
or a compound. Among the entries that match one token, the most specific win (most lemmas);
several types may remain ("strike": ASSAULT or PROTEST) for the classifier to choose from.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Span, Token

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "REQUEST",
                "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
# Dependents whose lemmas complete a phrase ("call for", "hold talks", "carried out attacks").
_NEAR_DEPS = {"prt", "prep", "dobj", "nsubjpass", "attr", "compound", "amod", "dative", "acomp",
              "advmod", "oprd"}


@dataclass(frozen=True)
class Entry:
    pos: str  # "V" or "N"
    words: tuple[str, ...]
    type: str
    mode: str | None
    cameo: str
    weight: float

    @property
    def head(self) -> str:
        return self.words[0] if self.pos == "V" else self.words[-1]


@dataclass(frozen=True)
class Match:
    """The entries of equal specificity that one token matches."""

    token: Token
    entries: tuple[Entry, ...]

    @property
    def types(self) -> dict[str, Entry]:
        """The best entry for each type this token can name."""
        best: dict[str, Entry] = {}
        for e in self.entries:
            if e.type not in best or e.weight > best[e.type].weight:
                best[e.type] = e
        return best


@lru_cache(maxsize=1)
def entries() -> dict[tuple[str, str], tuple[Entry, ...]]:
    """(pos, head lemma) -> entries, read once from the packaged TSV."""
    text = resources.files("sankore.resources").joinpath("data/plover_triggers.tsv").read_text("utf-8")
    index: dict[tuple[str, str], list[Entry]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith(("#", "pos\t")):
            continue
        pos, phrase, type_, mode, cameo, weight = line.split("\t")
        entry = Entry(pos, tuple(phrase.split()), type_, None if mode == "-" else mode, cameo, float(weight))
        index.setdefault((pos, entry.head), []).append(entry)
    return {k: tuple(v) for k, v in index.items()}


def _near_lemmas(tok: Token) -> set[str]:
    """Lemmas next to `tok` that may complete a phrase: its dependents, their objects and
    compounds, and, for a noun, the word it modifies."""
    near = set()
    for child in tok.children:
        if child.dep_ not in _NEAR_DEPS or _dates(child):
            continue
        near.add(child.lemma_.lower())
        for grand in child.children:
            if grand.dep_ in ("pobj", "compound", "amod", "prt", "dobj"):
                near.add(grand.lemma_.lower())
    if tok.dep_ == "compound":
        near.add(tok.head.lemma_.lower())
    return near


def _dates(child: Token) -> bool:
    """A preposition whose object is a date or a number ("gave birth in February") is no
    phrase particle ("give in")."""
    return child.dep_ == "prep" and any(g.dep_ == "pobj" and (g.ent_type_ in ("DATE", "TIME") or g.like_num)
                                        for g in child.children)


def token_match(tok: Token) -> Match | None:
    pos = "V" if tok.pos_ == "VERB" else "N" if tok.pos_ in ("NOUN", "PROPN") else None
    lemma = tok.lemma_.lower()
    if pos is None:
        return None
    found = entries().get((pos, lemma))
    if not found and pos == "N" and tok.tag_ in ("VBG", "NN") and lemma.endswith("ing"):
        found = entries().get(("N", tok.lower_))
    if not found:
        return None
    near = _near_lemmas(tok)
    fitting = [e for e in found if all(w in near for w in e.words if w != e.head)]
    if not fitting:
        return None
    top = max(len(e.words) for e in fitting)
    return Match(tok, tuple(e for e in fitting if len(e.words) == top))


def sentence_matches(sent: Span) -> list[Match]:
    return [m for tok in sent if (m := token_match(tok)) is not None]
