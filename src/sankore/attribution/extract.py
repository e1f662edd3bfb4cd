"""Find attributions in a parsed `Doc`: direct quotations, reported speech and mixed forms.

1. Quotation-mark spans (`quotemarks.find_all_quoted`) each get the nearest cue word of
   their sentence(s) outside any sibling quotation, preferring a cue whose clause contains
   the quotation; a quotation opened after a colon takes the cue of the clause before it.
2. A cue whose `that`-clause contains its quotation and more makes one mixed attribution.
3. Cue words left over introduce reported speech: their `ccomp`/`xcomp` clause, or, for
   "according to X", the clause the phrase hangs from; a stance cue learned from annotated
   news (`cues.py`) also takes a noun-phrase object ("criticized the deal", "called for a
   ban"), and an owned cue noun its complement ("Trump's plan to …"); a learned predicate
   adjective takes its complement ("was critical of the deal"), and any verb with a subject
   and a `that`-clause is a cue however rare. A cue that has content of its own does not take
   a quotation outside its clause; reported speech stays in its cue's paragraph.
   Title-case headlines, which the parser cannot read, go by `headlines.py`.
   A learned check (`candidates.py`) then drops the candidates unlike what news annotators mark.
4. A quotation with no cue of its own continues the attribution before it (one content of
   several fragments, as PolNeAR annotates it); a short one (a few words) without a speech
   verb governing it is framing, not speech.
5. An attribution inside another's content is relayed by the outer speaker (`via`); its
   "I"/"we" is that speaker.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import replace
from typing import cast

from spacy.tokens import Doc, Token

from ..spans import Overlaps
from ..text import long_words, title_case
from . import syntax
from .attributions import Attribution
from .candidates import Judge, judge_with, packaged
from .containment import ContentIndex, held_elsewhere, innermost, inside, quotations_index
from .cues import CueLexicon
from .headlines import headline_reports
from .layout import separated
from .quotemarks import Quoted, find_all_quoted, word_count
from .speakers import SPEAKER_KINDS, ActorIndex, Speaker, speaker_at, via_of

SHORT_QUOTE_WORDS = 4  # a quotation this short needs a cue whose clause holds it
_MARKUP = re.compile(r"\w=[\"“]|^[\"“”]{2}")  # attribute="value" of embedded markup (tweets)
_FIRST_PERSON = {"i", "we", "me", "us"}
# "1449075600", "realDonaldTrump": ids and handles of embedded markup, one word with digits
# or an inner capital, are never speech
_IDENTIFIER = re.compile(r"[\"“”'‘’]*(?=\S*(?:\d|[a-z][A-Z]))\S+?[\"“”'‘’]*")
CONTINUATION_CHARS = 600
# A cue noun this sure ("criticism of", "support for") reports even with no owner in sight
# (PolNeAR annotates "drew support for X" with or without a source); below it an unowned
# noun is the author's topic. 0.6 on a held-out train slice: overlap F1 +0.3, speaker -0.5.
UNOWNED_NOUN_SHARE = 0.6


def _overlapping(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return min(a[1], b[1]) > max(a[0], b[0])


def _title_like(text: str) -> bool:
    """“Jane The Virgin”, “Meet the Press”: every longer word capitalized."""
    ends_sentence = text.rstrip("”\"’").endswith((".", "?", "!"))
    return title_case(long_words(text), share=1.0) and not ends_sentence


def _cue_span(token: Token) -> tuple[int, int]:
    last = syntax.according_to(token) or syntax.particle_after(token) or token
    return token.idx, last.idx + len(last)


class Extractor:
    """Compiled once per component: the cue lexicon and the person nouns.

    `Doc.text` rebuilds the string from its tokens at every access, so a call reads it once
    into `self.text` and every helper slices that (a spaCy component runs one doc at a time).
    """

    def __init__(self, lexicon: CueLexicon, person_nouns: frozenset[str], judge: Judge | None = None) -> None:
        self.lexicon = lexicon
        self.person_nouns = person_nouns
        self.judge = judge or judge_with(packaged())
        self.text = ""
        self.quoted: list[Quoted] = []
        self.cue_starts: list[int] = []
        self.quoted_index = quotations_index([])

    def cues(self, doc: Doc, skip: Callable[[int, int], bool]) -> list[Token]:
        # a participle used as an adjective ("pledged delegates", "the expected result") reports nothing
        return [t for t in doc if ((self.lexicon.is_cue(t) and t.dep_ != "amod")
                                   or self.lexicon.is_adjective_cue(t) or syntax.that_clause(t)
                                   or syntax.according_to(t) is not None)
                and not skip(t.idx, t.idx + len(t))]

    def __call__(self, doc: Doc, actors, skip=lambda s, e: False) -> list[Attribution]:
        text = self.text = doc.text
        index = ActorIndex(actors, text)
        quoted = [q for q in find_all_quoted(text) if not skip(q.start, q.end)
                  and not _MARKUP.search(text[q.start:q.end]) and word_count(text[q.start:q.end])
                  and not _IDENTIFIER.fullmatch(text[q.start:q.end])]
        self.quoted = quoted
        self.quoted_index = quotations_index(quoted)  # which quotation holds a span, bisected
        cues = self.cues(doc, skip)
        self.cue_starts = [t.idx for t in cues]  # in text order: a quotation's are bisected
        by_cue: dict[int, list[Quoted]] = {}
        cueless: list[Quoted] = []
        for q in quoted:
            cue, governs = self._cue_for(doc, q, quoted, cues)
            short = word_count(text[q.start:q.end]) <= SHORT_QUOTE_WORDS
            if short and (not governs or _title_like(text[q.start:q.end])
                          or not self.lexicon.is_speech_verb(cast(Token, cue))):  # governs: a cue
                # a scare quote, a title or a term in passing ("offered access for “guarantees”",
                # where the verb is a stance, not speech): framing, not speech
                continue
            if cue is None:
                cueless.append(q)
            elif not governs and self._own_content(cue, q):
                # "Smith criticized the gun laws. “Guns have no place here.”": the cue has its
                # own content, so a quotation outside its clause is not what it reports (it
                # continues the attribution before it, or has a cue of its own)
                cueless.append(q)
            else:
                by_cue.setdefault(cue.i, []).append(q)
        found: list[Attribution] = []
        used: set[int] = set()
        for i, qs in by_cue.items():
            used.add(i)
            found += self._direct(doc, doc[i], qs, index)
        # Looked up in a set and by bisection, not by reading every attribution per cue: that
        # made a long document's quotes quadratic (tests/test_hardening_pipeline.py).
        contents = {a.content for a in found}
        for token in cues:
            if token.i in used:
                continue
            attribution = self._indirect(token, index)
            if attribution is not None and attribution.content not in contents:
                found.append(attribution)
                contents.add(attribution.content)
        claimed = Overlaps([(s, e, True) for a in found for s, e in a.content])
        nouns: list[tuple[int, int]] = []  # the contents of the noun cues kept below
        for token in doc:
            if self.lexicon.is_noun_cue(token) and not skip(token.idx, token.idx + len(token)):
                attribution = self._noun(token, index)
                if attribution is not None and not claimed.touches(attribution.envelope) and not any(
                        _overlapping(attribution.envelope, c) for c in nouns):
                    found.append(attribution)
                    nouns.extend(attribution.content)
        headlines = self._headline_colons(doc, index, quoted, skip) + self._headline_verbs(index, skip)
        for attribution in headlines:
            if not any(_overlapping(attribution.envelope, a.envelope) for a in found):
                found.append(attribution)
        found = self.judge(doc, text, found, quoted, self.lexicon)
        found.sort(key=lambda a: a.envelope)
        found = self._continuations(text, cueless, found)
        found = self._resolve_pronouns(doc, found, index)
        return self._relays(found, index, doc)

    # -- direct quotations -------------------------------------------------------------
    def _cue_for(self, doc: Doc, q: Quoted, quoted: list[Quoted], cues: list[Token]
                 ) -> tuple[Token | None, bool]:
        """The cue of a quotation, and whether the cue's clause contains the quotation."""
        container = innermost(quoted, q.start, q.end, exclude=q, index=self.quoted_index)
        first = syntax.sentence_of(doc, q.start)
        last = syntax.sentence_of(doc, max(q.start, q.end - 1))
        if first is None or last is None:
            return None, False
        lo, hi = first.start_char, last.end_char
        if container is not None:
            lo, hi = max(lo, container.start), min(hi, container.end)
        candidates = []
        for token in cues[bisect_left(self.cue_starts, lo):bisect_right(self.cue_starts, hi)]:
            t_start, t_end = token.idx, token.idx + len(token)
            if not (lo <= t_start and t_end <= hi) or q.start <= t_start < q.end:
                continue
            if innermost(quoted, t_start, t_end, index=self.quoted_index) is not container:
                continue
            if separated(self.text, (t_start, t_end), (q.start, q.end)):
                continue
            s_start, s_end = syntax.subtree_span(token)
            governs = s_start <= q.start < s_end or s_start < q.end <= s_end
            distance = q.start - t_end if t_end <= q.start else t_start - q.end
            candidates.append((not governs, distance, token))
        if candidates:
            best = min(candidates, key=lambda c: (c[0], c[1]))
            return best[2], not best[0]
        before = self.text[lo if container else max(0, q.start - 400):q.start].rstrip()
        if before.endswith(":"):
            sentence = syntax.sentence_of(doc, len(before) - 1 + (lo if container else max(0, q.start - 400)))
            if sentence is not None:
                verbs = [t for t in sentence if t in cues] or [sentence.root]
                return verbs[-1], True
        return None, False

    def _direct(self, doc: Doc, cue: Token, qs: list[Quoted], index: ActorIndex) -> list[Attribution]:
        speaker = self._speaker(cue, index)
        clause = syntax.content_of(cue, self.text)
        spans = sorted((q.start, q.end) for q in qs)
        cue_span = _cue_span(cue)
        if clause is not None and any(inside(s, clause) and s != clause for s in spans) \
                and clause[1] - clause[0] > max(e - s for s, e in spans) + 3:
            rest = tuple(s for s in spans if not inside(s, clause))
            content = tuple(sorted((clause, *rest)))
            return [Attribution(content, "mixed", self.text[slice(*cue_span)], cue_span, speaker)]
        return [Attribution(tuple(spans), "direct", self.text[slice(*cue_span)], cue_span, speaker)]

    def _own_content(self, cue: Token, q: Quoted) -> bool:
        if syntax.according_to(cue) is not None:
            return False
        content = syntax.content_of(cue, self.text, broad=self.lexicon.broad(cue),
                                    with_prep=self.lexicon.with_preposition(cue))
        return content is not None and content[1] - content[0] >= 3 \
            and not _overlapping(content, (q.start, q.end))

    # -- reported speech ---------------------------------------------------------------
    def _indirect(self, token: Token, index: ActorIndex) -> Attribution | None:
        to = syntax.according_to(token)
        if to is not None:
            objects = [c for c in to.children if c.dep_ == "pobj"]
            content = syntax.according_content(token, self.text)
            if not objects or content is None or content[1] - content[0] < 3:
                return None
            at = speaker_at(objects[0], index, self.person_nouns)
            cue_span = _cue_span(token)
            return Attribution((content,), "indirect", self.text[slice(*cue_span)], cue_span, at)
        content = syntax.content_of(token, self.text, broad=self.lexicon.broad(token),
                                    with_prep=self.lexicon.with_preposition(token))
        holder = innermost(self.quoted, token.idx, token.idx + len(token), index=self.quoted_index)
        if content is not None and holder is not None and not inside(content, (holder.start, holder.end)):
            # a cue inside a quotation reports within it: the parse ran past the closing mark
            content = syntax.trim(self.text, max(content[0], holder.start), min(content[1], holder.end))
        if content is not None:
            # reported speech stays in its cue's paragraph: a parse that runs from a headline
            # into the first paragraph ("Why Voters Blame …\n\nThe shutdown began") reports nothing
            lo = self.text.rfind("\n\n", 0, token.idx) + 1
            hi = self.text.find("\n\n", token.idx)
            content = (max(content[0], lo), min(content[1], hi if hi >= 0 else len(self.text)))
        if content is None or content[1] - content[0] < 3:
            return None
        speaker = self._speaker(token, index)
        if speaker is None and not syntax.is_passive(token):
            return None  # an active cue with no subject is mostly a parse fragment, not a report
        cue_span = _cue_span(token)
        fragments = syntax.parenthetical_content(token, self.text) or (content,)
        stance = syntax.stance_content(token, content, self.text)
        return Attribution(fragments, "indirect", self.text[slice(*cue_span)], cue_span, speaker,
                           stance=stance)

    def _noun(self, token: Token, index: ActorIndex) -> Attribution | None:
        """"Trump's plan to cut taxes": a learned cue noun, its owner and what it reports."""
        content = syntax.noun_content(token, self.text)
        source = syntax.noun_source(token)
        if content is None or content[1] - content[0] < 3:
            return None
        if source is None and self.lexicon.share(token) >= UNOWNED_NOUN_SHARE:
            source = syntax.noun_source(token, governing=True)
        if source is None and self.lexicon.share(token) < UNOWNED_NOUN_SHARE:
            return None  # an unowned "plan" is the author's topic, not someone's report
        cue_span = _cue_span(token)
        speaker = speaker_at(source, index, self.person_nouns) if source is not None else None
        return Attribution((content,), "indirect", self.text[slice(*cue_span)], cue_span, speaker,
                           stance=True)

    def _speaker(self, cue: Token, index: ActorIndex) -> Speaker | None:
        if (to := syntax.according_to(cue)) is not None:
            objects = [c for c in to.children if c.dep_ == "pobj"]
            return speaker_at(objects[0], index, self.person_nouns) if objects else None
        if syntax.is_passive(cue) and cue.lemma_.lower() != "quote":
            # "The deal was criticized by X": the speaker is the agent, never the passive subject
            # (the thing talked about); with no agent nobody is named ("was asked about").
            agent = next((c for c in cue.children if c.dep_ == "agent"), None)
            head = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            return speaker_at(head, index, self.person_nouns) if head is not None else None
        head = None
        if not any(c.dep_ in syntax.SUBJECT_DEPS for c in cue.children):
            # "…, noting that …": the subject of the nearest speech verb above ("looks to Russia,
            # noting" is not a report of looking), if any.
            head = next((syntax.subject_of(a, 0) for a in cue.ancestors
                         if self.lexicon.is_speech_verb(a) and syntax.subject_of(a, 0) is not None), None)
        head = head or syntax.subject_of(cue)
        if head is None:
            for child in cue.children:  # passive "… was said by X" without a passive subject
                if child.dep_ == "agent":
                    head = next((c for c in child.children if c.dep_ == "pobj"), None)
        return speaker_at(head, index, self.person_nouns) if head is not None else None

    def _headline_colons(self, doc: Doc, index: ActorIndex, quoted: list[Quoted], skip) -> list[Attribution]:
        """"Sanders: I'm not much of a socialist": a short name, a colon, then what it says."""
        out = []
        for token in doc:
            if token.text != ":" or skip(token.idx, token.idx + 1) \
                    or innermost(quoted, token.idx, token.idx + 1, index=self.quoted_index):
                continue
            sent = token.sent
            left = doc[sent.start:token.i]
            if not 1 <= len(left) <= 5 or any(t.pos_ in ("VERB", "AUX") for t in left):
                continue
            named = [a for a in index.overlapping((left.start_char, left.end_char))
                     if a.kind in ("person", "media", "government", "party", "organization")]
            content = syntax.trim(self.text, token.idx + 1, sent.end_char)
            if not named or word_count(self.text[slice(*content)]) < 3:
                continue
            a = named[-1]
            cue_span = (token.idx, token.idx + 1)
            out.append(Attribution((content,), "indirect", ":", cue_span,
                                   Speaker((a.start, a.end), None, a.kind)))
        return out

    def _headline_verbs(self, index: ActorIndex, skip) -> list[Attribution]:
        """"Clinton Slams Trump On Abortion": a title-case headline the parser cannot read."""
        out = []
        for subject, cue_span, content in headline_reports(self.text, self.lexicon):
            if skip(*content):
                continue
            named = [a for a in index.overlapping(subject) if a.kind in SPEAKER_KINDS]
            speaker = Speaker((named[-1].start, named[-1].end), None, named[-1].kind) if named \
                else Speaker(subject)
            out.append(Attribution((content,), "indirect", self.text[slice(*cue_span)], cue_span, speaker))
        return out

    # -- linking -----------------------------------------------------------------------
    def _continuations(self, text: str, cueless: list[Quoted], found: list[Attribution]) -> list[Attribution]:
        out = list(found)
        # `nested(a, out)` by bisection over the contents found, and a scan of the quotations
        # this pass adds (position in `out`, span); asked per candidate, a scan of every
        # attribution made a long document quadratic.
        contents = ContentIndex([b.content for b in found])
        added: list[tuple[int, tuple[int, int]]] = []
        ends = [a.envelope[1] for a in out]  # `envelope` is computed at each access
        for q in cueless:
            if word_count(text[q.start:q.end]) <= SHORT_QUOTE_WORDS:
                continue
            previous = [(p, out[p]) for p, end in enumerate(ends)
                        if end <= q.start and q.start - end <= CONTINUATION_CHARS
                        and out[p].speaker is not None
                        and not held_elsewhere(p, out[p].cue_span or out[p].envelope, contents, added)]
            if not previous:
                continue  # no speaker in reach: a slogan, a sign, a headline
            at, last = max(previous, key=lambda pa: pa[1].envelope[1])
            added.append((at if last.cue_span is not None else len(out), (q.start, q.end)))
            if last.cue_span is not None:
                # "“A,” he said. “B.”", and a next paragraph that opens with a quotation and no
                # cue: B continues the same attribution (PolNeAR annotates one content of
                # several fragments with one cue).
                out[at] = replace(last, content=(*last.content, (q.start, q.end)))
                ends[at] = out[at].envelope[1]
                continue
            out.append(Attribution(((q.start, q.end),), "direct", None, None, last.speaker))
            ends.append(q.end)
        return sorted(out, key=lambda a: a.envelope)

    def _resolve_pronouns(self, doc: Doc, found: list[Attribution], index: ActorIndex) -> list[Attribution]:
        """"he said" takes the previous named person speaker it agrees with ("she" is not a
        "Mr."), and teaches the index that person's pronoun for the rest of the document."""
        out: list[Attribution] = []
        people: list[tuple[int, int]] = []  # the named person speakers so far, in order
        for a in found:
            s = a.speaker
            if s is not None and s.kind == "person":
                word = self.text[slice(*s.span)].lower()
                pronoun = word in ("he", "she")
                if pronoun:
                    last = next((p for p in reversed(people) if index.agrees(p, word)), None)
                    if last is not None and (s.antecedent is None or last[0] > s.antecedent[0]):
                        s = replace(s, antecedent=last)
                        a = replace(a, speaker=s)
                    if s.antecedent:
                        index.note(s.antecedent, word)
                if not pronoun or s.antecedent:
                    people.append(s.antecedent or s.span)
            out.append(a)
        return out

    def _relays(self, found: list[Attribution], index: ActorIndex, doc: Doc) -> list[Attribution]:
        out, contents = [], ContentIndex([b.content for b in found])  # bisected, not a pass per a
        for a in found:
            outer = [b for b in (found[i] for i in contents.holding(a.cue_span or a.envelope))
                     if b is not a and b.speaker is not None and b.envelope != a.envelope]
            via = None
            outer = sorted(outer, key=lambda b: b.envelope[1] - b.envelope[0])
            if outer and a.speaker is not None and a.speaker.antecedent is None \
                    and self.text[slice(*a.speaker.span)].lower() in _FIRST_PERSON:
                # "“I think we will win,” Smith said": the "I" inside a quotation is its speaker.
                q = cast(Speaker, outer[0].speaker)  # outer holds only attributions with one
                a = replace(a, speaker=replace(a.speaker, antecedent=q.antecedent or q.span, kind=q.kind))
            own = (a.speaker.antecedent or a.speaker.span) if a.speaker else None
            for b in outer:
                relay = cast(Speaker, b.speaker).antecedent or cast(Speaker, b.speaker).span
                if relay != own and self.text[slice(*relay)] != self.text[slice(*own or (0, 0))]:
                    via = relay
                    break
            if via is None and a.cue_span is not None:
                cue = doc.char_span(*a.cue_span, alignment_mode="expand")
                via = via_of(cue[0], index) if cue is not None and len(cue) else None
            if via is not None and a.speaker is not None and via == (a.speaker.antecedent or a.speaker.span):
                via = None
            out.append(replace(a, via=via))
        return out
