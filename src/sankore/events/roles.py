"""Who did it, to whom, where: an event's participants and place read off the dependency parse.

Active voice: the subject acts, objects and prepositional objects ("with", "against", "to")
are targets. Passive voice: the "by" agent acts and the passive subject is the target,
except for events whose passive subject is the mover ("French troops have been withdrawn":
RETREAT, MOBILIZE); so does a passive the parser split ("civilians killed by troops",
"workers … were arrested"). A clause without a subject borrows one: a relative clause its
antecedent ("Chad, which has also asked"), an infinitive or conjunct its governing clause's
subject (its object where it has one: "forced the rebels to withdraw"), a nominal complement
the possessor ("Moscow's commitment to bolstering").
Compound actors come with their conjuncts ("Mali, Burkina Faso and Niger"). A pronoun or a
definite description ("he", "them", "the group", "the minister") takes the last compatible
actor named before it (`events/antecedents.py`); one that finds none ("These African
leaders") takes the previous event's actors: a plain, recent-antecedent heuristic, not
coreference resolution.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..mentions import ActorMention
from ..pipeline.generic_actors import ACTION_NOUNS, PATIENT
from . import antecedents, phrases
from .cues import SPEECH
from .lookups import index_of
from .modality import SUBJECTS
from .phrases import LIGHT_VERBS, NP_PREPS, addressee, agent, comitative, np_mentions, recipient, subject

# Acts whose passive subject still acts ("troops were withdrawn", "were mobilised"), except a
# release: "the hostages were released" names whom it was done to, like any passive.
PASSIVE_SUBJECT_ACTS = {"RETREAT", "MOBILIZE", "PROTEST"}
# Acts done to someone, whose noun's "of" phrase names whom ("the arrest of five men", "the
# killing of two protesters"); other nouns' "of" names who acts or what ("a meeting of foreign
# ministers", "the withdrawal of French troops", "the support of Russia").
OBJECT_OF = {"ASSAULT", "COERCE"}
# Event types whose content clause names who is addressed ("demanded that X …").
ADDRESSED = {"REQUEST", "ACCUSE", "THREATEN"}
_TARGET_PREPS = {"with", "against", "to", "on", "at", "from", "toward", "towards", "upon", "into",
                 "alongside"}
_INHERIT_DEPS = {"xcomp", "conj", "advcl", "pcomp", "acl", "ccomp", "relcl", "pobj", "dobj", "acomp"}
_PRONOUNS = {"they", "it", "he", "she", "them", "its", "their", "his", "her"}
MAX_HOPS = 6
_STATIVE_PASSIVES = {"engage", "involve"}
# Prepositions whose noun event is a circumstance the clause goes against or amid, with its own
# actors ("after" and "following" mostly continue the actor's story: "after his arrest").
_ELSEWHERE = {"despite", "amid", "notwithstanding"}
# Prepositions that name what an act was done with or by ("killed in police firing", "died
# due to shelling", "succumbed to the firing"), and verbs whose subject suffered that act.
_INSTRUMENT_PREPS = {"in", "during", "by", "to", "from"}
_SUFFER = {"die", "perish", "succumb"}


def mentions_or_antecedent(tok: Token, actors: list[ActorMention]) -> list[ActorMention]:
    """The actors of the noun phrase headed by `tok`, or, for a pronoun or a definite
    description naming none, the actor it refers back to."""
    found = np_mentions(tok, actors)
    if found or not antecedents.refers(tok):
        return found
    return antecedents.resolve(tok)


def borrowed_subject(v: Token, actors: list[ActorMention]) -> list[ActorMention]:
    """Actors for a clause with no subject of its own, from the clause that governs it."""
    tok = v
    for _ in range(MAX_HOPS):
        if tok.head.i == tok.i or tok.dep_ not in _INHERIT_DEPS and tok.dep_ != "prep" \
                or tok.dep_ == "prep" and tok.lower_ in _ELSEWHERE:
            return []  # "despite the de-escalation deal, government forces pound the area"
        dep, tok = tok.dep_, tok.head
        if dep == "dobj" and tok.lemma_.lower() in phrases.JUDGING:
            return []  # "UN investigators condemned the use of chemical weapons": not theirs
        if dep == "ccomp" and tok.lemma_.lower() in SPEECH:
            # "no untoward incidents have been reported, police said": who reports an act
            # is not who did it.
            return []
        if dep == "relcl":
            return np_mentions(tok, actors)
        if dep == "acl" and tok.pos_ in ("NOUN", "PROPN") and (found := np_mentions(tok, actors)):
            return found
        # "are making final plans to attack": a noun naming no one passes the infinitive on
        # to the clause that governs it.
        if tok.pos_ in ("NOUN", "PROPN"):
            poss = [m for c in tok.children if c.dep_ == "poss" for m in np_mentions(c, actors)]
            if poss:
                return poss
            continue
        if dep == "xcomp" and (objects := [c for c in tok.children if c.dep_ == "dobj"]):
            # Object control: "led James Mattis to quit", "forced the rebels to withdraw",
            # "urged Turkey to halt": the object does what the infinitive says.
            return [m for o in objects for m in mentions_or_antecedent(o, actors)]
        subj, passive = subject(tok)
        # "Serb forces were engaged in ethnic cleansing": a participle that reads as an
        # adjective, whose subject acts. A passive verb lends its subject to its infinitive:
        # one of report ("the government is learnt to have suspended …") or of asking or
        # making ("the police was forced to lathicharge": the active verb's object acts).
        lends = dep == "xcomp"
        if subj is not None and (not passive or lends or tok.lemma_.lower() in _STATIVE_PASSIVES):
            found = np_mentions(subj, actors)
            if found:
                return found
    return []


def participants(anchor: Token, trigger: Token, type_: str, actors: list[ActorMention], depth: int = 0,
                 mode: str | None = None) -> tuple[list[ActorMention], list[ActorMention], bool]:
    """(actors, targets, needs_antecedent) of the event anchored on clause head `anchor`;
    `mode`: the trigger's PLOVER mode, where the lexicon gives one."""
    subject_acts = type_ in PASSIVE_SUBJECT_ACTS and mode != "release"
    acting, targets, needs_antecedent = _subject_side(anchor, trigger, subject_acts, actors)
    between = _object_side(anchor, trigger, actors, acting, targets, type_ in OBJECT_OF)
    if between and not acting:
        # "the meeting between Putin and Erdoğan": one record, the side named first acting
        # and the other its target (guidelines §2, "fighting between two sides").
        acting = phrases.first_side(anchor.doc, between)
        targets.extend(m for m in between if m not in acting and m not in targets)
    elif between:
        targets.extend(m for m in between if m not in targets and m not in acting)
    if not acting:  # "formed … with Mali, Burkina Faso and Niger coming together"
        acting = [m for m in comitative(anchor, actors) if m not in targets]
    if not targets:
        targets = _fallback_targets(anchor, type_, actors, acting, depth)
    if not targets:
        targets = [m for m in _shared_object(anchor, actors) if m not in acting]
    # "40 persons", "three people": those an act was done to, never its actor.
    patients = [m for m in acting if m.key.startswith(PATIENT)]
    acting = [m for m in acting if m not in patients]
    targets = [m for m in targets if m not in acting]
    return acting, targets, needs_antecedent


