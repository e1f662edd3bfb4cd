"""Find time expressions in a text with regular expressions (TimeML span conventions).

TimeML keeps determiners and temporal modifiers inside a TIMEX3 ("the last twenty four
hours", "early April", "more than four hours") and leaves prepositions out ("in June" →
"June"). Each pattern below has a name that `normalize.resolve` dispatches on; a guard may
reject a match that the regular expression alone cannot tell from a non-time use
("May" the modal verb, "a second round", "the fall of the wall").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .guards import is_time

_MONTH_NAMES = (r"Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?"
                r"|Aug(?:ust|\.)?|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?"
                r"|Dec(?:ember|\.)?")
_WEEKDAY_NAMES = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
# Dotted abbreviations only: "Sun" and "Sat" without a dot are ordinary words.
_WEEKDAY_ABBR = r"Mon\.|Tues?\.|Wed\.|Thu(?:rs?)?\.|Fri\.|Sat\.|Sun\."
# Full names in lower case, for text that lost its capitals (wire copy archived lower-cased:
# "on monday", "on january 27"); the guards ask the ambiguous ones ("may", "march", "august")
# for a temporal cue.
_MONTH_LOWER = ("january|february|march|april|may|june|july|august|september|october|november"
                "|december")
_WEEKDAY_LOWER = _WEEKDAY_NAMES.lower()
# Month and weekday names are otherwise matched case-sensitively ((?-i:…)) inside otherwise
# case-insensitive patterns: "Sun", "Mar", "Jan" are far more often not dates. The
# all-capitals forms are added for headlines and datelines ("MONDAY, JAN. 5").
MONTH = rf"(?-i:{_MONTH_NAMES}|{_MONTH_NAMES.upper()}|{_MONTH_LOWER})(?![A-Za-z])"
WEEKDAY = rf"(?-i:{_WEEKDAY_NAMES}|{_WEEKDAY_NAMES.upper()}|{_WEEKDAY_ABBR}|{_WEEKDAY_LOWER})"
DAY = r"(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)"
# A hyphen may precede a year ("mid-1996", "post-1959") but not after a digit ("1990-1996").
YEAR = r"(?<![\d$£€.,:/])(?<!\d-)(?:1[5-9]\d\d|20\d\d)(?![\d%]|,\d|\.\d)"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS_W = "one|two|three|four|five|six|seven|eight|nine"
NUM = (rf"(?:\d+(?:,\d{{3}})*(?:\.\d+)?(?:\s+\d/\d)?|(?:{_TENS})(?:[\s-](?:{_UNITS_W}))?"
       rf"|{_UNITS_W}|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
       r"|eighteen|nineteen|(?:a|one)\s+hundred|hundred|a\s+couple\s+of|a\s+dozen"
       r"|a\s+few|few|several|many|a|an)")
UNIT = (r"(?:centur(?:y|ies)|(?:second|minute|hour|day|week|month|quarter|year|decade"
        r"|weekend)s?)")
POINT_MOD = (r"(?P<pmod>early|earlier|mid|late|later|the\s+(?:beginning|start|middle|end)"
             r"\s+of(?:\s+the)?)")
QUANT_MOD = (r"(?P<qmod>more\s+than|less\s+than|no\s+more\s+than|at\s+least|at\s+most|up\s+to"
             r"|nearly|almost|about|around|roughly|approximately|over|under|some)")
POD = r"(?P<pod>morning|afternoon|evening|night)"
REL = (r"(?P<rel>this|last|next|the\s+past|the\s+last|the\s+previous|the\s+coming"
       r"|the\s+following|past|the\s+current|current|the\s+same|that|the\s+next|the\s+latest"
       r"|the\s+preceding"
       r"|the\s+most\s+recent)")
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
# Years read aloud (broadcast transcripts): "nineteen ninety-eight", "the year two thousand".
SPOKEN_YEAR = (rf"(?:(?:nineteen|eighteen|twenty)[\s-]+(?:(?:{_TENS})(?:[\s-](?:{_UNITS_W}))?|{_TEENS}"
               rf"|hundred|oh[\s-](?:{_UNITS_W}))|two\s+thousand(?:(?:\s+and)?[\s-](?:{_TEENS}"
               rf"|(?:twenty)(?:[\s-](?:{_UNITS_W}))?|{_UNITS_W}))?)")
HOLIDAY = (r"(?P<hol>thanksgiving(?:\s+day)?|election\s+day|labor\s+day|memorial\s+day"
           r"|martin\s+luther\s+king\s+(?:jr\.\s+)?day|presidents['’]?\s+day|christmas(?:\s+(?:day|eve))?|new\s+year['’]s(?:\s+(?:day|eve))?"
           r"|independence\s+day|fourth\s+of\s+july|july\s+fourth|halloween|valentine['’]s\s+day"
           r"|boxing\s+day|veterans\s+day|armistice\s+day|bastille\s+day|may\s+day"
           r"|(?:st\.|saint)\s+patrick['’]s\s+day)")
SEASON = r"(?P<season>spring|summer|fall|autumn|winter)"
_END = r"(?![A-Za-z\d])"

PATTERNS: list[tuple[str, str]] = [
    ("date_mdy",
     rf"(?:(?P<wd>{WEEKDAY})\s*(?:,\s*|(?P<paren>\(\s*)|\s))?(?P<month>{MONTH})\s*(?P<day>{DAY})"
     rf"(?:\s*(?:-|–|to|through)\s*(?P<day2>{DAY}))?(?:,?\s*(?P<year>{YEAR}))?"
     r"(?(paren)\s*\))"),
    ("date_dmy",
     rf"(?<![\d,.])(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<day>{DAY})(?:\s*(?:-|–)\s*(?P<day2>{DAY}))?"
     rf"\s+(?:of\s+)?(?P<month>{MONTH})(?:,?\s+(?P<year>{YEAR}))?"),
    ("date_iso", r"(?<![\d-])(?P<year>(?:19|20)\d\d)-(?P<mm>0[1-9]|1[0-2])-(?P<dd>[0-2]\d|3[01])"
                 r"(?![\d-])"),
    ("date_slash", r"(?<![\d/])(?P<mm>0?[1-9]|1[0-2])/(?P<dd>[0-2]?\d|3[01])/"
                   r"(?P<year>(?:19|20)\d\d)(?![\d/])"),
    ("month_year",
     rf"(?:{POINT_MOD}[\s-]+)?(?P<month>{MONTH}),?\s+(?:of\s+)?(?:(?P<year>{YEAR})"
     rf"|(?P<yrel>this|last|next)\s+year|(?P<syear>{SPOKEN_YEAR}))"),
    ("month",
     rf"(?:(?P<rel>last|this|next|this\s+past|this\s+coming)\s+|{POINT_MOD}[\s-]+)?"
     rf"(?P<month>{MONTH})"),
    ("year_range",
     rf"(?:(?P<prep>between|from)\s+)?(?P<year>{YEAR})\s*(?P<sep>-|–|to|and|through|until)\s*"
     rf"(?P<year2>{YEAR}|\d\d(?!\d))"),
    ("year",
     rf"(?:{POINT_MOD}[\s-]+|(?P<fiscal>fiscal(?:\s+year)?)\s+|(?P<prefix>post|pre)-)?"
     rf"(?P<year>{YEAR})(?P<later>\s+or\s+later|\s+and\s+beyond)?"),
    ("decade",
     r"(?:the\s+)?(?:(?P<pmod>early|mid|late)[\s-]+)?(?:(?P<year>1[5-9]\d0|20\d0)'?s"
     r"|'(?P<yy>\d0)s)" + _END),
    ("decade_word",
     r"the\s+(?:(?P<pmod>early|mid|late)[\s-]+)?(?:(?P<cent>nineteen|eighteen)[\s-]+)?"
     r"(?P<tens>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)" + _END),
    ("century",
     r"(?:the\s+)?(?:(?P<pmod>early|mid|late)[\s-]+)?(?P<ord>\d{1,2})(?:st|nd|rd|th)[\s-]+"
     r"century"),
    ("quarter",
     rf"(?:the\s+)?(?:(?P<year>{YEAR})\s+|(?P<fin>(?:comparable\s+)?year-(?:earlier|ago))\s+"
     rf"|(?P<yrel2>last|next|this)\s+year['’]s\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)"
     rf"[\s-]+quarter(?:\s+of\s+(?:(?P<year2>{YEAR})|(?P<yrel>this|last|next)\s+year)"
     rf"|\s+(?P<year3>{YEAR}))?"),
    ("half",
     rf"(?:the\s+)?(?P<ord>first|second)\s+half(?:\s+of\s+(?:(?P<year>{YEAR})"
     r"|(?P<yrel>this|last|next|the)\s+year))?"),
    ("season",
     rf"(?:(?P<rel>last|this|next|the|early|late|the\s+early|the\s+late)\s+)?{SEASON}"
     rf"(?:\s+(?:of\s+)?(?P<year>{YEAR}))?" + _END),
    ("rel_unit",
     rf"(?:{POINT_MOD}[\s-]+(?:in\s+)?)?{REL}\s+(?:fiscal\s+)?(?P<unit>week|month|year|quarter"
     r"|weekend|decade|century|period|day|night|morning|afternoon|evening)" + _END),
    ("bare_unit",
     r"the\s+(?:(?P<fin>(?:comparable\s+)?year-(?:earlier|ago)|comparable|same|fiscal|full)\s+)?"
     r"(?P<unit>quarter|year|week|weekend|month|period)" + _END
     + r"(?=(?P<ended>\s+end(?:ed|ing)\b)|)"),
    ("fin_ref", r"(?P<fin>year-(?:earlier|ago))" + _END),
    ("year_period", rf"the\s+(?P<year>{YEAR})\s+(?:fiscal\s+)?(?P<unit>quarter|period)" + _END),
    ("spoken_year", rf"(?P<the>the\s+year\s+)?(?P<syear>{SPOKEN_YEAR})" + _END),
    ("holiday", rf"(?:(?P<rel>last|this|next)\s+)?{HOLIDAY}(?:,?\s+(?P<year>{YEAR}))?" + _END),
    ("clock_pod",
     rf"(?<![\d.:$])(?P<h>1[0-2]|0?[1-9]|{_UNITS_W}|ten|eleven|twelve)(?::(?P<m>[0-5]\d))?"
     r"(?:\s+o'clock)?\s+(?:in\s+the\s+(?P<pod>morning|afternoon|evening)|at\s+night)" + _END),
    ("rel_day",
     r"(?:(?P<pmod>early|earlier|late|later)\s+)?(?P<day>today|tonight|yesterday|tomorrow)"
     rf"(?:\s+{POD})?" + _END),
    ("this_pod", rf"(?:(?P<rel>this|last|tomorrow|yesterday)\s+){POD}|(?P<over>overnight)"),
    ("weekday",
     r"(?:(?P<pmod>early|earlier|late|later)\s+)?(?:(?P<rel>last|this|next|this\s+past"
     rf"|this\s+coming|past|coming)\s+)?(?P<wd>{WEEKDAY})(?P<pl>s)?"
     r"(?:\s+(?P<pod>morning|afternoon|evening|night)(?P<podpl>s)?)?" + _END),
    ("ago",
     rf"(?:{QUANT_MOD}\s+)?(?P<num>{NUM})[\s-]+(?P<unit>{UNIT})\s+"
     r"(?P<dir>ago|earlier|later|from\s+now|hence)" + _END),
    ("clock",
     r"(?<![\d.:$])(?P<h>1[0-2]|0?[1-9])(?::(?P<m>[0-5]\d))?\s*(?P<ampm>[ap]\.m\.|[ap]m(?![a-z]))"
     r"(?:\s+(?P<tz>[ECMP][SD]T|GMT|UTC)\b)?"
     rf"(?:,?\s+(?:on\s+)?(?:(?P<wd>{WEEKDAY})|(?P<rday>today|yesterday|tomorrow)"
     rf"|(?P<month>{MONTH})\s*(?P<day>{DAY})))?"),
    ("named_time",
     r"(?P<named>noon|midnight|midday)"
     rf"(?:,?\s+(?:on\s+)?(?:(?P<wd>{WEEKDAY})|(?P<rday>today|yesterday|tomorrow)))?" + _END),
    ("duration",
     rf"(?:{QUANT_MOD}\s+)?(?:(?P<det>the|another|those|these)\s+)?(?:(?P<adj>past|last|next"
     r"|first|coming|previous|final|remaining|additional|further|following|full|entire|whole"
     rf"|latest|initial)\s+)?(?P<num>{NUM})(?:\s+(?:more|additional|full|straight|consecutive))?"
     rf"[\s-]+(?:(?:trading|business|working|calendar|fiscal|school)\s+)?(?P<unit>{UNIT})"
     r"(?P<long>-long)?" + _END),
    ("vague_duration",
     r"(?:(?P<det>the)\s+)?(?P<adj>past|last|next|coming|recent|previous|following|several"
     r"|many|few|a\s+few|some|later|subsequent|earlier)?\s*(?P<unit>years|months|weeks|days"
     r"|decades|centuries|hours|minutes)" + _END),
    ("ref",
     r"(?P<ref>now|currently|current|presently|nowadays|recently|recent"
     r"|the\s+past|the\s+future|(?<=at\s)present|the\s+present)" + _END),
    ("set",
     r"(?:(?P<freq>once|twice|\w+\s+times)\s+)?(?P<q>every|each|per|a|an)\s+(?:(?P<num>other"
     rf"|\d+|{_UNITS_W})\s+)?(?P<unit>day|week|month|year|quarter|morning|night|evening"
     rf"|weekend|season|summer|winter|spring|fall|autumn|{WEEKDAY}|{MONTH})" + _END),
    ("set_adverb", r"(?P<adv>daily|weekly|monthly|yearly|annually|quarterly|hourly|nightly)"
                   + _END),
]


@dataclass(frozen=True)
class Candidate:
    """A recognized stretch of text, before normalization."""

    start: int
    end: int
    text: str
    kind: str  # the PATTERNS name that matched
    groups: dict[str, str] = field(default_factory=dict, compare=False)


class TimexRecognizer:
    """Compiles the patterns once; `find(text)` returns non-overlapping candidates."""

    def __init__(self, patterns: list[tuple[str, str]] | None = None,
                 guard: Callable[[str, re.Match[str], str], bool] = is_time) -> None:
        self._patterns = [(name, re.compile(r"(?<![\w'])" + rx + r"(?![\w-]|'(?!s\b)\w)",
                                            re.IGNORECASE))
                          for name, rx in (patterns or PATTERNS)]
        self._guard = guard

    def find(self, text: str) -> list[Candidate]:
        found: list[tuple[int, int, int, re.Match[str], str]] = []
        for priority, (name, rx) in enumerate(self._patterns):
            for m in rx.finditer(text):
                if m.end() > m.start() and self._guard(name, m, text):
                    found.append((m.start(), m.end(), priority, m, name))
        # Longest match first; between equal spans the earlier (more specific) pattern.
        found.sort(key=lambda f: (f[0] - f[1], f[2], f[0]))
        taken: list[tuple[int, int]] = []
        keep = []
        for start, end, _, m, name in found:
            if any(start < e and s < end for s, e in taken):
                continue
            taken.append((start, end))
            groups = {k: v for k, v in m.groupdict().items() if v is not None}
            keep.append(Candidate(start, end, text[start:end], name, groups))
        keep.sort(key=lambda c: c.start)
        return keep
