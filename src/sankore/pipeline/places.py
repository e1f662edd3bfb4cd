"""The `sankore_places` component: toponyms with coordinates on `doc._.places`; the
nationality words linked to their country ("Russian troops", "Mexicans") and the place
names inside longer names (kind `embedded`: "Shreveport Police Department") on
`doc._.demonyms`, apart from the places where things are.

Finding and resolving live in `sankore.geo` (pure functions over the parse and the
gazetteer); this module wires them into spaCy: one `PlaceMention` per occurrence, spans in
boilerplate skipped, metonymy marked ("Moscow said"). The gazetteer is loaded once per
process and the English word lists once per component instance.
"""

from __future__ import annotations

from collections.abc import Mapping

from spacy.language import Language
from spacy.tokens import Doc

from ..geo.candidates import Candidate, find_candidates, prior_best
from ..geo.demonyms import DemonymMatch, find_demonyms
from ..geo.gazetteer import Gazetteer, GazPlace, load_gazetteer
from ..geo.lower_case import lower_case_candidates, lower_cased
from ..geo.metonymy import acts, is_metonymic, place_kind
from ..geo.names import name_key
from ..geo.nonplaces import unknown_word
from ..geo.outlets import OutletHome
from ..geo.priors import ap_state
from ..geo.resolve import (
    OUTLET,
    Context,
    Qualifier,
    add_home,
    add_namesakes,
    add_points,
    document_context,
    qualifier_of,
    resolve,
)
from ..geo.second_pass import merge, more_candidates
from ..mentions import PlaceMention
from ..resources import lexicons
from .extensions import in_boilerplate, register_extensions


def common_words(nlp: Language, pos: tuple[str, ...] = ("adj", "verb", "adv")) -> set[str]:
    """English words of the parts of speech `pos` from the model's lemmatizer tables.

    Adjectives, verbs and adverbs (the default) mark capitalized words that are usually not
    names ("Will", "Mobile", "Reading", "Nice"); nouns are left out there, since WordNet's
    noun list holds Paris and Niger too. All four tell a name's ordinary words ("Police
    Department") from a person's surname ("Nadia Moayyad").
    """
    words: set[str] = set()
    if "lemmatizer" not in nlp.pipe_names:
        return words
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return words
    table = lookups.get_table("lemma_index")
    for part in pos:
        words.update(w for w in table.get(part, []) if w.isalpha())
    return words