def _subject_side(anchor: Token, trigger: Token, subject_acts: bool, actors: list[ActorMention]
                  ) -> tuple[list[ActorMention], list[ActorMention], bool]:
    """(actors, targets, needs_antecedent) read off the clause's subject, its passive agent,
    or a nominal event's possessor; targets here only from a passive subject, unless
    `subject_acts` (`PASSIVE_SUBJECT_ACTS`)."""
    nominal_subject = trigger.i != anchor.i and trigger.pos_ != "VERB" and (
        trigger.dep_ in ("nsubjpass", "nsubj") or trigger.head.dep_ in ("nsubjpass", "nsubj"))
    if nominal_subject:  # "Pentagon bombing operations are being carried out …"
        noun = trigger if trigger.dep_ in ("nsubjpass", "nsubj") else trigger.head
        return list(np_mentions(noun, actors)), [], False
    owner = misparsed_owner(anchor)
    if owner is not None:  # "three others died in police firing": the police fired, on them
        return [m for m in actors if m.start == owner.idx], _victims(owner.head, actors), False
    # An act noun the tagger took for a verb is still a noun where it stands ("in police firing")
    if anchor.pos_ in ("VERB", "AUX") and not (anchor.lower_ in ACTION_NOUNS and anchor.dep_ == "pobj"):
        return _verb_subject(anchor, subject_acts, actors)
    # A nominal event: possessor or compound acts ("US strikes", "Pentagon bombing").
    acting: list[ActorMention] = []
    # "the Russia investigation closes in on Trump": what is looked into, not who looks (the
    # FBI investigation, the Turkish inquiry are theirs).
    inquiry, lemma = anchor.lemma_.lower() in phrases.INQUIRIES, anchor.lemma_.lower()
    for child in anchor.children:
        if child.dep_ in ("poss", "compound", "amod"):
            # Not resolved: "his arrest" names whom it was done to as often as who did it.
            acting.extend(m for m in np_mentions(child, actors) if m not in acting and not (
                inquiry and child.dep_ == "compound" and m.kind in ("state", "person")))
        elif child.dep_ == "prep" and child.lower_ == "of" and lemma in phrases.INTRANSITIVE_ACTS:
            # "the advance of the Shia militias": who advances
            acting.extend(m for g in child.children if g.dep_ == "pobj" for m in np_mentions(g, actors))
        elif child.dep_ == "acl" and child.tag_ == "VBN" and child.lemma_.lower() in LIGHT_VERBS:
            # "the arrests made by the police", "the raids carried out by troops"
            acting.extend(m for m in passive_agent(child, actors) if m not in acting)
    victims = _victims(anchor.head, actors) if acting and anchor.dep_ == "pobj" else []
    # "the Kurds fear attack by Turkey": the noun's own "by" agent before a borrowed subject.
    by = [m for c in anchor.children if c.dep_ == "prep" and c.lower_ == "by"
          for g in c.children if g.dep_ == "pobj" for m in np_mentions(g, actors)]
    return acting or by or borrowed_subject(anchor, actors), victims, False


