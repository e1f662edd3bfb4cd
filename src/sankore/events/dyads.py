"""One event record per dyad: coordinated participants ("Moscow and Tehran armed the regime",
"attacks upon civilians and soldiers") become one record each, as POLECAT, ACLED and the news
gold set's guidelines code them ("one record per distinct (type, actor, target)").

A record with two actors says neither who did what nor to whom: an analyst counting Russia's
and Iran's aid, or drawing the network of who attacked whom, needs each pair apart. Only a
coordination of the event's own arguments splits (the subject, the object, the agent, a
prepositional object of the trigger): the mentions of one noun phrase ("Russian Foreign
Minister Sergey Lavrov") stay one participant, and so do a participant named twice (an
appositive, a pronoun and its antecedent) and a list inside a participant's phrase ("a
delegation of farmers and traders" is one group met at once).
"""

from __future__ import annotations

from dataclasses import replace
from itertools import product

from spacy.tokens import Doc, Token

from ..mentions import EventMention

Spans = tuple[tuple[int, int], ...]
# "Russia, Kazakhstan, Indonesia, Sudan and the United States repatriated …" gives five; a
# longer list is read as a list of members, not of separate acts, and left whole.
MAX_DYADS = 8
_STOP_POS = {"VERB", "AUX"}


def _root(doc: Doc, span: tuple[int, int]) -> Token | None:
    found = doc.char_span(span[0], span[1], alignment_mode="expand")
    return found.root if found is not None else None


def _slot(tok: Token, event_heads: set[int]) -> int | None:
    """The conjunct this mention sits in: the first token up its head chain (below the verb)
    that is one member of a coordination of the event's arguments; None when there is none
    (the mention belongs to every conjunct: "the French and U.S. military forces" as a
    whole). `event_heads`: the anchor's and the trigger's token indices. A mention after the
    last conjunct that the parser hangs on an earlier one is the whole coordination's ("wives
    and children of Isis members": "of" hangs on "wives", the first)."""
    steps, at = 0, tok.i
    while steps < 12 and tok.pos_ not in _STOP_POS:
        if tok.dep_ == "conj" or any(c.dep_ == "conj" for c in tok.children):
            last = max(c.i for c in (tok, *tok.conjuncts))
            after = at > last and tok.i != last
            return tok.i if _argument(tok, event_heads) and not after else None
        if tok.head.i == tok.i:
            break
        tok, steps = tok.head, steps + 1
    return None


def _argument(conjunct: Token, event_heads: set[int]) -> bool:
    """Whether the coordination `conjunct` is in hangs on the event itself: directly, or
    through a preposition or the passive agent's "by" ("attacks upon civilians and soldiers",
    "blocked by Turkey and Iran")."""
    top = conjunct
    while top.dep_ == "conj" and top.head.i != top.i:
        top = top.head
    head = top.head
    if head.i in event_heads:
        return True
    return head.dep_ in ("prep", "agent") and head.head.i in event_heads


def _groups(doc: Doc, spans: Spans, event_heads: set[int]) -> list[Spans]:
    """`spans` split into coordinated participants (text order), or whole when not coordinated."""
    slots: dict[int, list[tuple[int, int]]] = {}
    shared: list[tuple[int, int]] = []
    for span in spans:
        root = _root(doc, span)
        slot = _slot(root, event_heads) if root is not None else None
        if slot is None:
            shared.append(span)
        else:
            slots.setdefault(slot, []).append(span)
    if len(slots) < 2:
        return [spans] if spans else [()]
    # A mention outside every conjunct names the whole ("the forces" of "the French and U.S.
    # forces"): each conjunct keeps it, so no record loses what the phrase says.
    return [tuple(sorted(set(members) | set(shared))) for _, members in sorted(slots.items())]


def split(doc: Doc, event: EventMention, anchor: Token) -> list[EventMention]:
    """The event as one record per (actor, target) pair of coordinated participants;
    `anchor`: the token the event hangs on (its trigger, or a light verb's for a noun)."""
    heads = {anchor.i}
    if event.trigger is not None and (tok := _root(doc, event.trigger)) is not None:
        heads.add(tok.i)
    actors, targets = _groups(doc, event.actor_spans, heads), _groups(doc, event.target_spans, heads)
    if len(actors) * len(targets) <= 1 or len(actors) * len(targets) > MAX_DYADS:
        return [event]
    return [replace(event, actor_spans=a, target_spans=t) for a, t in product(actors, targets)]
