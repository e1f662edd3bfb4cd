"""Find attributions in a parsed `Doc`: direct quotations, reported speech and mixed forms.

1. Quotation-mark spans (`quotemarks.find_all_quoted`) each get the nearest cue word of
   their sentence(s) outside any sibling quotation, preferring a cue whose clause contains
   the quotation; a quotation opened after a colon takes the cue of the clause before it.
2. A cue whose `that`-clause contains its quotation and more makes one mixed attribution.
3. Cue words left over introduce reported speech: their `ccomp`/`xcomp` clause, or, for
   "according to X", the clause the phrase hangs from.
4. A quotation with no cue of its own continues the previous speaker's when it follows
   within a paragraph; a short one (a few words) without a cue is framing, not speech.
5. An attribution inside another's content is relayed by the outer speaker (`via`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from . import syntax
from .quotemarks import Quoted, find_all_quoted, word_count
from .speakers import ActorIndex, Speaker, speaker_at, via_of

SHORT_QUOTE_WORDS = 4  # a quotation this short needs a cue whose clause holds it
_MARKUP = re.compile(r"\w=[\"“]|^[\"“”]{2}")  # attribute="value" of embedded markup (tweets)
CONTINUATION_CHARS = 600  # how far back a cue-less quotation looks for the speaker it continues


@dataclass(frozen=True)
class Attribution:
    content: tuple[tuple[int, int], ...]
    kind: str  # direct, indirect, mixed
    cue: str | None = None
    cue_span: tuple[int, int] | None = None
    speaker: Speaker | None = None
    via: tuple[int, int] | None = None

    @property
    def envelope(self) -> tuple[int, int]:
        return self.content[0][0], self.content[-1][1]


def _overlapping(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return min(a[1], b[1]) > max(a[0], b[0])


def _inside(span: tuple[int, int], outer: tuple[int, int]) -> bool:
    return outer[0] <= span[0] and span[1] <= outer[1]


def _innermost(quoted: list[Quoted], start: int, end: int, exclude: Quoted | None = None) -> Quoted | None:
    best = None
    for q in quoted:
        if q is not exclude and q.start <= start and end <= q.end:
            if best is None or q.end - q.start < best.end - best.start:
                best = q
    return best


def _title_like(text: str) -> bool:
    """“Jane The Virgin”, “Meet the Press”: every longer word capitalized."""
    words = [w for w in re.findall(r"[^\W\d_]+", text) if len(w) > 3]
    ends_sentence = text.rstrip("”\"’").endswith((".", "?", "!"))
    return bool(words) and all(w[0].isupper() for w in words) and not ends_sentence


def _cue_span(token: Token) -> tuple[int, int]:
    to = syntax.according_to(token)
    last = to if to is not None else token
    return token.idx, last.idx + len(last)


class Extractor:
    """Compiled once per component: the cue lexicon and the person nouns."""

    def __init__(self, verbs: dict[str, str], person_nouns: frozenset[str]) -> None:
        self.verbs = verbs
        self.person_nouns = person_nouns

    def cues(self, doc: Doc, skip) -> list[Token]:
        return [t for t in doc if (syntax.is_cue(t, self.verbs) or syntax.according_to(t) is not None)
                and not skip(t.idx, t.idx + len(t))]

    def __call__(self, doc: Doc, actors, skip=lambda s, e: False) -> list[Attribution]:
        text = doc.text
        index = ActorIndex(actors)
        quoted = [q for q in find_all_quoted(text) if not skip(q.start, q.end)
                  and not _MARKUP.search(text[q.start:q.end]) and word_count(text[q.start:q.end])]
        cues = self.cues(doc, skip)
        by_cue: dict[int, list[Quoted]] = {}
        cueless: list[Quoted] = []
        for q in quoted:
            cue, governs = self._cue_for(doc, q, quoted, cues)
            short = word_count(text[q.start:q.end]) <= SHORT_QUOTE_WORDS
            if short and (not governs or _title_like(text[q.start:q.end])):
                continue  # a scare quote, a title or a term in passing: framing, not speech
            if cue is None:
                cueless.append(q)
            else:
                by_cue.setdefault(cue.i, []).append(q)
        found: list[Attribution] = []
        used: set[int] = set()
        for i, qs in by_cue.items():
            used.add(i)
            found += self._direct(doc, doc[i], qs, index)
        for token in cues:
            if token.i in used:
                continue
            attribution = self._indirect(token, index)
            if attribution is not None and all(a.content != attribution.content for a in found):
                found.append(attribution)
        for attribution in self._headline_colons(doc, index, quoted, skip):
            if not any(_overlapping(attribution.envelope, a.envelope) for a in found):
                found.append(attribution)
        found.sort(key=lambda a: a.envelope)
        found = self._continuations(text, cueless, found)
        found = self._resolve_pronouns(doc, found, index)
        return self._relays(found, index, doc)

    # -- direct quotations -------------------------------------------------------------
    def _cue_for(self, doc: Doc, q: Quoted, quoted: list[Quoted], cues: list[Token]
                 ) -> tuple[Token | None, bool]:
        """The cue of a quotation, and whether the cue's clause contains the quotation."""
        container = _innermost(quoted, q.start, q.end, exclude=q)
        first = syntax.sentence_of(doc, q.start)
        last = syntax.sentence_of(doc, max(q.start, q.end - 1))
        if first is None or last is None:
            return None, False
        lo, hi = first.start_char, last.end_char
        if container is not None:
            lo, hi = max(lo, container.start), min(hi, container.end)
        candidates = []
        for token in cues:
            t_start, t_end = token.idx, token.idx + len(token)
            if not (lo <= t_start and t_end <= hi) or q.start <= t_start < q.end:
                continue
            if _innermost(quoted, t_start, t_end) is not container:
                continue
            s_start, s_end = syntax.subtree_span(token)
            governs = s_start <= q.start < s_end or s_start < q.end <= s_end
            distance = q.start - t_end if t_end <= q.start else t_start - q.end
            candidates.append((not governs, distance, token))
        if candidates:
            best = min(candidates, key=lambda c: (c[0], c[1]))
            return best[2], not best[0]
        before = doc.text[lo if container else max(0, q.start - 400):q.start].rstrip()
        if before.endswith(":"):
            sentence = syntax.sentence_of(doc, len(before) - 1 + (lo if container else max(0, q.start - 400)))
            if sentence is not None:
                verbs = [t for t in sentence if t in cues] or [sentence.root]
                return verbs[-1], True
        return None, False

    def _direct(self, doc: Doc, cue: Token, qs: list[Quoted], index: ActorIndex) -> list[Attribution]:
        speaker = self._speaker(cue, index)
        kind = self.verbs.get(cue.lemma_.lower(), "speech")
        clause = syntax.content_of(cue, kind)
        spans = sorted((q.start, q.end) for q in qs)
        cue_span = _cue_span(cue)
        if clause is not None and any(_inside(s, clause) and s != clause for s in spans) \
                and clause[1] - clause[0] > max(e - s for s, e in spans) + 3:
            rest = tuple(s for s in spans if not _inside(s, clause))
            content = tuple(sorted((clause, *rest)))
            return [Attribution(content, "mixed", doc.text[slice(*cue_span)], cue_span, speaker)]
        return [Attribution(tuple(spans), "direct", doc.text[slice(*cue_span)], cue_span, speaker)]

    # -- reported speech ---------------------------------------------------------------
    def _indirect(self, token: Token, index: ActorIndex) -> Attribution | None:
        to = syntax.according_to(token)
        if to is not None:
            objects = [c for c in to.children if c.dep_ == "pobj"]
            content = syntax.according_content(token)
            if not objects or content is None or content[1] - content[0] < 3:
                return None
            speaker = speaker_at(objects[0], index, self.person_nouns)
            cue_span = _cue_span(token)
            return Attribution((content,), "indirect", token.doc.text[slice(*cue_span)], cue_span, speaker)
        kind = self.verbs[token.lemma_.lower()]
        content = syntax.content_of(token, kind)
        if content is None or content[1] - content[0] < 3:
            return None
        speaker = self._speaker(token, index)
        if speaker is None:
            return None
        cue_span = _cue_span(token)
        return Attribution((content,), "indirect", token.doc.text[slice(*cue_span)], cue_span, speaker)

    def _speaker(self, cue: Token, index: ActorIndex) -> Speaker | None:
        if syntax.according_to(cue) is not None:
            objects = [c for c in syntax.according_to(cue).children if c.dep_ == "pobj"]
            return speaker_at(objects[0], index, self.person_nouns) if objects else None
        head = None
        if not any(c.dep_ in syntax.SUBJECT_DEPS for c in cue.children):
            # "…, noting that …": the subject of the nearest cue verb above, if any.
            head = next((syntax.subject_of(a, 0) for a in cue.ancestors
                         if syntax.is_cue(a, self.verbs) and syntax.subject_of(a, 0) is not None), None)
        head = head or syntax.subject_of(cue)
        if head is None:
            for child in cue.children:  # passive "… was said by X"
                if child.dep_ == "agent":
                    head = next((c for c in child.children if c.dep_ == "pobj"), None)
        return speaker_at(head, index, self.person_nouns) if head is not None else None

    def _headline_colons(self, doc: Doc, index: ActorIndex, quoted: list[Quoted], skip) -> list[Attribution]:
        """"Sanders: I'm not much of a socialist": a short name, a colon, then what it says."""
        out = []
        for token in doc:
            if token.text != ":" or skip(token.idx, token.idx + 1) \
                    or _innermost(quoted, token.idx, token.idx + 1):
                continue
            sent = token.sent
            left = doc[sent.start:token.i]
            if not 1 <= len(left) <= 5 or any(t.pos_ in ("VERB", "AUX") for t in left):
                continue
            named = [a for a in index.overlapping((left.start_char, left.end_char))
                     if a.kind in ("person", "media", "government", "party", "organization")]
            content = syntax.trim(doc.text, token.idx + 1, sent.end_char)
            if not named or word_count(doc.text[slice(*content)]) < 3:
                continue
            a = named[-1]
            cue_span = (token.idx, token.idx + 1)
            out.append(Attribution((content,), "indirect", ":", cue_span,
                                   Speaker((a.start, a.end), None, a.kind)))
        return out

    # -- linking -----------------------------------------------------------------------
    def _continuations(self, text: str, cueless: list[Quoted], found: list[Attribution]) -> list[Attribution]:
        out = list(found)
        for q in cueless:
            if word_count(text[q.start:q.end]) <= SHORT_QUOTE_WORDS:
                continue
            previous = [a for a in out if a.envelope[1] <= q.start and a.speaker is not None
                        and q.start - a.envelope[1] <= CONTINUATION_CHARS]
            if not previous:
                continue  # no speaker in reach: a slogan, a sign, a headline
            speaker = previous[-1].speaker
            out.append(Attribution(((q.start, q.end),), "direct", None, None, speaker))
        return sorted(out, key=lambda a: a.envelope)

    def _resolve_pronouns(self, doc: Doc, found: list[Attribution], index: ActorIndex) -> list[Attribution]:
        """"he said" takes the previous named person speaker when there is one."""
        out, last_person = [], None
        for a in found:
            s = a.speaker
            if s is not None and s.kind == "person":
                pronoun = doc.text[slice(*s.span)].lower() in ("he", "she")
                if pronoun and last_person is not None and (s.antecedent is None or
                                                            last_person[0] > s.antecedent[0]):
                    s = replace(s, antecedent=last_person)
                    a = replace(a, speaker=s)
                if not pronoun or s.antecedent:
                    last_person = s.antecedent or s.span
            out.append(a)
        return out

    def _relays(self, found: list[Attribution], index: ActorIndex, doc: Doc) -> list[Attribution]:
        out = []
        for a in found:
            anchor = a.cue_span or a.envelope
            outer = [b for b in found if b is not a and b.speaker is not None
                     and any(_inside(anchor, c) for c in b.content) and b.envelope != a.envelope]
            via = None
            own = (a.speaker.antecedent or a.speaker.span) if a.speaker else None
            for b in sorted(outer, key=lambda b: b.envelope[1] - b.envelope[0]):
                relay = b.speaker.antecedent or b.speaker.span
                if relay != own and doc.text[slice(*relay)] != doc.text[slice(*own or (0, 0))]:
                    via = relay
                    break
            if via is None and a.cue_span is not None:
                cue = doc.char_span(*a.cue_span, alignment_mode="expand")
                via = via_of(cue[0], index) if cue is not None and len(cue) else None
            if via is not None and a.speaker is not None and via == (a.speaker.antecedent or a.speaker.span):
                via = None
            out.append(replace(a, via=via))
        return out