def _verb_subject(anchor: Token, subject_acts: bool, actors: list[ActorMention]
                  ) -> tuple[list[ActorMention], list[ActorMention], bool]:
    subj, passive = subject(anchor)
    # A named agent does even a withdrawal: "the base was vacated by French troops".
    subject_acts = subject_acts and agent(anchor) is None
    first = phrases.first_conjunct(anchor)
    if subj is None and reduced_passive(first) and not subject_acts:
        # "six civilians killed by troops", "the people killed in police firing": the noun
        # is whom it was done to, and the agent or the act's owner did it; so too for a
        # participle coordinated with it ("Christians expelled and killed by Isis").
        return passive_agent(anchor, actors), np_mentions(first.head, actors), False
    if subj is None and not subject_acts and _passive_without_subject(anchor):
        # "workers trying to enforce the bandh were arrested", "were arrested and charged":
        # the clause it borrows its subject from names whom it was done to.
        by = phrases.shared_agent(anchor)
        acting = mentions_or_antecedent(by, actors) if by is not None else _instrument(anchor, actors)
        if anchor.dep_ == "conj" and (subj := subject(anchor.head)[0]) is not None:
            return acting, mentions_or_antecedent(subj, actors), False
        return acting, borrowed_subject(anchor, actors), False
    if subj is None and anchor.dep_ == "advcl" and anchor.tag_ == "VBN" and agent(anchor) is not None \
            and not subject_acts:  # "Kurdish militias hold sway, supported by 2,000 US troops"
        return passive_agent(anchor, actors), borrowed_subject(anchor, actors), False
    if subj is None:
        return borrowed_subject(anchor, actors), [], False
    if subj.lower_ in phrases.RELATIVE and anchor.dep_ == "relcl":
        if passive and not subject_acts:  # "84 persons who have been killed in police firing"
            return passive_agent(anchor, actors), np_mentions(anchor.head, actors), False
        return np_mentions(anchor.head, actors), [], False
    found = mentions_or_antecedent(subj, actors)
    if not found and not passive:  # "a series of airstrikes by Russian jets killed …"
        found = _nominal_agent(subj, actors)
    if passive and not subject_acts:
        return passive_agent(anchor, actors), list(found), False
    return found, [], not found and _refers_back(subj)


def passive_agent(v: Token, actors: list[ActorMention]) -> list[ActorMention]:
    """Who did the act of a passive clause: its "by" agent, or the owner of the act it was
    done in ("killed in police firing")."""
    by = phrases.shared_agent(v)
    return mentions_or_antecedent(by, actors) if by is not None else _instrument(v, actors)


def _victims(prep: Token, actors: list[ActorMention]) -> list[ActorMention]:
    """Those an act named after `prep` fell on ("in police firing", "due to shelling"): the
    subject of a passive clause or of a verb of dying ("two persons were killed in …", "a
    youth perished in …", "the people who died due to …"); none for any other clause, whose
    subject acts ("police arrested five in a raid")."""
    if prep.dep_ not in ("prep", "pcomp", "agent") or prep.lower_ not in _INSTRUMENT_PREPS:
        return []
    v = prep.head.head if prep.head.dep_ == "prep" else prep.head  # "died due to …"
    subj, passive = (v.head, True) if v.dep_ == "acl" else subject(v)
    if subj is None or not (passive or v.lemma_.lower() in _SUFFER):
        return []
    if subj.lower_ in phrases.RELATIVE and v.dep_ == "relcl":
        subj = v.head
    return np_mentions(subj, actors)


