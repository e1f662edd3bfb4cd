"""What every normalizer shares: the `Resolved` result, the handler registry, word helpers.

Each recognizer pattern (`recognize.PATTERNS`) has one handler, registered with
`@handles(name)`; `normalize.resolve` dispatches on the pattern name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

from .lexicon import MONTHS, POINT_MODS, QUANT_MODS


@dataclass(frozen=True)
class Resolved:
    type: str = "DATE"
    value: str | None = None
    granularity: str = "unknown"
    anchor: str | None = None
    mod: str | None = None
    extra: dict = field(default_factory=dict)


T = TypeVar("T")


def registrar(table: dict[str, T]) -> Callable[[str], Callable[[T], T]]:
    """A decorator factory that files a function under a pattern kind in `table`: the
    normalizers' `HANDLERS` here and the recognizer's `guards.GUARDS` use the same one."""
    def by_kind(kind: str) -> Callable[[T], T]:
        def register(fn: T) -> T:
            table[kind] = fn
            return fn
        return register
    return by_kind


Handler = Callable[[dict[str, str], date | None, str | None], Resolved]
HANDLERS: dict[str, Handler] = {}
handles = registrar(HANDLERS)


def _mod(g: dict[str, str]) -> str | None:
    if "pmod" in g:
        word = g["pmod"].lower().split()
        return POINT_MODS.get(word[1] if word[0] == "the" else word[0])
    if "qmod" in g:
        return QUANT_MODS.get(" ".join(g["qmod"].lower().split()))
    return None


def _month(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _day(word: str) -> int:
    return int(word.rstrip("stndrh"))


def _rel_sign(word: str | None) -> int | None:
    """-1 for last/past/previous, +1 for next/coming, 0 for this/current; None otherwise."""
    if word is None:
        return 0
    w = " ".join(word.lower().split()).removeprefix("the ").removeprefix("this ")
    if w in ("last", "past", "previous", "latest"):
        return -1
    if w in ("next", "coming", "following"):
        return 1
    if w in ("this", "current"):
        return 0
    return None


def _year_of(g: dict[str, str], key: str, yrel: str, dct: date | None) -> tuple[int | None, bool]:
    """An explicit year (absolute) or "this/last/next year" (relative); flag = relative."""
    if key in g:
        return int(g[key]), False
    if yrel in g and dct:
        return dct.year + (_rel_sign(g[yrel]) or 0), True
    return None, False
