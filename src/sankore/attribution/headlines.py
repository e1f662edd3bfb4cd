"""Title-case headlines: "Hillary Clinton Slams Donald Trump On Abortion", "Clinton Says
Russians Hacked DNC, Calls Trump’s Putin Remarks ‘Troubling’".

The parser reads a title-case headline as a run of proper nouns, so the cue verb is never a
verb there. News headlines have one shape for reports, though: a capitalized subject, a cue
verb in the present tense ("-s"), and what was said up to the end or up to the next ", Cue"
of the same subject. The verb is recognized by its word form against the cue lexicon (the
hand list and the learned table), so no headline word list is written here.
"""

from __future__ import annotations

import re

from .. import text as plain_text
from .cues import CueLexicon
from .syntax import trim

_WORD = re.compile(r"[^\W\d_][\w’'.-]*")
_QUESTION = {"why", "how", "what", "when", "where", "who", "which", "will", "can", "is", "does", "do"}
MAX_HEADLINE = 200
MAX_SUBJECT_WORDS = 6


def title_case(line: str) -> bool:
    """Most longer words capitalized: the parse of such a line is unreliable."""
    return plain_text.title_case(plain_text.long_words(line), share=0.8, min_words=3)


def _lemmas(word: str) -> list[str]:
    """Present-tense third-person forms back to their lemma: says, slams, endorses, denies."""
    w = word.lower().rstrip(".")
    if not w.endswith("s") or w.endswith(("ss", "’s", "'s", "us")):
        return []
    out = [w[:-1]]
    if w.endswith("es"):
        out.append(w[:-2])
    if w.endswith("ies"):
        out.append(w[:-3] + "y")
    return out


def _is_cue(word: str, lexicon: CueLexicon) -> bool:
    return any(lemma in lexicon.verbs or (lemma, "VERB") in lexicon.learned for lemma in _lemmas(word))


def headline_reports(text: str, lexicon: CueLexicon) -> list[tuple[tuple[int, int], tuple[int, int],
                                                                   tuple[int, int]]]:
    """(subject, cue, content) character spans of the reports in a title-case first line."""
    end = text.find("\n")
    end = len(text) if end < 0 else end
    line = text[:end]
    if not line or len(line) > MAX_HEADLINE or ":" in line or not title_case(line):
        return []
    words = [(m.start(), m.end()) for m in _WORD.finditer(line)]
    cues = [i for i, (s, e) in enumerate(words) if i > 0 and _is_cue(line[s:e], lexicon)]
    if not cues or cues[0] > MAX_SUBJECT_WORDS:
        return []
    subject = words[:cues[0]]
    if line[subject[0][0]:subject[0][1]].lower() in _QUESTION \
            or not all(line[s].isupper() for s, _ in subject) \
            or any(c in line[subject[0][0]:words[cues[0]][0]] for c in ",;‘“\"'"):
        return []
    subject_span = (subject[0][0], subject[-1][1])
    # a later cue starts a second report of the same subject only after a comma ("Says A, Calls B")
    cues = [i for i in cues if i == cues[0] or line[words[i - 1][1]:words[i][0]].strip() == ","]
    out = []
    for n, i in enumerate(cues):
        stop = words[cues[n + 1] - 1][1] if n + 1 < len(cues) else len(line)
        content = trim(text, words[i][1], stop)
        if content[1] - content[0] >= 3:
            out.append((subject_span, words[i], content))
    return out