def died_of(noun: Token) -> bool:
    """Whether the act noun `noun` is what the subject of a verb of dying died of ("the people
    who died due to police firing", "the 100 that succumbed to the firing")."""
    tok = noun
    for _ in range(3):
        if tok.dep_ not in ("pobj", "pcomp", "prep") or tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.pos_ == "VERB":
            return tok.lemma_.lower() in _SUFFER
    return False


def _passive_without_subject(v: Token) -> bool:
    """A passive verb whose subject the parser left on another clause: its own "were"
    ("… were arrested" hung under "trying"), or a conjunct's ("were arrested and charged")."""
    if v.tag_ != "VBN":
        return False
    if any(c.dep_ == "auxpass" for c in v.children):
        return True
    return v.dep_ == "conj" and v.head.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in v.head.children)


def reduced_passive(v: Token) -> bool:
    """A past participle modifying a noun: a passive relative clause without its "who was"
    ("civilians killed by troops", "a video released on Tuesday")."""
    return v.dep_ == "acl" and v.tag_ == "VBN" and v.head.pos_ in ("NOUN", "PROPN", "PRON")


def _nominal_agent(subj: Token, actors: list[ActorMention]) -> list[ActorMention]:
    """The "by" agent of an act named in a subject that names no one: "a series of airstrikes
    by Russian jets killed …", "an attack by militants left …"."""
    for tok in subj.subtree:
        if tok.dep_ == "agent" or tok.dep_ == "prep" and tok.lower_ == "by" and tok.head.pos_ == "NOUN":
            for obj in tok.children:
                if obj.dep_ == "pobj" and (found := np_mentions(obj, actors)):
                    return found
    return []


def _instrument(v: Token, actors: list[ActorMention]) -> list[ActorMention]:
    """The agent of a passive clause named as the owner of the act that did it: "killed in
    police firing", "wounded in an Israeli airstrike", "injured during an army raid"."""
    for prep in v.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "during", "by"):
            continue
        for noun in prep.children:
            if noun.dep_ == "pobj":
                found = [m for c in noun.children if c.dep_ in ("poss", "compound", "amod")
                         for m in np_mentions(c, actors)]
                # "in police firing" parsed as the noun "police" with a participle "firing"
                # (on the noun or on the verb): the owner is the noun itself.
                if not found and noun.i + 1 < len(noun.doc) and misparsed_owner(noun.doc[noun.i + 1]) == noun:
                    found = [m for m in actors if m.start == noun.idx]
                if found:
                    return found
    return []


def misparsed_owner(tok: Token) -> Token | None:
    """The owner of an act noun the parser took for a participle: the small model parses "in
    police firing", "due to police firing" as the object "police" followed by a verb "firing"
    (hung on that noun or on the clause's verb), mostly in lower-cased wire copy, and "police
    firing … left two dead" as the subject "police" with a participle on it. The noun just
    before the act word, the object of its preposition or the subject, owns the act."""
    if tok.lower_ not in ACTION_NOUNS or tok.pos_ != "VERB" or tok.i == 0:
        return None
    owner = tok.doc[tok.i - 1]
    subject = owner.dep_ in SUBJECTS or owner.dep_ == "conj" and owner.head.dep_ in SUBJECTS
    if owner.pos_ in ("NOUN", "PROPN") and subject and tok.head.i in (owner.i, owner.head.i):
        return owner  # "(rioting and) police firing in the market left two dead": the subject's act
    if owner.dep_ != "pobj" or owner.pos_ not in ("NOUN", "PROPN"):
        return None
    # On the noun, on the verb the phrase is on, or on the noun that verb modifies ("the people
    # killed in the police firing" hangs "firing" on "people").
    up = [owner, owner.head.head]
    if up[-1].dep_ == "acl" and up[-1].head.i != up[-1].i:
        up.append(up[-1].head)
    return owner if tok.head.i in {t.i for t in up} else None


