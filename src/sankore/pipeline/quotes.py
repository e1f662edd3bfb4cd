"""The `sankore_quotes` component: quotations, reported speech and the voice of each sentence.

Reads the parse and `doc._.actors`; writes `doc._.quotes` (one `QuoteMention` per content
fragment: "“A,” he said, “B.”" gives two mentions sharing the cue) and `doc._.voices` (one
`SentenceVoice` per sentence outside boilerplate). The rules live in `sankore.attribution`.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..attribution import lexicon
from ..attribution.extract import Attribution, Extractor
from ..attribution.voices import sentence_voice
from ..mentions import QuoteMention, SentenceVoice
from ..spans import Overlaps
from .extensions import in_boilerplate, register_extensions


def to_mentions(text: str, attributions: list[Attribution]) -> tuple[list[QuoteMention], list[int]]:
    """Mentions in document order, and the index of each attribution's first mention."""
    mentions: list[QuoteMention] = []
    first: list[int] = []
    for a in attributions:
        first.append(len(mentions))
        s = a.speaker
        for start, end in a.content:
            mentions.append(QuoteMention(
                start=start, end=end, text=text[start:end], kind=a.kind, cue=a.cue, cue_span=a.cue_span,
                speaker_span=s.span if s else None, antecedent_span=s.antecedent if s else None,
                via_span=a.via))
    return mentions, first


class QuoteFinder:
    def __init__(self, nlp: Language, name: str = "sankore_quotes") -> None:
        register_extensions()
        self.extract = Extractor(lexicon.cue_lexicon(), lexicon.person_nouns())

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text  # `Doc.text` joins every token anew at each access: read it once
        attributions = self.extract(doc, doc._.actors, skip=lambda s, e: in_boilerplate(doc, s, e))
        mentions, first = to_mentions(text, attributions)
        # Each sentence is weighed against the attributions whose content reaches it, found
        # by bisection: not against every attribution of a long document.
        contents = Overlaps([(s, e, i) for i, a in enumerate(attributions) for s, e in a.content])
        voices = []
        for sent in doc.sents:
            if not text[sent.start_char:sent.end_char].strip() \
                    or in_boilerplate(doc, sent.start_char, sent.end_char):
                continue
            span = (sent.start_char, sent.end_char)
            which = sentence_voice(span, text, attributions, dict.fromkeys(contents.every(span)))
            voices.append(SentenceVoice(sent.start_char, sent.end_char,
                                        "author" if which is None else "attributed",
                                        None if which is None else first[which]))
        doc._.quotes = mentions
        doc._.voices = voices
        return doc


@Language.factory("sankore_quotes", assigns=["doc._.quotes", "doc._.voices"], requires=["doc._.actors"])
def make_quote_finder(nlp: Language, name: str) -> QuoteFinder:
    return QuoteFinder(nlp, name)
