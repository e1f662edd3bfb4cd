"""Unnamed actors: "police", "security forces", "the protesters", "a mob", "militants".

News names most perpetrators and victims of violence and repression by their sector, not by
name: "police opened fire on the mob", "protesters blocked the highway". PLOVER and CAMEO code
them with the sector (COP, MIL, REB, CVL, …) and the country the context gives ("IND COP");
without them the events stage finds no one to code and drops the event (a blind reading of
40 wire articles found nine with no event at all for this reason, issue 17).

A sector noun (resources/data/sectors.tsv, rows marked `alone`; or a member noun after one:
"opposition members", "police officials") that heads a noun phrase with
no country of its own becomes an entity keyed by its code and its words: every "police" of
one article is one entity, "the mob" and "the protesters" are two. Its country, in order:
1. the country of a place named in the same sentence (the police "in Naroda" are India's),
   for the sectors whose members are local (police, civilians, rebels, opposition…);
   then the country of the last composite of the same sector named in the three sentences
   before ("US troops … the soldiers");
2. the document's home country: the country of its dateline ("ahmedabad:", "HANOI (AP) —"),
   else the country that holds at least half of the document's resolved place and state
   mentions, or twice as many as any other country;
3. none: the code is the sector alone ("COP"), as CAMEO codes an actor of unknown country.
Pure functions over the parsed `Doc`; the actors component calls `generic_mentions`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable

from spacy.tokens import Doc, Span, Token

from ..mentions import ActorMention, PlaceMention
from ..resources.lexicons import capitals
from ..spans import Overlaps, overlaps_in_order
from .composites import sector_after
from .extensions import in_boilerplate

# Sectors whose members are the people of the place where they act; troops, envoys or
# refugees named beside a place are as often foreign ("Russian troops in Syria").
LOCAL_SECTORS = {"COP", "CVL", "REB", "OPP", "EDU", "LAB", "AGR", "BUS", "JUD", "LEG", "GOV", "REF", "MED"}
# The key prefix that marks an unnamed actor's mentions (the events stage reads it).
UNNAMED = "X:"
# The key prefix of an unnamed group named only as those an act was done to ("40 persons were
# arrested", "killed three people"): never an event's actor (`events/roles.py`), since "people"
# as a subject is mostly description ("many people want …"). It starts with UNNAMED.
PATIENT = UNNAMED + "patient:"
# A country holding this share of a document's place and state mentions is its home country.
HOME_SHARE = 0.5
PLURALITY = 2.0
# An unnamed "troops" continues the last "US troops" named this many sentences before it.
RECENT_SENTENCES = 3
# Characters from the start of the text in which a dateline is looked for.
DATELINE_CHARS = 160


# A dateline: a place name opening a line, maybe a region or country after a comma, then a
# colon, an agency in brackets or a dash ("ahmedabad:", "HANOI, Vietnam (AP) —", "KABUL -").
# Read from the text, not from the places stage: lower-cased wire copy ("gandhinagar: …")
# gives the statistical NER nothing to find.
_DATELINE = re.compile(r"^[ \t]*([A-Za-z][A-Za-z .'-]{1,40}?)(?:,[ \t]*([A-Za-z][A-Za-z .]{1,30}?))?"
                       r"[ \t]*(?::|\([A-Za-z ]{2,20}\)|—|–|-{1,2}[ \t])", re.MULTILINE)


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """The dateline-shaped prefixes near the text's start ("HANOI, Vietnam (AP) —"): what they
    name is where the story was filed, never a participant of its events."""
    return [(m.start(1), m.end()) for m in _DATELINE.finditer(text[:DATELINE_CHARS])]


def dateline_country(doc: Doc) -> str | None:
    """The country of a dateline near the text's start, looked up in the gazetteer."""
    from ..geo.candidates import prior_best
    from ..geo.gazetteer import load_gazetteer

    for m in _DATELINE.finditer(doc.text[:DATELINE_CHARS]):
        if in_boilerplate(doc, m.start(1), m.end(1)):
            continue
        gaz = load_gazetteer()
        for name in filter(None, (m.group(2), m.group(1))):
            best = prior_best(gaz.lookup(name.strip()))
            if best is not None and best.country and best.population + (best.feature != "city") > 0:
                return best.country
    return None