def _object_side(anchor: Token, trigger: Token, actors: list[ActorMention],
                 acting: list[ActorMention], targets: list[ActorMention], object_of: bool = False
                 ) -> list[ActorMention]:
    """Add the objects' and prepositional objects' actors to `targets` (and a "by" agent of
    a nominal trigger to `acting`); return the actors named "between" them. `object_of`: a
    noun trigger's own "of" phrase names targets (`OBJECT_OF`)."""
    heads = [anchor] + ([trigger] if trigger.i != anchor.i else [])
    # The direct object is a target ("accused the United States of …") and a head of its own,
    # whose of/from phrases name targets too ("demanded the withdrawal of Serbian forces").
    objects = [c for c in anchor.children if c.dep_ == "dobj" and c.i != trigger.i]
    heads += objects
    head_ids = {h.i for h in heads}
    for obj in objects:
        targets.extend(m for m in mentions_or_antecedent(obj, actors) if m not in targets)
    between: list[ActorMention] = []
    for head in heads:
        for child in head.children:
            if child.dep_ in ("dobj", "dative", "attr", "oprd") and child.i not in head_ids:
                targets.extend(m for m in mentions_or_antecedent(child, actors) if m not in targets)
            elif child.dep_ == "prep":
                _prepositional(child, head, (anchor, trigger), actors, (acting, targets, between),
                               object_of)
    return between


def _prepositional(prep: Token, head: Token, clause: tuple[Token, Token], actors: list[ActorMention],
                   sides: tuple[list[ActorMention], list[ActorMention], list[ActorMention]],
                   object_of: bool = False) -> None:
    """Sort the actors of one prepositional phrase: "between" both sides, a target
    preposition's targets, a nominal trigger's "by" agent."""
    anchor, trigger = clause
    acting, targets, between = sides
    objs = [g for g in prep.children if g.dep_ == "pobj"]
    noun_of = object_of and prep.lower_ == "of" and head.i == trigger.i and trigger.pos_ != "VERB" \
        and trigger.lemma_.lower() not in phrases.INTRANSITIVE_ACTS
    for obj in objs:
        found = mentions_or_antecedent(obj, actors)
        if prep.lower_ == "between":
            between.extend(found)
        elif prep.lower_ in _TARGET_PREPS or (head.i != anchor.i and prep.lower_ in NP_PREPS) or noun_of:
            targets.extend(m for m in found if m not in targets)
        elif prep.lower_ == "by" and head.i == trigger.i and not acting:
            acting.extend(found)
    for obj in objs:  # "relations between Kyiv and the AES states" under "of"
        for grand in obj.children:
            if grand.dep_ == "prep" and grand.lower_ == "between":
                between.extend(m for g in grand.children if g.dep_ == "pobj"
                               for m in np_mentions(g, actors))


def _fallback_targets(anchor: Token, type_: str, actors: list[ActorMention],
                      acting: list[ActorMention], depth: int) -> list[ActorMention]:
    """Targets for an event whose clause names none: the addressee of a demand, the target
    of its content clause, or a nominal's recipient."""
    targets: list[ActorMention] = []
    if type_ in ADDRESSED:
        targets = addressee(anchor, actors)
    if not targets and depth < 2:
        # The content names whom a promise, threat, refusal or demand concerns: "threatened
        # to break relations with Russia", "refused to meet Jordan's King Abdullah"; the purpose
        # of an attack or a threat whom it is aimed at ("an offensive to dismantle the YPG").
        contents = [c for c in anchor.children if c.dep_ == "xcomp" and c.pos_ == "VERB"]
        contents += phrases.purposes(anchor) if type_ in ("ASSAULT", "THREATEN") else []
        if contents:
            targets = [m for m in participants(contents[0], contents[0], type_, actors, depth + 1)[1]
                       if m not in acting]
    if not targets and anchor.pos_ not in ("VERB", "AUX"):
        targets = recipient(anchor, actors)
    return targets


def _shared_object(v: Token, actors: list[ActorMention]) -> list[ActorMention]:
    """The object a verb shares with the verb coordinated after it: "had been funding and
    training rebel groupings", "mentored and trained Kurdish-led units" (the parser hangs the
    object on the last verb only)."""
    if v.pos_ != "VERB" or any(c.dep_ in ("dobj", "dative") for c in v.children):
        return []
    for conj in v.children:
        if conj.dep_ == "conj" and conj.pos_ == "VERB" and subject(conj)[0] is None:
            return [m for c in conj.children if c.dep_ == "dobj" for m in mentions_or_antecedent(c, actors)]
    return []


def _refers_back(tok: Token) -> bool:
    """A pronoun or a demonstrative description ("These African leaders") that names no one.
    Not any "the X": a definite noun phrase that `antecedents` cannot resolve ("the sants")
    names a new group as often as the previous event's actor."""
    if tok.lower_ in _PRONOUNS or tok.lower_ == "we" and index_of(tok.doc).quotes_at(tok.idx):
        return True  # a writer's "we" is their own side, no earlier actor ("We trained moderates")
    return any(c.dep_ == "det" and c.lower_ in ("these", "those") for c in tok.children)
