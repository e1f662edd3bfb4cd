"""The trigger lexicon (resources/data/plover_triggers.tsv) and its matching on a parsed sentence.

A verb entry is indexed by its first lemma ("call for", "sign agreement"), a noun entry by
its last ("air strike", "bombing operation"), the English head of the phrase. The other
lemmas must be found next to the head in the parse: a particle, a preposition, an object
or a compound; an entry may ask for an object of a kind instead of a lemma (`@place`,
`@person`: "capture @place" is a battle, "hold @person" an arrest). Among the entries that
match one token, the most specific win (most lemmas); several types may remain ("strike":
ASSAULT or PROTEST) for the classifier to choose from.

A sentence in which this hand-written lexicon finds no trigger is matched against a second
one, resources/data/cameo_verbs.tsv, built from PETRARCH's CAMEO verb dictionary
(`build_cameo_verbs.py`): its entries are weaker, and its NONE entries ("abandon plan") say
that CAMEO codes no event there.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Span, Token

from ..mentions import ActorMention
from ..resources import lexicons
from .lookups import index_of
from .phrases import RELATIVE

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "REQUEST",
                "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
# Dependents whose lemmas complete a phrase ("call for", "hold talks", "carried out attacks").
_NEAR_DEPS = {"prt", "prep", "dobj", "nsubjpass", "attr", "compound", "amod", "dative", "acomp",
              "advmod", "oprd"}
# An entry's "@place" stands for an object that is a place: "captured the town", "Raqqa was
# retaken" name a battle (ASSAULT, as the news gold codes it), "captured two fighters" an arrest.
PLACE_OBJECT = "@place"
# Common nouns for ground taken or held in a war; a named place is known by its entity type.
TERRITORY = {"town", "city", "village", "stronghold", "base", "airbase", "airport", "territory", "area",
             "district", "province", "region", "capital", "hill", "hilltop", "crossing", "border",
             "neighbourhood", "neighborhood", "suburb", "outpost", "port", "bastion", "enclave", "pocket",
             "oilfield", "dam", "valley", "island", "camp", "garrison", "checkpoint"}
_PLACE_ENTITIES = ("GPE", "LOC", "FAC")
# An entry's "@person" stands for an object that is a person or people ("50 persons were held",
# "he was picked up"): the custody senses of verbs that take goods and meetings too.
PERSON_OBJECT = "@person"
_PERSONAL = {"he", "she", "they", "him", "her", "them", "we", "us"}
_PARTITIVES = {"part", "parts", "most", "much", "half", "rest", "some", "all", "many", "several", "dozens",
               "hundreds", "thousands", "section", "portion", "control"}


@dataclass(frozen=True)
class Entry:
    pos: str  # "V" or "N"
    words: tuple[str, ...]
    type: str
    mode: str | None
    cameo: str
    weight: float

    @property
    def head(self) -> str:
        return self.words[0] if self.pos == "V" else self.words[-1]


@dataclass(frozen=True)
class Match:
    """The entries of equal specificity that one token matches."""

    token: Token
    entries: tuple[Entry, ...]

    @property
    def types(self) -> dict[str, Entry]:
        """The best entry for each type this token can name."""
        best: dict[str, Entry] = {}
        for e in self.entries:
            if e.type not in best or e.weight > best[e.type].weight:
                best[e.type] = e
        return best


PRIMARY = "plover_triggers.tsv"
SECONDARY = "cameo_verbs.tsv"


@lru_cache(maxsize=1)
def entries() -> dict[tuple[str, str], tuple[Entry, ...]]:
    """(pos, head lemma) -> entries, read once from the packaged TSV."""
    text = resources.files("sankore.resources").joinpath(f"data/{PRIMARY}").read_text("utf-8")
    index: dict[tuple[str, str], list[Entry]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith(("#", "pos\t")):
            continue
        pos, phrase, type_, mode, cameo, weight = line.split("\t")
        entry = Entry(pos, tuple(phrase.split()), type_, None if mode == "-" else mode, cameo, float(weight))
        index.setdefault((pos, entry.head), []).append(entry)
    return {k: tuple(v) for k, v in index.items()}


@lru_cache(maxsize=1)
def _cameo() -> tuple[dict[str, tuple[str, ...]], dict[str, list[Entry]],
                      dict[str, list[tuple[int, tuple[str, ...]]]], list[list[Entry]]]:
    """The second lexicon, as grouped in its file: synonym sets, each verb's defaults, each
    verb's groups, each group's patterns (words after the verb, without it)."""
    text = resources.files("sankore.resources").joinpath(f"data/{SECONDARY}").read_text("utf-8")
    sets: dict[str, tuple[str, ...]] = {}
    defaults: dict[str, list[Entry]] = {}
    groups: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
    patterns: list[list[Entry]] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith(("#", "kind\t")):
            continue
        kind, words, type_, mode, cameo, weight = line.split("\t")
        if kind == "S":
            sets[words] = tuple(type_.split())
        elif kind == "G":
            patterns.append([])
            for verb in words.split("|"):
                groups.setdefault(verb.split()[0], []).append((len(patterns) - 1, tuple(verb.split())))
        else:
            entry = Entry("V", tuple(words.split()), type_, None if mode == "-" else mode, cameo,
                          float(weight))
            if kind == "V":
                defaults.setdefault(entry.words[0], []).append(entry)
            else:
                patterns[-1].append(entry)
    return sets, defaults, groups, patterns


@lru_cache(maxsize=4096)
def cameo_entries(verb: str) -> tuple[Entry, ...]:
    """The second lexicon's entries headed by `verb`: its defaults and its groups' patterns,
    a synonym set ("&currency") standing for each of its words."""
    sets, defaults, groups, patterns = _cameo()
    out = list(defaults.get(verb, ()))
    for g, words in groups.get(verb, ()):
        for p in patterns[g]:
            variants: list[tuple[str, ...]] = [()]
            for w in p.words:
                options = sets.get(w[1:], ()) if w.startswith("&") else (w,)
                variants = [v + (o,) for v in variants for o in options]
            out.extend(Entry("V", (*words, *v), p.type, p.mode, p.cameo, p.weight) for v in variants)
    return tuple(out)


def _lookup(source: str, pos: str, key: str) -> tuple[Entry, ...]:
    if source == PRIMARY:
        return entries().get((pos, key), ())
    return cameo_entries(key) if pos == "V" else ()


def _near_lemmas(tok: Token, forms: bool = False) -> set[str]:
    """Lemmas next to `tok` that may complete a phrase: its dependents, their objects and
    compounds, and, for a noun, the word it modifies (with `forms`, the words as written
    too: the second lexicon's patterns are written as the dictionary wrote them)."""
    near = set()
    for child in tok.children:
        # "called for the council to act": the parser hangs "for" on the clause it opens.
        if child.dep_ in ("ccomp", "advcl") and any(g.dep_ == "mark" and g.lower_ == "for"
                                                    for g in child.children):
            near.add("for")
        if child.dep_ in ("ccomp", "xcomp") and child.pos_ == "ADJ":
            near.add(child.lemma_.lower())  # "held the government responsible": a small clause
        if child.dep_ not in _NEAR_DEPS or dated(child):
            continue
        near.add(child.lemma_.lower())
        if forms:
            near.add(child.lower_)
        for grand in child.children:
            # "pleaded not guilty": the negation sits on the complement and belongs to the phrase.
            if grand.dep_ in ("pobj", "compound", "amod", "prt", "dobj") or \
                    grand.dep_ == "neg" and child.dep_ in ("acomp", "oprd"):
                near.add(grand.lemma_.lower())
                if forms:
                    near.add(grand.lower_)
    if tok.dep_ == "compound":
        near.add(tok.head.lemma_.lower())
    objects = [o for c in _objects_of(tok) for o in _object_heads(_antecedent(c))]
    near.update(o.lemma_.lower() for o in objects)  # "the base which was closed": "close base"
    # A reduced relative's noun is its object for ground taken ("areas taken by government
    # forces"), not for people, whom it describes ("children held in the camp … were seen").
    reduced = _object_heads(tok.head) if tok.dep_ == "acl" and tok.tag_ == "VBN" else []
    if any(_place(c) for c in objects + reduced):
        near.add(PLACE_OBJECT)
    if any(_person(c) for c in objects):
        near.add(PERSON_OBJECT)
    return near


def _objects_of(tok: Token) -> list[Token]:
    """The verb's object or passive subject; for a passive infinitive with no subject of its
    own, its governor's subject ("four men are known to be held in facilities")."""
    own = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    if own or tok.dep_ != "xcomp" or not any(c.dep_ == "auxpass" for c in tok.children):
        return own
    return [c for c in tok.head.children if c.dep_ in ("nsubjpass", "nsubj")]


def _place(tok: Token) -> bool:
    """A place by its entity type, a territory noun, or the places stage's literal reading
    (which reads the whole document: "Raqqa" typed ORG in one sentence is a town in another)."""
    if tok.ent_type_ in _PLACE_ENTITIES or tok.lemma_.lower() in TERRITORY:
        return True
    places = index_of(tok.doc).places.every((tok.idx, tok.idx + 1))
    return any(p.kind in ("literal", "metonymic") for p in places)


def _antecedent(obj: Token) -> Token:
    """A relative pronoun's noun: in "Raqqa, which was captured by Kurdish forces" and "two
    men who were picked up by the police" the verb's object is the noun the clause hangs on."""
    verb = obj.head
    if obj.lower_ in RELATIVE and verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return verb.head
    return obj


def _object_heads(obj: Token) -> list[Token]:
    """An object and, when it names a share of something ("part of a guerrilla stronghold",
    "some of the fighters"), what it is a share of."""
    if obj.lemma_.lower() not in _PARTITIVES:
        return [obj]
    return [obj, *(g for p in obj.children if p.dep_ == "prep" and p.lower_ == "of"
                   for g in p.children if g.dep_ == "pobj")]


def _person(tok: Token) -> bool:
    """A person or people: a name, a personal pronoun, or an actor the actors stage read as a
    person or as unnamed people ("persons", "workers", "activists", "soldiers")."""
    # Here, not at the top: importing the pipeline package first imports the events coder,
    # which imports this module (tests/test_architecture.py imports every module first).
    from ..pipeline.generic_actors import UNNAMED

    if tok.ent_type_ == "PERSON" or tok.lower_ in _PERSONAL:
        return True
    # An office names its holder ("the president was picked up by the police"), as does a noun
    # beside a person's name in apposition ("the municipality's president, Kalota").
    if tok.lemma_.lower() in lexicons.roles() or any(c.dep_ == "appos" and _person(c) for c in tok.children):
        return True
    # The document's actors by position (`lookups`): reading them all per word made a long
    # document quadratic (tests/test_hardening_pipeline.py).
    # Unnamed soldiers, fighters or militants are people too ("captured 30 soldiers"); a named
    # group ("captured Isis") is not.
    return any(a.kind == "person" or a.key.startswith(UNNAMED) or _civilians(a)
               for a in index_of(tok.doc).actors.every((tok.idx, tok.idx + 1)))


def _civilians(actor: ActorMention) -> bool:
    """People named by their country and no more ("British men": GBR CVL, "Syrian refugees")."""
    return actor.kind == "other" and (actor.code or "").split(" ")[-1] in ("CVL", "REF")


def dated(child: Token) -> bool:
    """A preposition whose object is a date or a number ("gave birth in February") is no
    phrase particle ("give in")."""
    return child.dep_ == "prep" and any(g.dep_ == "pobj" and (g.ent_type_ in ("DATE", "TIME") or g.like_num)
                                        for g in child.children)


def _joined_act(tok: Token) -> Match | None:
    """The act a verb of taking part names in its object: joining a march or taking part in
    a procession is marching; joining talks is talking. The verb anchors the act (its
    subject is the act's actor) and the object noun, in the verb's clause, adds no event of
    its own (`code.select`)."""
    lemma = tok.lemma_.lower()
    if lemma not in ("join", "participate", "take"):
        return None
    children = list(tok.children)
    if lemma == "take":  # only "take part in"
        parts = [c for c in children if c.dep_ == "dobj" and c.lemma_.lower() == "part"]
        if not parts:
            return None
        children += list(parts[0].children)
    objects = [c for c in children if c.dep_ == "dobj" and lemma == "join"]
    objects += [g for c in children if c.dep_ == "prep" and c.lower_ == "in" for g in c.children
                if g.dep_ == "pobj"]
    acts = [m for o in objects if o.pos_ == "NOUN" and (m := token_match(o)) is not None]
    return Match(tok, acts[0].entries) if acts else None


def token_match(tok: Token, sources: tuple[str, ...] = (PRIMARY,)) -> Match | None:
    pos = "V" if tok.pos_ == "VERB" else "N" if tok.pos_ in ("NOUN", "PROPN") else None
    if pos is None:
        return None
    if pos == "V" and PRIMARY in sources and (joined := _joined_act(tok)) is not None:
        return joined
    lemma = tok.lemma_.lower()
    for source in sources:
        found = _lookup(source, pos, lemma)
        if not found and pos == "N" and tok.tag_ in ("VBG", "NN") and lemma.endswith("ing"):
            found = _lookup(source, "N", tok.lower_)
        if not found and pos == "V" and _gerund_noun(tok):
            found = _lookup(source, "N", tok.lower_)
        if not found:
            continue
        top = _most_specific(found, _near_lemmas(tok, forms=source != PRIMARY))
        if not top:
            continue
        best = tuple(e for e in top if e.type != "NONE")
        # The most specific entries decide: when they are all NONE, no event is named here.
        return Match(tok, best) if best else None
    return None


def _most_specific(found: tuple[Entry, ...], near: set[str]) -> tuple[Entry, ...]:
    """The entries whose other words all stand next to the head, the longest of them; a word
    is more specific than a kind of object ("welcome refugee" over "welcome @person")."""
    fitting = [e for e in found if all(w in near for w in e.words if w != e.head)]
    top = max((_specificity(e) for e in fitting), default=0.0)
    return tuple(e for e in fitting if _specificity(e) == top)


def _specificity(entry: Entry) -> float:
    return sum(0.5 if w in (PLACE_OBJECT, PERSON_OBJECT) else 1.0 for w in entry.words)


def _gerund_noun(tok: Token) -> bool:
    """A gerund the tagger took for a verb where it is a noun: the object of a preposition
    with a determiner or a modifier ("succumbed to the police firing")."""
    return tok.tag_ == "VBG" and tok.dep_ == "pobj" and any(
        c.dep_ in ("det", "compound", "poss", "amod") for c in tok.children)


def sentence_matches(sent: Span, second: bool = False) -> list[Match]:
    """The sentence's trigger matches; with `second`, the second lexicon's when the first
    finds none. Matched word by word instead, its default verbs competed with the first
    lexicon's triggers for a sentence's main event ("announce boycotts" became a threat)."""
    found = [m for tok in sent if (m := token_match(tok)) is not None]
    if found or not second:
        return found
    # Not where the first lexicon's phrase says no event ("pleaded guilty" is no plea for).
    return [m for tok in sent
            if (m := token_match(tok, (SECONDARY,))) is not None and not _primary_none(tok)]


def _primary_none(tok: Token) -> bool:
    """Whether the first lexicon's most specific phrases that fit this verb are all NONE."""
    if tok.pos_ != "VERB":
        return False
    top = _most_specific(_lookup(PRIMARY, "V", tok.lemma_.lower()), _near_lemmas(tok))
    return bool(top) and all(e.type == "NONE" for e in top)


def no_event_sense(tok: Token) -> bool:
    """Whether a lexicon says this verb, here, names no event: the first lexicon's most
    specific phrases that fit are NONE ("plead guilty"), or CAMEO's verb dictionary's default
    entries are all NONE ("see", "flee" alone) and no pattern of it fits the words around it.
    A verb the dictionary does not list is not judged: nothing is known of its senses."""
    if tok.pos_ != "VERB":
        return False
    if _primary_none(tok):
        return True
    defaults = [e for e in cameo_entries(tok.lemma_.lower()) if len(e.words) == 1]
    return bool(defaults) and all(e.type == "NONE" for e in defaults) \
        and token_match(tok, (SECONDARY,)) is None
