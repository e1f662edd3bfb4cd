"""The `sankore_actors` component: states, IGOs, bodies, armed groups, outlets, communities
and persons.

Dictionary actors (resources/data/countries.tsv, organizations.tsv, groups.tsv) are found with a
phrase matcher, so they do not depend on the statistical NER, which the small English
model gets wrong on African names (it tags "Niger", "Mali" and "Burkina Faso" as persons).
A country followed by a sector noun ("French troops", "Malian authorities") becomes that
country's sector (FRA MIL, MLI GOV). Persons come from the NER, minus anything the places
component or the dictionaries claim, with role and country read from their title
("Russian Foreign Minister Sergey Lavrov", "Niger's foreign minister, Bakari Yaou Sangare").
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..mentions import ActorMention
from ..resources import lexicons
from ..spans import Overlaps, entity_at, overlaps, trim_entity
from .composites import office_after, sector_after
from .extensions import in_boilerplate, register_extensions
from .generic_actors import armed_communities, generic_mentions, home_country, sector_organizations
from .lowercase_persons import foreign_institution, lowercased_text, surname_mentions, titled_persons
from .seats import party_to_relation

SECTOR_NAMES = {"GOV": "government", "MIL": "military", "COP": "police", "REB": "rebels",
                "OPP": "opposition", "LEG": "legislature", "JUD": "judiciary",
                "SPY": "intelligence services", "MED": "media", "BUS": "business",
                "CVL": "civilians", "AGR": "farmers", "EDU": "education", "LAB": "labour",
                "REF": "refugees"}
# NER labels whose longer spans swallow a country name that is not a mention of the state
# ("Chad Johnson", "Bank of America").
_SWALLOWING = {"PERSON", "ORG", "FAC", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW"}
_MAX_TITLE_TOKENS = 5
# "Opposition groups in Zimbabwe", "students throughout Indonesia": a sector located in a
# country is that country's, for the sectors whose members are its own people. Troops,
# refugees, journalists or diplomats "in" a country are as often foreign ("Russian troops
# in Syria", "Syrian refugees in Lebanon"): only "from" gives their country. Of the government
# words only the plain ones: "the Nazi regime in Ukraine" describes, it does not name a
# government (the actors test set codes it as the state).
_LOCATING = {"in", "throughout", "across"}
_LOCAL_SECTORS = {"OPP", "REB", "CVL", "EDU", "LAB", "AGR", "BUS", "COP", "LEG", "JUD"}
_LOCAL_GOV = {"government", "authorities", "officials"}


class ActorRecognizer:
    def __init__(self, nlp: Language, persons: bool = True, organizations: bool = True) -> None:
        register_extensions()
        self.persons = persons
        self.organizations = organizations
        self.actors = {f"C:{k}": a for k, a in lexicons.countries().items()}
        self.actors.update({f"O:{k}": a for k, a in lexicons.organizations().items()})
        self.actors.update({f"G:{k}": a for k, a in lexicons.groups().items()})
        self.country_names = {n: a.country for a in lexicons.countries().values() for n in a.names}
        self.capitals = lexicons.capitals()
        self.sectors = lexicons.sectors()
        self.standalone = lexicons.standalone_sectors()
        self.roles = lexicons.roles()
        self._name_stop = set(self.sectors) | {w for r in self.roles for w in r.split()}
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.people = {f"P:{k}": p for k, p in lexicons.persons().items()}
        for label, person in self.people.items():
            self.exact.add(label, [nlp.make_doc(n) for n in person.names])
            self.lower.add(label, [nlp.make_doc(n) for n in person.names if " " in n or len(n) >= 7])
        for label, actor in self.actors.items():
            names = [n for n in actor.names if n]
            self.exact.add(label, [nlp.make_doc(n) for n in names])
            # Lower-cased text ("the all-india babri masjid committee"): only names that
            # cannot be a common word once lower-cased (no acronyms, no short names).
            self.lower.add(label, [nlp.make_doc(n) for n in names
                                   if len(n) >= 5 and not n.isupper() and " " in n or len(n) >= 7])

    def __call__(self, doc: Doc) -> Doc:
        doc._.actors = self.find(doc)
        return doc

    # -- finding -------------------------------------------------------------------
    def find(self, doc: Doc) -> list[ActorMention]:
        claimed = [(p.start, p.end) for p in doc._.places if not p.metonymy]
        matches = self._dictionary_matches(doc)
        matched = {i for m in matches for i in range(m.start, m.end)}  # tokens of dictionary names
        mentions: list[ActorMention] = []
        taken: list[tuple[int, int]] = []
        sector_of: dict[int, tuple[str, str]] = {}
        for span in matches:
            if in_boilerplate(doc, span.start_char, span.end_char):
                continue
            if span.label_.startswith("P:"):
                if len(span) == 1 and self._swallowed(doc, span, matched, {"PERSON"}):
                    continue  # "Blair" in "Blair Hornstine": another person
                mentions.append(self._known_person(doc, span))
                taken.append((span.start_char, span.end_char))
                continue
            actor = self.actors[span.label_]
            if foreign_institution(doc, span.text, actor.kind, actor.country, actor.names):
                continue
            if span.label_.startswith("G:") and self._swallowed(doc, span, matched):
                continue  # "Muslim Brotherhood", "Kurdish People's Protection Units": a name
            if span.label_.startswith("O:") and self._swallowed(doc, span, matched, {"PERSON"}):
                continue  # "Fatah" in "Abdel Fatah al-Sisi"
            if span.label_.startswith("C:"):
                office = office_after(doc, span.end, self.roles)
                if office and not office[2]:  # "the Turkish president"; not "Turkish President X"
                    mentions.append(self._office(doc[span.start:office[0]], actor, office[1]))
                    taken.append((mentions[-1].start, mentions[-1].end))
                    continue
                composite = None if office else (self._sector_after(doc, span)
                                                 or self._sector_before(doc, span))
                if composite is None and (located := self._sector_located(doc, span)) \
                        and not overlaps(located[0].start_char, located[0].end_char, taken):
                    composite = located
                if composite:
                    c_span, sector, kind = composite
                    sector_of[span.start] = (sector, kind)
                    mentions.append(self._composite(c_span, actor, sector, kind))
                    taken.append((c_span.start_char, c_span.end_char))
                    continue
                if self._swallowed(doc, span, matched):
                    continue
            mentions.append(ActorMention(
                span.start_char, span.end_char, span.text, actor.key, actor.kind, actor.name,
                actor.code, actor.country))
            taken.append((span.start_char, span.end_char))
        mentions = self._coordinate_sectors(doc, matches, mentions, sector_of)
        mentions.extend(self._hyphen_prefixes(doc, taken))
        mentions.extend(self._metonyms(doc, taken))
        taken.extend((m.start, m.end) for m in mentions)
        if self.persons or self.organizations:
            mentions.extend(self._named_entities(doc, taken + claimed))
        if self.persons:
            mentions.extend(self._lowercase_persons(doc, mentions, claimed))
        mentions = armed_communities(doc, sector_organizations(doc, mentions, self.standalone), self.sectors,
                                     lexicons.groups())
        # Unnamed actors last: a sector word inside a name or a composite is already taken.
        taken = [(m.start, m.end) for m in mentions] + claimed
        mentions.extend(generic_mentions(doc, mentions, taken, self.standalone, lexicons.patient_sectors()))
        return sorted(mentions, key=lambda m: (m.start, m.end))

    def _lowercase_persons(self, doc: Doc, mentions: list[ActorMention], claimed: list[tuple[int, int]]
                           ) -> list[ActorMention]:
        """Titled persons in lower-cased text, and later bare surnames (`lowercase_persons`)."""
        taken = [(m.start, m.end) for m in mentions] + claimed
        lowercased = lowercased_text(doc)
        found = titled_persons(doc, self.roles, taken, self._name_stop, self._country_ending_at,
                               home_country(doc, mentions)) if lowercased else []
        taken += [(m.start, m.end) for m in found]
        return found + surname_mentions(doc, mentions + found, taken, lowercased)

    def _dictionary_matches(self, doc: Doc) -> list[Span]:
        spans = self.exact(doc, as_spans=True)
        if lowercased_text(doc):
            spans += self.lower(doc, as_spans=True)
        return sorted(filter_spans(spans), key=lambda s: s.start)

    def _swallowed(self, doc: Doc, span: Span, matched: set[int], labels: set[str] = _SWALLOWING
                   ) -> bool:
        """Inside a longer name ("Chad Johnson"), unless that "name" is only a list of
        dictionary actors ("Mali, Burkina Faso" tagged ORG by the small model)."""
        # Entities never overlap, so the only one that can hold the span is the one its first
        # token is part of.
        ent = entity_at(doc, span.start)
        ent = (trim_entity(ent) or ent) if ent is not None else None  # no dateline run into it
        if ent is None or not (ent.label_ in labels and span.end <= ent.end
                               and ent.end - ent.start > span.end - span.start):
            return False
        rest = [t for t in ent if t.i not in matched]
        return any(not (t.is_punct or t.pos_ == "CCONJ" or t.lower_ == "the") for t in rest)

    def _sector_after(self, doc: Doc, span: Span) -> tuple[Span, str, str] | None:
        """"French troops", "U.S. military forces", "Niger's government"."""
        found = sector_after(doc, span.end, self.sectors)
        return (doc[span.start:found[0]], found[1], found[2]) if found else None

    def _sector_before(self, doc: Doc, span: Span) -> tuple[Span, str, str] | None:
        """"the government of Niger", "the armed forces of Mali"."""
        i = span.start - 1
        if i > 0 and doc[i].lower_ == "the":
            i -= 1
        if i < 1 or doc[i].lower_ != "of":
            return None
        for width in (2, 1):
            if i - width >= 0:
                phrase = doc[i - width:i].text.lower()
                if phrase in self.sectors:
                    sector, kind = self.sectors[phrase]
                    return doc[i - width:span.end], sector, kind
        return None

    def _sector_located(self, doc: Doc, span: Span) -> tuple[Span, str, str] | None:
        """"opposition groups in Zimbabwe", "rebels in the Ivory Coast", "refugees from Syria"."""
        i = span.start - 1
        if i > 0 and doc[i].lower_ == "the":
            i -= 1
        if i < 1 or doc[i].lower_ not in _LOCATING | {"from"}:
            return None
        for width in (2, 1):
            if i - width < 0:
                continue
            phrase = doc[i - width:i].text.lower()
            if phrase not in self.sectors or doc[i - 1].pos_ not in ("NOUN", "PROPN"):
                continue
            sector, kind = self.sectors[phrase]
            if doc[i].lower_ == "from" or sector in _LOCAL_SECTORS or phrase in _LOCAL_GOV:
                return doc[i - width:span.end], sector, kind
            return None
        return None

    def _composite(self, span: Span, actor: lexicons.Actor, sector: str, kind: str
                   ) -> ActorMention:
        code = f"{actor.code} {sector}"
        return ActorMention(span.start_char, span.end_char, span.text, code, kind,
                            f"{actor.name} {SECTOR_NAMES.get(sector, sector.lower())}", code,
                            actor.country)

    def _office(self, span: Span, actor: lexicons.Actor, title: str) -> ActorMention:
        code = f"{actor.code} {self.roles[title]}"
        return ActorMention(span.start_char, span.end_char, span.text, f"office:{actor.code}:{title}",
                            "person", f"{actor.name} {title}", code, actor.country, title)

    def _coordinate_sectors(self, doc: Doc, matches: list[Span], mentions: list[ActorMention],
                            sector_of: dict[int, tuple[str, str]]) -> list[ActorMention]:
        """"French and U.S. military forces": the sector of the last conjunct applies to all."""
        out = list(mentions)
        countries = [s for s in matches if s.label_.startswith("C:")]
        for left, right in zip(countries, countries[1:], strict=False):
            between = doc[left.end:right.start].text.strip().lower()
            if left.start in sector_of or right.start not in sector_of or between not in (
                    "and", "or"):
                continue
            sector, kind = sector_of[right.start]
            actor = self.actors[left.label_]
            out = [m for m in out if not (m.start == left.start_char and m.end == left.end_char)]
            out.append(self._composite(left, actor, sector, kind))
        return out

    def _hyphen_prefixes(self, doc: Doc, taken: list[tuple[int, int]]) -> list[ActorMention]:
        """"U.S.-backed", "Iranian-led": the tokenizer keeps these whole, the state is in them."""
        out = []
        for token in doc:
            if "-" not in token.text[1:-1] or overlaps(token.idx, token.idx + len(token), taken):
                continue
            prefix = token.text.rsplit("-", 1)[0]
            iso3 = self.country_names.get(prefix)
            if iso3 is None or in_boilerplate(doc, token.idx, token.idx + len(prefix)):
                continue
            actor = lexicons.countries()[iso3]
            out.append(ActorMention(token.idx, token.idx + len(prefix), prefix, actor.key, "state",
                                    actor.name, actor.code, actor.country))
        return out

    def _metonyms(self, doc: Doc, taken: list[tuple[int, int]]) -> list[ActorMention]:
        """A metonymic place ("Moscow said") or a party to a relation (`seats`) is a government."""
        countries = lexicons.countries()
        capitals = lexicons.capitals()
        out = []
        for place in doc._.places:
            if not (place.metonymy or party_to_relation(doc, place)) or \
                    overlaps(place.start, place.end, taken):
                continue
            actor = countries.get(place.country)
            if actor is None:
                continue
            if place.feature == "country":
                out.append(ActorMention(place.start, place.end, place.text, actor.key, "state",
                                        actor.name, actor.code, actor.country))
            elif capitals.get(place.name or "") == place.country:
                code = f"{actor.code} GOV"
                out.append(ActorMention(place.start, place.end, place.text, code, "government",
                                        f"{actor.name} government", code, actor.country))
        return out

    # -- persons and other organizations from the NER --------------------------------
    def _named_entities(self, doc: Doc, taken: list[tuple[int, int]]) -> list[ActorMention]:
        out: list[ActorMention] = []
        surnames: dict[str, ActorMention] = {}
        claimed = Overlaps([(start, end, True) for start, end in taken])  # bisected per entity
        for ent in doc.ents:
            span = trim_entity(ent)
            if span is None or claimed.touches((span.start_char, span.end_char)):
                continue
            if span.text in self.country_names or span.text in self.capitals:
                continue  # a place the NER took for a person ("Niamey", "Kyiv")
            if in_boilerplate(doc, span.start_char, span.end_char):
                continue
            if doc._.author and span.text == doc._.author and self.persons:
                out.append(ActorMention(span.start_char, span.end_char, span.text,
                                        f"person:{span[-1].lower_}", "person", span.text, role="author"))
            elif span.label_ == "PERSON" and self.persons:
                mention = self._person(doc, span)
                out.append(mention)
                surnames.setdefault(mention.key, mention)
            elif span.label_ in ("ORG", "PERSON", "GPE") and span.text.lower() in {
                    k.split(":", 1)[1] for k in surnames}:
                # The small model tags a bare surname ("Lavrov") as ORG once the full name
                # has been seen: it is the same person.
                first = surnames[f"person:{span.text.lower()}"]
                out.append(ActorMention(span.start_char, span.end_char, span.text, first.key,
                                        "person", span.text))
            elif span.label_ == "ORG" and self.organizations:
                name = span.text[4:] if span.text.lower().startswith("the ") else span.text
                out.append(ActorMention(span.start_char, span.end_char, span.text,
                                        f"org:{name.lower()}", "organization", name))
        return out

    def _known_person(self, doc: Doc, span: Span) -> ActorMention:
        """A leader from persons.tsv: the text's own title wins over the list's."""
        person = self.people[span.label_]
        role, country = self._title_before(doc, span) or self._title_after(doc, span) or (None, None)
        return ActorMention(span.start_char, span.end_char, span.text,
                            f"person:{person.name.split()[-1].lower()}", "person", person.name,
                            person.code, country or person.country, role or person.role)

    def _person(self, doc: Doc, span: Span) -> ActorMention:
        role, country = self._title_before(doc, span) or self._title_after(doc, span) or (None, None)
        if role and country is None and span.end + 1 < len(doc) and doc[span.end].lower_ == "of":
            # "King Hassan of Morocco", "President Kabila of the Congo"
            after_of = span.end + 2 if doc[span.end + 1].lower_ == "the" else span.end + 1
            if found := self._country_starting_at(doc, after_of):
                country = found[0]
        code = None
        if country and role:
            code = f"{country} {self.roles[role]}" if self.roles[role] != "IGO" else "IGO"
        surname = span[-1].text.lower()
        return ActorMention(span.start_char, span.end_char, span.text, f"person:{surname}",
                            "person", span.text, code, country, role)

    def _title_before(self, doc: Doc, span: Span) -> tuple[str, str | None] | None:
        end = span.start
        if end > 0 and doc[end - 1].text == ",":  # apposition: "Niger's foreign minister, X"
            end -= 1
        for start in range(max(0, end - _MAX_TITLE_TOKENS), end):
            phrase = doc[start:end].text.lower()
            if phrase in self.roles:
                return phrase, self._country_ending_at(doc, start)
        return None

    def _title_after(self, doc: Doc, span: Span) -> tuple[str, str | None] | None:
        """"Sergei Lavrov, Russia's foreign minister", "X, the crown prince of Saudi Arabia"."""
        i = span.end
        if i >= len(doc) or doc[i].text != ",":
            return None
        i += 1
        if i < len(doc) and doc[i].lower_ == "the":
            i += 1
        country = None
        if found := self._country_starting_at(doc, i):
            country, i = found
            if i < len(doc) and doc[i].text in ("'s", "’s"):
                i += 1
        while i < len(doc) and doc[i].pos_ == "ADJ" and doc[i].is_lower and doc[i].lower_ not in self.roles:
            i += 1  # "Syria's embattled president"
        for end in range(min(len(doc), i + _MAX_TITLE_TOKENS), i, -1):
            phrase = doc[i:end].text.lower()
            if phrase in self.roles:
                if country is None and end + 1 < len(doc) and doc[end].lower_ == "of":
                    after_of = end + 2 if doc[end + 1].lower_ == "the" else end + 1
                    if found := self._country_starting_at(doc, after_of):
                        country = found[0]
                return phrase, country
        return None

    def _country_starting_at(self, doc: Doc, index: int) -> tuple[str, int] | None:
        for end in range(min(len(doc), index + 4), index, -1):
            if (iso3 := self.country_names.get(doc[index:end].text)) is not None:
                return iso3, end
        return None

    def _country_ending_at(self, doc: Doc, index: int) -> str | None:
        """The country named just before token `index` ("Russian [Foreign Minister]")."""
        end = index
        if end > 0 and doc[end - 1].text in ("'s", "’s"):
            end -= 1
        for start in range(max(0, end - 4), end):
            if (iso3 := self.country_names.get(doc[start:end].text)) is not None:
                return iso3
        # "Syria's Russian- and Iranian-backed president": skip the modifiers back to a
        # possessive country, at most six tokens away.
        for j in range(index - 1, max(0, index - 7), -1):
            if doc[j].text in ("'s", "’s"):
                for start in range(max(0, j - 4), j):
                    if (iso3 := self.country_names.get(doc[start:j].text)) is not None:
                        return iso3
                return None
            if doc[j].pos_ not in ("ADJ", "ADV", "CCONJ", "PUNCT", "PROPN", "VERB") or doc[j].is_sent_start:
                return None
        return None


@Language.factory(
    "sankore_actors",
    assigns=["doc._.actors"],
    requires=["doc.ents", "token.pos"],
    default_config={"persons": True, "organizations": True},
)
def make_actors(nlp: Language, name: str, persons: bool, organizations: bool) -> ActorRecognizer:
    return ActorRecognizer(nlp, persons=persons, organizations=organizations)