class PlaceRecognizer:
    def __init__(self, gazetteer: Gazetteer, lexicon: set[str], vocabulary: set[str]) -> None:
        self.gazetteer = gazetteer
        self.lexicon = lexicon
        self.vocabulary = vocabulary  # every English word the model's tables know

    def __call__(self, doc: Doc, outlet_homes: Mapping[str, OutletHome] | None = None) -> Doc:
        """Find and resolve `doc`'s places. `outlet_homes`: outlets' home areas learned from
        a corpus (`geo.outlets`), by the outlet's name as `doc._.outlet` gives it; passed per
        call (`nlp.pipe(..., component_cfg={"sankore_places": {"outlet_homes": ...}})`, as
        `analyze_many` does), never kept, so that one corpus's homes never reach another's
        documents through a shared pipeline."""
        # The outlet's home areas count as states the article names: a small town of them is
        # a place even where the NER called it a person or an organization (LGL, tuned on:
        # 78 more gold toponyms found for 22 more false ones).
        home = outlet_homes.get(doc._.outlet) if outlet_homes and doc._.outlet else None
        areas = frozenset(home.areas) if home is not None else frozenset()
        found = find_candidates(doc, self.gazetteer, self.lexicon, areas)
        if lower_cased(doc):  # no capitals to read: the words themselves (geo/lower_case.py)
            taken = {i for c in found for i in range(c.tok_start, c.tok_end)}
            found = sorted(found + lower_case_candidates(doc, self.gazetteer, self.lexicon,
                                                         self.vocabulary, taken),
                           key=lambda c: c.start)
        found = [c for c in found if not in_boilerplate(doc, c.start, c.end)]
        more = [c for c in more_candidates(doc, self.gazetteer, (self.lexicon, self.vocabulary),
                                           found, areas)
                if not in_boilerplate(doc, c.start, c.end)]
        candidates = [c for c in merge(found, more)
                      if not unknown_word(c.text, c.places, self.vocabulary, self.gazetteer)]
        # Names inside a longer name ("Shreveport Police Department") are resolved with the
        # others (they are context too) but kept off `doc._.places`, with the nationality
        # words: events, actors and the map read `places` as where things are.
        mentions = self.mentions(doc, candidates, home)
        doc._.places = [m for m in mentions if m.kind != "embedded"]
        taken = {i for c in candidates for i in range(c.tok_start, c.tok_end)}
        demonyms = (self.demonym(doc, m) for m in find_demonyms(doc, self.gazetteer, taken))
        others = [m for m in mentions if m.kind == "embedded"]
        others += [d for d in demonyms if not in_boilerplate(doc, d.start, d.end)]
        doc._.demonyms = sorted(others, key=lambda m: m.start)
        return doc

    @staticmethod
    def demonym(doc: Doc, match: DemonymMatch) -> PlaceMention:
        """"Russian troops", "Mexicans": the country's (or region's) point, never an actor."""
        span = doc[match.tok_start:match.tok_end]
        place = match.place
        return PlaceMention(
            start=span.start_char, end=span.end_char, text=span.text, name=place.name,
            country=place.country or None, lat=place.lat, lon=place.lon, geonameid=place.gid,
            feature=place.feature, confidence=0.7 if match.derived else 0.9, kind=match.kind)

    def mentions(self, doc: Doc, candidates: list[Candidate],
                 home: OutletHome | None = None) -> list[PlaceMention]:
        ctx = document_context(candidates)
        # The outlet's country is one more voice for its own country, as a place named in
        # the text would be: a BBC story's "Perth" leans to Scotland, not to Australia.
        if doc._.outlet and (country := lexicons.outlet_country(doc._.outlet)):
            ctx.countries.setdefault(country, set()).add(OUTLET)
        if home is not None:
            add_home(ctx, home)
        qualifiers = [self._qualifier(doc, c, candidates[i + 1:i + 2])
                      for i, c in enumerate(candidates)]
        # One sense per document: "Alexandria, Louisiana" once makes every bare
        # "Alexandria" of the article the Louisiana town.
        by_name: dict[str, Qualifier] = {}
        for cand, qualifier in zip(candidates, qualifiers, strict=True):
            if qualifier is not None:
                by_name.setdefault(name_key(cand.text), qualifier)
        qualifiers = [q or by_name.get(name_key(c.text)) for c, q in zip(candidates, qualifiers,
                                                                             strict=True)]
        # Two readings: the second weighs each namesake's distance to the towns the first
        # reading placed ("Paris" beside "Puryear" and "Henry County" is Paris, Tennessee).
        add_points(ctx, [(c, resolve(c, ctx, q)[0]) for c, q in zip(candidates, qualifiers,
                                                                      strict=True)])
        add_namesakes(ctx, candidates)
        # "Grantville, Pennsylvania" where the gazetteer knows no Grantville in that state (it
        # lists towns of 500 people and more): somewhere in the state the text names, at half
        # the confidence, not a namesake in another state; so too its bare mentions.
        stated: dict[str, GazPlace] = {}
        for i, (cand, qualifier) in enumerate(zip(candidates, qualifiers, strict=True)):
            if qualifier is not None and (area := self._stated_area(doc, cand, candidates[i + 1:i + 2],
                                                                    ctx, qualifier)):
                stated.setdefault(name_key(cand.text), area)
        out = []
        for cand, qualifier in zip(candidates, qualifiers, strict=True):
            span = doc[cand.tok_start:cand.tok_end]
            place, confidence = resolve(cand, ctx, qualifier)
            area = stated.get(name_key(cand.text))
            if area is not None and qualifier is not None and qualifier.matches(area) and \
                    place is not None and not qualifier.matches(place):
                place, confidence = area, round(confidence / 2, 2)
            if place is not None and not place.capital and acts(span):
                # "Washington said": a place that speaks is a seat of government, so a
                # capital of that name beats the state or the town.
                capital = next((p for p in cand.places if p.capital), None)
                place = capital or place
            feature = place.feature if place else None
            metonymy = is_metonymic(span, feature, bool(place and place.capital))
            out.append(PlaceMention(
                start=cand.start, end=cand.end, text=cand.text,
                name=place.name if place else None,
                country=(place.country or None) if place else None,
                lat=place.lat if place else None, lon=place.lon if place else None,
                geonameid=place.gid if place else None, feature=feature,
                confidence=confidence, metonymy=metonymy,
                kind=place_kind(span, metonymy, cand.embedded),
            ))
        return out

    def _stated_area(self, doc: Doc, cand: Candidate, following: list[Candidate], ctx: Context,
                     qualifier: Qualifier) -> GazPlace | None:
        """The state or country written right after `cand` (", Pennsylvania", ", Pa."), as the
        document reads it: "Sharon, Cornwall and Salisbury" lists towns, and Cornwall there is
        the Connecticut town, no qualifier."""
        i = cand.tok_end
        if i + 1 >= len(doc) or doc[i].text not in (",", "("):
            return None
        if following and following[0].tok_start == i + 1:
            area, _ = resolve(following[0], ctx)
        elif qualifier.admin1 and ap_state(doc[i + 1].text) == qualifier.admin1:
            area = self.gazetteer.admin1("USA", qualifier.admin1)
        else:
            return None
        if area is None or area.feature not in ("admin1", "country") or not qualifier.matches(area):
            return None
        # Not a list of states or countries ("Iraq, Afghanistan", "Indiana, Ill."): a name with
        # a reading of the area's own rank is not inside it.
        return None if any(p.feature == area.feature for p in cand.places) else area

    def _qualifier(self, doc: Doc, cand: Candidate, following: list[Candidate]) -> Qualifier | None:
        """A state or country right after ", " or " (" that narrows the name down."""
        i = cand.tok_end
        if i + 1 >= len(doc) or doc[i].text not in (",", "("):
            return None
        if following and following[0].tok_start == i + 1 and following[0].places:
            return qualifier_of(prior_best(following[0].places))
        code = ap_state(doc[i + 1].text) if doc[i].text == "," else None
        return qualifier_of(None, code) if code else None


@Language.factory("sankore_places", assigns=["doc._.places", "doc._.demonyms"])
def make_places(nlp: Language, name: str) -> PlaceRecognizer:
    register_extensions()
    return PlaceRecognizer(load_gazetteer(), common_words(nlp),
                           common_words(nlp, ("noun", "adj", "verb", "adv")))
