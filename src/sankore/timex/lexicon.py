"""Words that make up English time expressions, with the TIMEX3 codes they map to.

Kept as Python tables (not a data file) because the regular expressions in `recognize`
are built from them and both must change together.
"""

from __future__ import annotations

MONTHS: dict[str, int] = {}
for _i, _name in enumerate(
    "january february march april may june july august september october november december".split(),
    start=1,
):
    MONTHS[_name] = _i
    MONTHS[_name[:3]] = _i
MONTHS["sept"] = 9

WEEKDAYS = {
    name: i
    for i, name in enumerate(
        "monday tuesday wednesday thursday friday saturday sunday".split(), start=1
    )
}

# Abbreviations, read with their dot ("Tue.", "Thurs."): without one, "Sun" and "Sat" are words.
for _name, _i in list(WEEKDAYS.items()):
    for _abbr in {_name[:3], _name[:4], _name[:5]}:
        WEEKDAYS.setdefault(_abbr + ".", _i)

# Holidays on a fixed calendar day (movable feasts such as Easter are left out: their date
# needs a computus per year and they are rarely used as bare time references in news).
HOLIDAYS = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
    "new year's day": (1, 1), "new year's eve": (12, 31), "new year's": (1, 1),
    "independence day": (7, 4), "fourth of july": (7, 4), "july fourth": (7, 4),
    "halloween": (10, 31), "valentine's day": (2, 14), "boxing day": (12, 26),
    "veterans day": (11, 11), "armistice day": (11, 11), "bastille day": (7, 14),
    "may day": (5, 1), "st. patrick's day": (3, 17), "saint patrick's day": (3, 17),
}

# Holidays on the n-th weekday of a month (n = -1: the last): (month, ISO weekday, n).
# US federal ones, since most English-language wire copy that names them is American.
NTH_WEEKDAY_HOLIDAYS = {
    "thanksgiving": (11, 4, 4), "thanksgiving day": (11, 4, 4), "labor day": (9, 1, 1),
    "memorial day": (5, 1, -1), "martin luther king day": (1, 1, 3),
    "martin luther king jr. day": (1, 1, 3), "presidents day": (2, 1, 3),
    "presidents' day": (2, 1, 3),
    # Election Day: the Tuesday after the first Monday of November, i.e. the first Tuesday
    # from November 2 on; computed in `anchored` from this anchor.
    "election day": (11, 2, 0),
}

# TIMEX3 season codes (TimeML 1.2.1 guidelines, section on seasons).
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_ORDER = ["WI", "SP", "SU", "FA"]
# Meteorological months of each season: decides which season "this summer" falls in.
SEASON_OF_MONTH = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP",
                   6: "SU", 7: "SU", 8: "SU", 9: "FA", 10: "FA", 11: "FA"}

PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
                "overnight": "NI", "tonight": "NI"}

UNITS = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "month": "M",
    "quarter": "Q", "year": "Y", "decade": "DE", "century": "CE", "weekend": "WE",
}
TIME_UNITS = {"second", "minute", "hour"}

NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "thousand": 1000, "a couple of": 2, "a couple": 2, "couple of": 2, "half a": 0.5,
    "a dozen": 12, "dozen": 12,
}
# Quantities without a number: TIMEX3 writes them with X ("PXY").
VAGUE_QUANTITIES = {"a few", "few", "several", "many", "some", "the next few", "a number of"}

ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": 4,
            "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}

SET_ADVERBS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y",
               "annually": "P1Y", "quarterly": "P1Q", "hourly": "PT1H", "nightly": "P1D"}

# Words that put a relative expression before or after the anchor.
PAST_WORDS = {"last", "past", "previous", "preceding", "ago", "earlier", "before", "prior"}
FUTURE_WORDS = {"next", "coming", "following", "later", "hence", "ahead", "from now"}

# Span-initial modifiers TimeML keeps inside the TIMEX3, and the mod they set.
POINT_MODS = {"early": "START", "earlier": "START", "beginning": "START", "start": "START",
              "mid": "MID", "middle": "MID", "late": "END", "end": "END"}
QUANT_MODS = {"more than": "MORE_THAN", "over": "MORE_THAN", "less than": "LESS_THAN",
              "under": "LESS_THAN", "nearly": "APPROX", "almost": "APPROX",
              "about": "APPROX", "around": "APPROX", "roughly": "APPROX",
              "approximately": "APPROX", "some": "APPROX", "at least": "EQUAL_OR_MORE",
              "no more than": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS",
              "at most": "EQUAL_OR_LESS"}


def number_value(text: str) -> float | None:
    """'twenty four' → 24, '5 1/2' → 5.5, '1,000' → 1000; None for vague words ('several')."""
    t = text.lower().replace("-", " ").replace(",", "").strip()
    if t in VAGUE_QUANTITIES:
        return None
    if t in NUMBERS:
        return NUMBERS[t]
    total = 0.0
    for part in t.split():
        if part in ("and",):
            continue
        if "/" in part:
            num, _, den = part.partition("/")
            if num.isdigit() and den.isdigit() and int(den):
                total += int(num) / int(den)
                continue
            return None
        try:
            total += float(part)
            continue
        except ValueError:
            pass
        if part == "hundred":
            total = (total or 1) * 100
        elif part == "thousand":
            total = (total or 1) * 1000
        elif part in NUMBERS:
            total += NUMBERS[part]
        else:
            return None
    return total


_SPOKEN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
                "seventy": 70, "eighty": 80, "ninety": 90}
_SPOKEN_SMALL = {w: n for w, n in NUMBERS.items() if isinstance(n, int) and n < 20
                 and " " not in w and w not in ("a", "an", "dozen")}


def spoken_year(text: str) -> int | None:
    """'nineteen ninety-eight' → 1998, 'the year two thousand' → 2000, 'two thousand and
    one' → 2001, 'nineteen oh five' → 1905; None when the words are not a year."""
    words = text.lower().replace("-", " ").split()
    if words[:2] == ["the", "year"]:
        words = words[2:]
    words = [w for w in words if w != "and"]
    if words[:2] == ["two", "thousand"]:
        rest = words[2:]
        century = 2000
    elif words and words[0] in ("nineteen", "eighteen", "twenty") and len(words) > 1:
        century = _SPOKEN_SMALL.get(words[0], _SPOKEN_TENS.get(words[0], 0)) * 100
        rest = words[1:]
        if rest == ["hundred"]:
            return century
        if rest[:1] == ["oh"]:
            rest = rest[1:]
            if len(rest) != 1 or _SPOKEN_SMALL.get(rest[0], 10) >= 10:
                return None
    else:
        return None
    n = 0
    for w in rest:
        if w in _SPOKEN_TENS and n == 0:
            n = _SPOKEN_TENS[w]
        elif w in _SPOKEN_SMALL and n % 10 == 0 and (n == 0 or _SPOKEN_SMALL[w] < 10):
            n += _SPOKEN_SMALL[w]
        else:
            return None
    if century != 2000 and not rest:
        return None
    return century + n if n < 100 else None
