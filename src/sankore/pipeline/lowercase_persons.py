"""Persons in lower-cased text: "home minister l k advani", then "advani".

Some news dumps are written all in lower case (the Times of India copy of IndiaPoliceEvents):
the statistical NER finds almost no person there, and the events stage then finds no one
to code ("home minister l k advani on monday defended …"). In such a text a title of
resources/data/roles.tsv followed by a run of name-like words is a person, whose code is
the country before the title ("russian foreign minister …") or the document's home country,
with the title's sector. A later mention of the surname alone ("advani said") is the same
person (in any text: the NER tags a bare surname inconsistently), keyed as
`ActorRecognizer._person` keys persons, so the records merge them into one entity.
The dictionary's matches in such text need one check of their own: a state body's common
name read in lower case ("congress") names that body only at home (`foreign_institution`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable

from spacy.tokens import Doc, Span

from ..mentions import ActorMention
from ..spans import Overlaps, overlaps, overlaps_in_order
from .generic_actors import home_country

_MAX_TITLE = 4
_MAX_NAME = 4
# Parts of speech a name's word may be given in lower-cased text (names are tagged as
# nouns, adjectives or proper nouns there); anything else ends the name.
_NAME_POS = {"PROPN", "NOUN", "ADJ", "X"}
# An office's "of" phrase before an apposed name ("president of the ram temple trust, …"):
# the prepositions that open it and the most words it holds up to the comma.
_TITLE_PREPS = {"of", "in", "for"}
_MAX_OF_PHRASE = 8
# Dependencies of a noun phrase's head: a word in one is a name even when tagged as a verb.
_NOMINAL_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "appos", "poss", "dative", "attr"}
# A surname must be this long to be matched alone ("shah" yes, "ali" no).
_MIN_SURNAME = 4
# Share of capitalized words under which a text counts as lower-cased (as `spans.is_lowercased`),
# and the fewest words that decide it.
LOWERCASE_SHARE = 0.03
_MIN_WORDS = 20


def lowercased_text(doc: Doc) -> bool:
    """A text written (nearly) all in lower case, counting only its copy's words: not those in
    boilerplate ("Facebook Twitter Linkedin Mail" under the story) nor one-letter tokens of
    mis-decoded text ("Â"), which otherwise push lower-cased wire copy over the threshold."""
    spans = list(doc._.boilerplate)
    words = [t for t in doc if t.is_alpha and len(t) > 1
             and not any(t.idx < e and s < t.idx + len(t) for s, e in spans)]
    if len(words) < _MIN_WORDS:
        return False
    return sum(t.text[0].isupper() for t in words) / len(words) < LOWERCASE_SHARE


def foreign_institution(doc: Doc, text: str, kind: str, country: str | None, names: Collection[str]) -> bool:
    """A state body's name matched only in lower case ("congress") in a document at home in
    another country: in Indian copy "the state congress" is the party, not the US Congress.
    Written with its capital ("Congress"), the name keeps its row."""
    if kind != "government" or not country or text in names:
        return False
    home = home_country(doc, [])
    return home is not None and home != country


def _name_after(doc: Doc, i: int, stop: set[str]) -> Span | None:
    """The run of name-like words starting at token `i` ("l k advani", "narendra modi")."""
    j = i
    while j < len(doc) and j - i < _MAX_NAME:
        t = doc[j]
        if not t.is_alpha or t.is_stop or t.pos_ not in _NAME_POS or t.lower_ in stop:
            break
        j += 1
    if j == i or len(doc[j - 1].text) < 3:
        return None
    return doc[i:j]


def _name_in_apposition(doc: Doc, i: int, stop: set[str]) -> Span | None:
    """The name set off by a comma after a title's own "of" phrase: "general secretary of the
    state congress, shaktisinh gohil, has …", "minister of state for home, ch vidyasagar rao".
    Two words at least, and followed by what ends a noun phrase (punctuation, a verb, a stop
    word), so that a longer common phrase after the comma is not read as a name."""
    if i >= len(doc) or doc[i].lower_ not in _TITLE_PREPS:
        return None
    for j in range(i + 1, min(i + 1 + _MAX_OF_PHRASE, len(doc))):
        if doc[j].text == ",":
            name = _name_after(doc, j + 1, stop)
            if name is None or len(name) < 2:
                return None
            after = doc[name.end] if name.end < len(doc) else None
            ends = after is None or after.is_punct or after.is_stop or after.pos_ in ("VERB", "AUX")
            return name if ends else None
        if doc[j].is_punct and doc[j].text not in "()&-'":
            return None
    return None


def titled_persons(doc: Doc, roles: dict[str, str], taken: list[tuple[int, int]], stop: set[str],
                   country_before: Callable[[Doc, int], str | None], home: str | None
                   ) -> list[ActorMention]:
    """Persons named after a title in a lower-cased text (`stop`: words no name holds, the
    sector nouns and titles; `country_before(doc, i)`: a country named just before token i)."""
    out: list[ActorMention] = []
    i = 0
    while i < len(doc):
        title = next((doc[i:i + w] for w in range(_MAX_TITLE, 0, -1)
                      if i + w <= len(doc) and doc[i:i + w].text.lower() in roles), None)
        if title is None:
            i += 1
            continue
        name = _name_after(doc, title.end, stop) or _name_in_apposition(doc, title.end, stop)
        # A one-word "name" after a one-word title is as often a common noun ("general
        # bandobast", "speaker system"): a person needs two words or a longer title.
        short = name is not None and len(name) == 1 and (len(title) == 1 or title[-1].pos_ == "ADJ")
        if name is None or short or overlaps(name.start_char, name.end_char, taken):
            i = title.end
            continue
        role = title.text.lower()
        country = country_before(doc, title.start) or home
        sector = roles[role]
        code = "IGO" if sector == "IGO" else f"{country} {sector}" if country else None
        out.append(ActorMention(name.start_char, name.end_char, name.text, f"person:{name[-1].lower_}",
                                "person", name.text, code, country, role))
        i = name.end
    return out


def surname_mentions(doc: Doc, persons: Iterable[ActorMention], taken: list[tuple[int, int]],
                     lowercased: bool) -> list[ActorMention]:
    """Later mentions of a named person's surname alone, with that person's key and code
    (capitalized, unless the whole text is lower-cased)."""
    by_surname: dict[str, ActorMention] = {}
    for p in sorted(persons, key=lambda m: m.start):
        if p.kind == "person" and p.key.startswith("person:") and " " in p.text.strip():
            surname = p.key.split(":", 1)[1]
            if len(surname) >= _MIN_SURNAME and surname.isalpha():
                by_surname.setdefault(surname, p)
    out: list[ActorMention] = []
    claimed = Overlaps([(start, end, True) for start, end in taken])  # bisected, not read per word
    added: list[tuple[int, int]] = []
    for tok in doc:
        first = by_surname.get(tok.lower_)
        if first is None or tok.idx < first.end or tok.is_stop:
            continue
        # A verb is no name, but in lower-cased text the tagger reads many surnames as verbs
        # ("that modi had agreed": VERB, nsubj); there the parse's role decides.
        if tok.pos_ in ("VERB", "AUX", "ADP") and not (lowercased and tok.dep_ in _NOMINAL_DEPS):
            continue
        if not lowercased and not tok.text[0].isupper():
            continue
        end = tok.idx + len(tok.text)
        if claimed.touches((tok.idx, end)) or overlaps_in_order(tok.idx, end, added):
            continue
        out.append(ActorMention(tok.idx, end, tok.text, first.key, "person", tok.text, first.code,
                                first.country, first.role))
        added.append((tok.idx, end))
    taken.extend(added)
    return out
