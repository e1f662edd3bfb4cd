"""The attribution and framing lexicons shipped in `resources/data/` (TSV with '#' headers).

A user extends a lexicon by adding a line to the file, or by passing extra files to the
component (`extra_lexicons` in the component config), which are read the same way.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..resources import lexicons
from .cues import DEFAULT_THRESHOLD, CueLexicon

FRAMING_FILES = ("framing_hedges.tsv", "framing_loaded.tsv", "framing_intensifiers.tsv")

# Nouns that name a person by office or function: "the diplomat noted", "the minister said"
# refer back to a named person. Titles come from roles.tsv; these are the generic ones.
_GENERIC_PERSON_NOUNS = frozenset({
    "diplomat", "official", "leader", "spokesman", "spokeswoman", "spokesperson", "candidate",
    "nominee", "politician", "chairman", "chairwoman", "chair", "director", "founder", "aide",
    "adviser", "advisor", "strategist", "businessman", "businesswoman", "billionaire", "mogul",
    "lawyer", "attorney", "man", "woman", "president", "minister", "senator", "governor",
    "congressman", "congresswoman", "lawmaker", "mayor", "secretary", "ambassador", "envoy",
    "general", "commander", "chief", "frontrunner", "front-runner", "contender", "rival",
})


@lru_cache(maxsize=1)
def speech_verbs() -> dict[str, str]:
    """Lemma → kind (speech, cognition, evidence)."""
    return {row["lemma"]: row["kind"] for row in lexicons.read_tsv("speech_verbs.tsv")}


@lru_cache(maxsize=1)
def learned_cues() -> dict[tuple[str, str | None], float]:
    """(lemma, coarse POS) → share of its occurrences annotated as a cue (see learn_cues.py)."""
    return {(row["lemma"], row["pos"]): float(row["share"])
            for row in lexicons.read_tsv("speech_cues_learned.tsv")}


def cue_lexicon(threshold: float = DEFAULT_THRESHOLD) -> CueLexicon:
    return CueLexicon(speech_verbs(), learned_cues(), threshold)


@lru_cache(maxsize=1)
def person_nouns() -> frozenset[str]:
    titles = {title.split()[-1].lower() for title in lexicons.roles()}
    return frozenset(titles | _GENERIC_PERSON_NOUNS)


def _read_terms(text: str) -> list[tuple[str, str]]:
    rows = []
    header_seen = False
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if not header_seen and cells[0] == "term":
            header_seen = True
            continue
        if len(cells) >= 2 and cells[0].strip():
            rows.append((cells[0].strip(), cells[1].strip()))
    return rows


@lru_cache(maxsize=4)
def framing_terms(extra: tuple[str, ...] = ()) -> tuple[tuple[str, str], ...]:
    """(term, kind) pairs from the shipped framing lexicons plus any extra files."""
    from importlib.resources import files

    rows: list[tuple[str, str]] = []
    for name in FRAMING_FILES:
        rows += _read_terms((files("sankore") / "resources" / "data" / name).read_text("utf-8"))
    for path in extra:
        rows += _read_terms(Path(path).read_text("utf-8"))
    return tuple(rows)