def home_country(doc: Doc, named: Iterable[ActorMention]) -> str | None:
    """The dateline's country, else the country of at least half the place and state mentions
    (`named`: the document's named actors)."""
    if country := dateline_country(doc):
        return country
    counts: Counter[str] = Counter(p.country for p in doc._.places if p.country and not p.metonymy)
    counts.update(a.country for a in named if a.kind == "state" and a.country)
    if not counts:
        return None
    (country, n), *rest = counts.most_common(2)
    # A majority, or a clear plurality: twice the next country's mentions.
    if n / sum(counts.values()) >= HOME_SHARE or n >= PLURALITY * (rest[0][1] if rest else 0):
        return country
    return None


def _sentence_country(places: Overlaps, sent: Span) -> str | None:
    """The one country of the sentence's literal places (`places`: the document's, indexed
    by start): not a modifier ("U.S. military forces"), which names whose forces they are,
    not where the sentence happens."""
    countries = {p.country for p in places.starting(sent.start_char, sent.end_char)
                 if p.country and not p.metonymy and p.kind == "literal"}
    return countries.pop() if len(countries) == 1 else None


# Nouns of action whose compound modifier is their agent ("police firing", "army operation");
# before any other noun a sector word only describes ("police station", "army chief").
ACTION_NOUNS = {"firing", "fire", "action", "attack", "attacks", "raid", "raids", "crackdown", "operation",
                "operations", "shelling", "offensive", "assault", "excesses", "brutality", "violence",
                "atrocities", "custody", "lathi-charge", "charge", "repression", "clampdown", "strike",
                "strikes", "protest", "protests", "demonstration", "march", "agitation",
                # and of the weapons they fire: "killed by police bullets", "army shells"
                "bullet", "bullets", "gunfire", "shots", "shells", "lathis", "batons"}


# Nouns for the members of a group, whose compound modifier names the group's sector:
# "opposition members", "police officials", "army officers", "rebel fighters"; and the
# group nouns themselves, "rebel groups", "opposition groupings", "militant cells", which
# otherwise named no actor at all (the modifier alone is no phrase: "police station").
MEMBER_NOUNS = {"members", "member", "leaders", "leader", "officials", "officers", "officer", "workers",
                "activists", "supporters", "cadres", "personnel", "commanders", "spokesman", "spokesperson",
                "group", "groups", "grouping", "groupings", "faction", "factions", "cell", "cells",
                "outfit", "outfits"}


