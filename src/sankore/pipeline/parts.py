"""Documents longer than spaCy's `nlp.max_length` (1,000,000 characters), analysed whole.

spaCy refuses such a text (E088) because its parser and tagger hold the whole document's
activations at once. Cutting it into parts of at most `PART_CHARS` at paragraph (else
sentence, else word) boundaries, running spaCy's own components on each part and joining
the parsed parts with `Doc.from_docs` bounds that memory by the part, not the document;
Sankore's components then run once over the joined `Doc`, so ids and spans are those of
one document. A sentence is never cut in two unless it is longer than a part.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

PART_CHARS = 100_000
_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"[.!?][\"')\]]*\s"), re.compile(r"\s"))


def cut_points(text: str, size: int = PART_CHARS) -> list[int]:
    """Offsets that cut `text` into parts of at most `size` characters, each ending just
    after a paragraph break where there is one (else a line, a sentence, a space)."""
    points = [0]
    while len(text) - points[-1] > size:
        start, end = points[-1], points[-1] + size
        cut = None
        for pattern in _BREAKS:
            ends = [m.end() for m in pattern.finditer(text, start + size // 2, end)]
            if ends:
                cut = ends[-1]
                break
        points.append(cut or end)
    return points + [len(text)]


def is_long(nlp: Language, text: str) -> bool:
    return len(text) > nlp.max_length


def parsed_in_parts(nlp: Language, text: str, size: int = PART_CHARS) -> Doc:
    """`text` through spaCy's own components part by part, joined into one `Doc` (whose text
    is `text`, character for character); Sankore's components have not run on it yet."""
    points = cut_points(text, min(size, nlp.max_length))
    parts = [text[a:b] for a, b in zip(points, points[1:], strict=False)]
    spacy_names = [name for name in nlp.pipe_names if not name.startswith("sankore_")]
    with nlp.select_pipes(enable=spacy_names):
        docs = list(nlp.pipe(parts, batch_size=1))
    doc = Doc.from_docs(docs, ensure_whitespace=False)
    assert doc.text == text, "parts must join back into the text"
    return doc


def finish(nlp: Language, doc: Doc, component_cfg: Mapping[str, Mapping[str, Any]] | None = None) -> Doc:
    """Run Sankore's components, in pipeline order, on a `Doc` spaCy has parsed;
    `component_cfg`: keyword arguments per component, as `nlp.pipe` takes them."""
    for name, component in nlp.pipeline:
        if name.startswith("sankore_"):
            doc = component(doc, **(component_cfg or {}).get(name, {}))
    return doc
