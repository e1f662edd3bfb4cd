"""A light coreference for event participants: who "he", "they", "the group" or "the
minister" is.

News names an actor once and then refers back to it: "Erdoğan said … He also criticised
Europe", "the authorities arrested him", "the home minister dismissed the charges". The role
finder reads the pronoun or the definite description off the parse; this module finds the
most recent actor named before it that fits:

- "he", "she", "him", "his": of the persons named in the window, the one named most often
  so far (the story's protagonist), then the last named as a subject;
- "it", "its": the last state, government, organization, group or body named (not a person,
  not a plural);
- "they", "them", "their": the last plural actor ("Kurdish officials", "the militants"), else
  the last state or organization (news says "they" of a government as often as of a group);
- "I", "we", "my", "our" inside a quotation: its speaker;
- "the group", "the organisation", "the ministry", "the country" …: the last actor of a
  kind such a noun names; "the minister", "the president": the last person with that title;
- "injured in the firing": the actors of the last act of its type told before (`earlier_act`).

Only actors named in the same sentence before the word or in the `WINDOW` sentences before
it count (for "he" with no person there, and for a title, any earlier sentence), and never
one named in a dateline. A heuristic of recency and kind, not full
coreference resolution: it has no gender, number beyond the noun's tag, or salience.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..mentions import ActorMention
from ..pipeline.generic_actors import ACTION_NOUNS, DATELINE_CHARS, dateline_spans
from .lookups import index_of
from .phrases import agent, subject

PERSONAL = {"he", "him", "his", "she", "her", "hers", "himself", "herself"}
NEUTER = {"it", "its", "itself"}
PLURAL = {"they", "them", "their", "theirs", "themselves"}
FIRST_PERSON = {"i", "me", "my", "we", "us", "our"}
PRONOUNS = PERSONAL | NEUTER | PLURAL | FIRST_PERSON
# Kinds of actor that "it" and the descriptions below may stand for.
BODIES = {"state", "igo", "government", "organization", "armed_group", "party", "media", "military", "police"}
_DESCRIPTIONS = {
    **dict.fromkeys(("group", "organisation", "organization", "outfit", "movement", "militia", "faction"),
                    {"organization", "armed_group", "party", "igo"}),
    **dict.fromkeys(("party",), {"party", "organization"}),
    **dict.fromkeys(("alliance", "coalition", "bloc", "union"), {"igo", "organization"}),
    **dict.fromkeys(("ministry", "department", "commission", "committee", "agency", "body", "council",
                     "board", "administration"), {"government", "organization", "igo"}),
    **dict.fromkeys(("country", "nation"), {"state"}),
}
_DEFINITE = {"the", "this", "that"}
# Sentences before the pronoun's own in which an antecedent is looked for.
WINDOW = 3


def refers(tok: Token) -> bool:
    """A pronoun or a definite description this module can resolve."""
    return tok.lower_ in PRONOUNS or _description(tok) is not None or _title(tok) is not None


def resolve(tok: Token, roles: dict[str, str] | None = None) -> list[ActorMention]:
    """The actor `tok` (a pronoun, or the head of "the group") refers back to, as a one-item
    list; [] when nothing fits. `roles`: title → sector (resources' roles.tsv)."""
    doc = tok.doc
    word = tok.lower_
    if word in FIRST_PERSON:
        return _speaker(doc, tok)
    if word in PERSONAL:  # the window first; a story about one person names them once
        person = lambda m: m.kind == "person" and m.role != "author"  # noqa: E731
        return _protagonist(doc, tok, _last(doc, tok, person, pool=True)) or \
            _last(doc, tok, person, wide=True)
    if word in NEUTER:
        return _last(doc, tok, lambda m: m.kind in BODIES and not _plural(doc, m))
    if word in PLURAL:
        return _last(doc, tok, lambda m: m.kind != "person" and _plural(doc, m)) or \
            _last(doc, tok, lambda m: m.kind in BODIES and m.kind not in ("military", "police"))
    kinds = _description(tok)
    if kinds is not None:
        return _last(doc, tok, lambda m: m.kind in kinds and not _plural(doc, m))
    title = _title(tok, roles)
    if title is not None:
        head = title.split()[-1]
        return _last(doc, tok, lambda m: m.kind == "person" and bool(m.role) and
                     (m.role or "").split()[-1] == head, wide=True)
    return []


def _description(tok: Token) -> set[str] | None:
    if tok.pos_ != "NOUN" or tok.tag_ != "NN" or not any(
            c.dep_ == "det" and c.lower_ in _DEFINITE for c in tok.children):
        return None
    if any(c.dep_ in ("compound", "poss", "nmod") or c.dep_ == "prep" and c.lower_ == "of"
           for c in tok.children):
        return None  # "the defence ministry", "the group of villagers": a new actor
    return _DESCRIPTIONS.get(tok.lower_)


def _title(tok: Token, roles: dict[str, str] | None = None) -> str | None:
    """The title of "the minister", "the home minister", "the president" (no name after it)."""
    if tok.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
        return None
    if roles is None:
        from ..resources import lexicons

        roles = lexicons.roles()
    words = [c for c in tok.children if c.dep_ in ("compound", "amod") and c.i < tok.i] + [tok]
    for start in range(len(words)):
        phrase = " ".join(t.lower_ for t in words[start:])
        if phrase in roles and roles[phrase] != "IGO":
            return phrase
    return None


def _plural(doc: Doc, m: ActorMention) -> bool:
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    return span is not None and len(span) > 0 and span[-1].tag_ in ("NNS", "NNPS")


def _window_start(doc: Doc, tok: Token) -> int:
    return index_of(doc).sentence_start_char(tok.i, before=WINDOW)


def _protagonist(doc: Doc, tok: Token, pool: list[ActorMention]) -> list[ActorMention]:
    """Of the persons in `pool`, the one the text has named most often before `tok` (the
    story's protagonist: "Erdoğan … Assad must go … He also called for"); ties go to the last
    named as a subject, then the last named."""
    if not pool:
        return []
    index = index_of(doc)
    best = max(pool, key=lambda m: (index.named_before(m.key, tok.idx), _is_subject(doc, m), m.start))
    return [best]


def _last(doc: Doc, tok: Token, fits, wide: bool = False, pool: bool = False) -> list[ActorMention]:
    """The last actor that `fits` before `tok`, in the window (`wide`: in the whole text);
    `pool`: every one that fits in the window."""
    start = 0 if wide else _window_start(doc, tok)
    # A few tokens' text, not `doc.text`, which spaCy rebuilds from every token on each access.
    datelines = dateline_spans(doc[:80].text[:DATELINE_CHARS])

    def candidate(m: ActorMention) -> bool:
        return m.end <= tok.idx and fits(m) and not any(s <= m.start and m.end <= e for s, e in datelines)

    actors = index_of(doc).actors
    if pool:
        return [m for m in actors.starting(start, tok.idx + 1) if candidate(m)]
    # The last one named as a clause's subject first: news keeps its protagonist in subject
    # position ("Erdoğan said … He also criticised"), while the actors named in between are
    # mostly objects ("… in a call with Donald Trump"). Read from the pronoun back, so that
    # a long text is not read whole for each pronoun; else the last one named.
    last = None
    for m in actors.latest_first(start, tok.idx + 1):
        if candidate(m):
            if _is_subject(doc, m):
                return [m]
            if last is None:
                last = m
    return [last] if last is not None else []


def _is_subject(doc: Doc, m: ActorMention) -> bool:
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    tok = span.root
    for _ in range(4):  # "The Turkish leader, Recep Tayyip Erdoğan, said": up an apposition
        if tok.dep_ in ("nsubj", "nsubjpass"):
            return True
        if tok.dep_ not in ("appos", "conj", "compound") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _speaker(doc: Doc, tok: Token) -> list[ActorMention]:
    """The speaker of the quotation holding a first-person pronoun ("our forces", "I")."""
    index = index_of(doc)
    for q in index.quotes_at(tok.idx):
        if q.start <= tok.idx < q.end:
            for span in (q.antecedent_span, q.speaker_span):
                if span is None:
                    continue
                found = index.actors.every(span)  # those overlapping the span
                if found:
                    return found[:1]
    return []


def earlier_act(v: Token, type_: str, previous: list[tuple[str, list[ActorMention]]],
                targets: list[ActorMention]) -> list[ActorMention]:
    """The actors of the act a passive clause names with a definite noun and no owner: "one
    person was injured in the firing" was hurt in the firing told just before (the last event
    of the same type with an actor, named in the `WINDOW` sentences before), by whoever fired.
    None when that actor is on the side of those it was done to ("The army launched an
    offensive … Two soldiers were killed in the operation": a side's own dead name no act of
    its own against them)."""
    nouns = [n for p in v.children if p.dep_ == "prep" and p.lower_ in ("in", "during")
             for n in p.children if n.dep_ == "pobj" and n.lower_ in ACTION_NOUNS]
    definite = [n for n in nouns if [c.lower_ for c in n.children if c.dep_ != "punct"] == ["the"]]
    if not definite or not subject(v)[1] or agent(v) is not None:
        return []
    earlier = next((acting for t, acting in reversed(previous) if t == type_), [])
    if not earlier or earlier[0].start < _window_start(v.doc, v):
        return []
    if {a.code or a.key for a in earlier} & {a.code or a.key for a in targets}:
        return []
    return list(earlier)
