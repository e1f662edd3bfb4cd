"""Guards: a pattern's match that is not a time expression despite its surface.

One guard per pattern kind, registered with `@guards(kind)` as the normalizers are with
`base.handles(kind)` (one `base.registrar` makes both): a kind without a guard always
passes. A guard sees the match's groups, the word before it and the dozen characters
after it (`Context`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .base import registrar


@dataclass(frozen=True)
class Context:
    """What a guard reads of one match."""

    groups: dict[str, str]  # the match's named groups (None for a group that did not take part)
    before: str  # the word before the match, lower-cased, opening quotes stripped
    after: str  # the next 12 characters, lower-cased
    match: re.Match[str]
    text: str


Guard = Callable[[Context], bool]
GUARDS: dict[str, Guard] = {}
guards = registrar(GUARDS)


def is_time(kind: str, m: re.Match[str], text: str) -> bool:
    """False for a match that is not a time expression despite its surface."""
    guard = GUARDS.get(kind)
    if guard is None:
        return True
    return guard(Context(m.groupdict(), _preceding_word(text, m.start()),
                         text[m.end():m.end() + 12].lower(), m, text))


def _preceding_word(text: str, start: int) -> str:
    m = re.search(r"(\S+)\s*$", text[max(0, start - 30):start])
    return m.group(1).lower().strip("(\"'“") if m else ""


_MAY_CUES = {"in", "since", "until", "till", "by", "of", "early", "late", "mid", "last", "next",
             "this", "during", "from", "through", "before", "after"}

# Words before a bare year or holiday that make it a time ("in 1998", "by Christmas").
_YEAR_CUES = {"in", "by", "since", "until", "till", "before", "after", "on", "at", "over",
              "during", "from", "through", "of", "for"}


# Month names that are also common words in lower case ("an august body", "they may").
_LOWER_AMBIGUOUS = {"may", "march", "august"}


@guards("month")
def _month(c: Context) -> bool:
    g = c.groups
    if g["month"] in _LOWER_AMBIGUOUS:
        # Lower case, "this march" / "last march" are as often a protest: a preposition first.
        return c.before in _MAY_CUES - {"last", "next", "this"} and not g.get("rel") or bool(g.get("pmod"))
    if g["month"].title() in ("May", "March", "Mar", "Jan", "Jun", "Jul"):
        # "May" the modal, "March" the verb/noun: only with a temporal cue before it.
        return c.before in _MAY_CUES or bool(g.get("rel") or g.get("pmod"))
    return True


def _lower_month_with_day(c: Context) -> bool:
    """A lower-cased "may 5" / "5 march" is a date after a cue, an article or with its year
    ("on march 15", "the march 15 deadline"), not in "they may 5 …"."""
    g = c.groups
    if g["month"] not in _LOWER_AMBIGUOUS:
        return True
    return bool(g.get("year") or g.get("wd")) or c.before in _MAY_CUES | _YEAR_CUES | {"the", "a"}


guards("date_mdy")(_lower_month_with_day)
guards("date_dmy")(_lower_month_with_day)


@guards("duration")
def _duration(c: Context) -> bool:
    num = c.groups["num"].lower()
    unit = c.groups["unit"].lower()
    if num in ("a", "an") and unit == "second":
        return False  # "a second round"
    if unit.startswith("quarter") and c.after.startswith(" of"):
        return False  # "a quarter of the voters"
    if unit.startswith("quarter") and re.fullmatch(r"1[5-9]\d\d|20\d\d", num):
        return False  # "the 1988 quarter" is a date (`year_period`)
    if c.before in ("times", "twice", "once", "per") or (
            num in ("a", "an") and re.search(r"\d", c.before)):
        return False  # a frequency or a rate ("$40 a year"): the `set` pattern takes it
    return True


@guards("vague_duration")
def _vague_duration(c: Context) -> bool:
    if c.groups["adj"] or c.groups["det"]:
        return bool(c.groups["adj"])
    return c.before in ("for", "in", "over", "within", "take", "takes", "took", "taken")


@guards("set")
def _set(c: Context) -> bool:
    if c.groups["q"].lower() not in ("a", "an"):
        return True
    # "$5 a year", "twice a week", "three times a day": a rate, not a duration.
    start = c.match.start()
    return bool(c.groups["freq"]) or bool(re.search(r"[\d%]\S*$", c.text[max(0, start - 15):start].rstrip()))


@guards("season")
def _season(c: Context) -> bool:
    g = c.groups
    if not (g["rel"] or g["year"]):
        return False
    if g["season"].lower() == "fall" and not g["year"]:
        # "the fall of the government", "a fall in prices"
        return g["rel"].lower() not in ("the",) and not c.after.startswith(" of")
    return True


@guards("ref")
def _ref(c: Context) -> bool:
    if c.groups["ref"].lower() != "current":
        return True
    return not c.after.lstrip().startswith(("account", "affairs", "event", "flow", "assets", "liabilit"))


@guards("year_range")
def _year_range(c: Context) -> bool:
    g = c.groups
    sep, prep = g["sep"].lower(), (g["prep"] or "").lower()
    if prep == "between" and sep != "and":
        return False
    if sep == "and" and prep != "between":
        return False
    if len(g["year2"]) == 2:
        return sep in ("-", "–")
    return int(g["year2"]) > int(g["year"])


@guards("rel_unit")
def _rel_unit(c: Context) -> bool:
    g = c.groups
    if g["unit"].lower() in ("day", "night", "morning", "afternoon", "evening"):
        # "the next day", "that night"; "last night"/"this morning" belong to `this_pod`,
        # and "the last day" is no point in time.
        rel = " ".join(g["rel"].lower().split())
        return rel in ("that", "the same", "the following", "the next", "the previous",
                       "the preceding") and not c.after.startswith(("'s", " of"))
    if g["rel"].lower() in ("that", "current", "past") and not g["pmod"]:
        return c.before not in ("of", "by")
    return True


@guards("weekday")
def _weekday(c: Context) -> bool:
    if c.groups["wd"].endswith(".") and not c.groups["rel"]:
        return c.before in _YEAR_CUES  # "on Tue." but not "The Sun."
    return True


@guards("spoken_year")
def _spoken_year(c: Context) -> bool:
    g = c.groups
    if g["the"]:
        return True
    closed = re.match(r"\s*(?:[,.;:)!?'\"]|$)", c.after) is not None
    if g["syear"].lower().startswith("two"):  # "two thousand people"
        return closed and c.before in _YEAR_CUES
    return closed or c.before in _YEAR_CUES or c.before in ("a", "the")


@guards("holiday")
def _holiday(c: Context) -> bool:
    g = c.groups
    if not g["hol"][:1].isupper():
        return False
    bare = g["hol"].lower().split()[0] in ("christmas", "halloween", "independence",
                                           "thanksgiving", "labor", "memorial") or \
        g["hol"].lower().replace("’", "'") == "new year's"
    return not bare or bool(g["rel"] or g["year"]) or c.before in _YEAR_CUES


@guards("clock_pod")
def _clock_pod(c: Context) -> bool:
    return c.groups["h"][:1].isdigit() or c.before in _YEAR_CUES | {"at", "about", "around"}


# A year that ends the title of a statute or a code names it, no time: "the Terrorism Act
# 2006", "the Data Protection Regulations 2018" (the title's word is capitalized).
_TITLED = re.compile(r"\b(?:Act|Acts|Regulations|Rules|Order|Bill|Code|Ordinance|Statute)\s+$")


@guards("year")
def _year(c: Context) -> bool:
    if c.groups.get("fiscal") or c.groups.get("prefix"):
        return True
    return _TITLED.search(c.text[max(0, c.match.start() - 16):c.match.start()]) is None