def _phrase(doc: Doc, tok: Token, words: dict[str, tuple[str, str]]) -> tuple[Span, str] | None:
    """The sector phrase ending at `tok` ("riot police", "security forces", "police",
    "opposition members") with the words that name its sector, or None when `tok` does not
    head a noun phrase (a compound modifier: "police station")."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return None
    if tok.dep_ == "compound" and tok.head.pos_ in ("NOUN", "PROPN") and \
            tok.head.lower_ not in ACTION_NOUNS | MEMBER_NOUNS:
        return None
    if tok.dep_ == "amod" and tok.head.lower_ in MEMBER_NOUNS:
        return None  # "military officers": the member noun heads the phrase
    member = tok.lower_ in MEMBER_NOUNS and tok.i > 0 and doc[tok.i - 1].dep_ in ("compound", "amod")
    for end in (tok.i, tok.i + 1) if member else (tok.i + 1,):
        for width in (3, 2, 1):
            start = end - width
            if start >= 0 and doc[start:end].text.lower() in words:
                return doc[start:tok.i + 1], doc[start:end].text.lower()
    return None


def _recent_sectors(named: Overlaps, start: int, end: int) -> dict[str, list[tuple[int, str]]]:
    """Sector → [(offset, country)] of the named composites ("US troops", "Iraqi police")
    between `start` and `end` (`named`: the named mentions, indexed by start)."""
    out: dict[str, list[tuple[int, str]]] = {}
    for m in named.starting(start, end):
        if m.country and m.code and m.code.count(" ") == 1 and m.kind != "person":
            out.setdefault(m.code.split()[1], []).append((m.start, m.country))
    return out


def _last_before(found: list[tuple[int, str]], offset: int) -> str | None:
    """The country of the last of `found` before `offset`: "US troops … the soldiers"."""
    before = [c for at, c in found if at < offset]
    return before[-1] if before else None


def _affiliation(tok: Token, by_start: dict[int, ActorMention]) -> ActorMention | None:
    """The coded actor a sector noun's "from"/"of" phrase names ("officials from the AES",
    "soldiers of Chad", "the police of Gujarat state" is a place, not an actor): whose members
    they are, before any country the sentence or the document gives."""
    for prep in tok.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("from", "of"):
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            for t in obj.subtree:
                if (m := by_start.get(t.idx)) is not None:
                    return m
    return None


def generic_mentions(doc: Doc, named: list[ActorMention], taken: Iterable[tuple[int, int]],
                     words: dict[str, tuple[str, str]], patients: Collection[str] = ()) -> list[ActorMention]:
    """Mentions of sector nouns that stand alone (`words`: phrase → (sector, kind)) outside the
    spans `taken` by named actors (`named`), places and composites ("French troops");
    `patients`: those of `words` that name only whom an act was done to."""
    claimed = Overlaps([(start, end, True) for start, end in taken])  # bisected, not read per word
    added: list[tuple[int, int]] = []  # what this pass takes, in text order
    home = home_country(doc, named)
    # Indexed by start: each sentence reads its own places and the named mentions of the few
    # sentences before it, not the document's (per sentence, that made long texts quadratic).
    places = Overlaps([(p.start, p.end, p) for p in doc._.places])
    named_at = Overlaps([(m.start, m.end, m) for m in named])
    by_start = {m.start: m for m in named if m.code}
    out: list[ActorMention] = []
    starts = [sent.start_char for sent in doc.sents]
    for n, sent in enumerate(doc.sents):
        local = _sentence_country(places, sent)
        recent = _recent_sectors(named_at, starts[max(0, n - RECENT_SENTENCES)], sent.end_char)
        for tok in sent:
            found = _phrase(doc, tok, words)
            if found is None or in_boilerplate(doc, found[0].start_char, found[0].end_char):
                continue
            span = found[0]
            if claimed.touches((span.start_char, span.end_char)) or \
                    overlaps_in_order(span.start_char, span.end_char, added):
                continue
            sector, kind = words[found[1]]
            owner = _affiliation(tok, by_start)
            if owner is not None and not owner.country:  # "officials from the AES": the body's
                country, code = None, owner.code or sector
            else:
                country = (owner.country if owner is not None else None) or \
                    (local if sector in LOCAL_SECTORS and local else None) or \
                    _last_before(recent.get(sector, []), span.start_char) or home
                code = f"{country} {sector}" if country else sector
            # One entity per group the text names: every "police" of an article is one, but
            # "the mob" and "the protesters" of the same country are two.
            name = " ".join(t.lemma_.lower() for t in span)
            key = f"{PATIENT if found[1] in patients else UNNAMED}{code}:{name}"
            out.append(ActorMention(span.start_char, span.end_char, span.text, key, kind, name, code,
                                    country))
            added.append((span.start_char, span.end_char))
    return out


# Words that make a body with a sector name transnational ("the European Parliament", "the
# International Criminal Court"), not a country's.
_TRANSNATIONAL = {"international", "european", "world", "united", "global", "african", "arab", "asian",
                  "commonwealth", "inter-american", "islamic"}


def sector_organizations(doc: Doc, mentions: list[ActorMention], words: dict[str, tuple[str, str]]
                         ) -> list[ActorMention]:
    """`mentions` with each uncoded organization the NER found whose last word is a sector
    noun ("the Gujarat government", "Punjab Police") coded as that sector, of the country of
    its sentence's place (local sectors) or of the document's home country."""
    if not any(m.key.startswith("org:") and m.code is None for m in mentions):
        return mentions
    home = home_country(doc, mentions)
    places = Overlaps([(p.start, p.end, p) for p in doc._.places])
    out = []
    for m in mentions:
        names = m.text.lower().split()
        if not m.key.startswith("org:") or m.code is not None or not names or names[-1] not in words \
                or _TRANSNATIONAL & set(names):
            out.append(m)
            continue
        sector, kind = words[names[-1]]
        sent = doc.char_span(m.start, m.end, alignment_mode="expand")
        local = _sentence_country(places, sent.sent) if sent is not None and sector in LOCAL_SECTORS else None
        country = local or home
        code = f"{country} {sector}" if country else sector
        out.append(ActorMention(m.start, m.end, m.text, m.key, kind, m.name, code, country))
    return out


# The armed nouns that make a community's fighters a party of their own: "Kurdish forces",
# "Tuareg rebels", "Fulani militias". A community is no state, so its armed men are a non-state
# armed group of the country they fight in (CAMEO/PLOVER REB: the news gold set codes
# "Kurdish forces", "Kurdish militias", "Kurdish groups" in Syria as SYR REB).
ARMED_SECTORS = {"MIL", "REB"}


def armed_communities(doc: Doc, mentions: list[ActorMention], words: dict[str, tuple[str, str]],
                      communities: Collection[str]) -> list[ActorMention]:
    """`mentions` with each ethnic or religious community (`communities`: their keys) that
    an armed sector noun follows ("Kurdish forces", `words`: noun → (sector, kind)) made one
    armed-group mention over both, coded REB of the community's own country, else of where
    the towns and regions of its sentence lie, else of the document's (`_places_country`):
    not of the states a story names ("Turkey", "the US" are named in every story of fighting
    in Syria)."""
    places: Overlaps[PlaceMention] | None = None  # built at the first community, once
    home: str | None = None
    out = []
    for m in mentions:
        span = doc.char_span(m.start, m.end) if m.key in communities and m.code is None else None
        found = sector_after(doc, span.end, words) if span is not None else None
        if span is None or found is None or found[1] not in ARMED_SECTORS:
            out.append(m)
            continue
        if places is None:
            places = Overlaps([(p.start, p.end, p) for p in doc._.places])
            home = _places_country(list(doc._.places))
        country = m.country or _places_country(places.starting(span.sent.start_char, span.sent.end_char)) \
            or home
        code = f"{country} REB" if country else "REB"
        phrase = doc[span.start:found[0]]
        name = " ".join(t.lemma_.lower() for t in phrase)
        out.append(ActorMention(phrase.start_char, phrase.end_char, phrase.text, f"{UNNAMED}{code}:{name}",
                                "armed_group", name, code, country))
    return out


def _places_country(places: list[PlaceMention]) -> str | None:
    """The country most of the towns and regions among `places` (a sentence's or a document's)
    lie in, when it has more than any other: not countries or capitals, which name the states
    that act ("the US, allied to Kurdish forces", "Ankara said") as often as where anything
    happens."""
    capital = capitals()
    counts = Counter(p.country for p in places if p.country and p.kind == "literal"
                     and p.feature != "country" and (p.name or p.text) not in capital).most_common(2)
    return counts[0][0] if counts and (len(counts) == 1 or counts[0][1] > counts[1][1]) else None
