"""Build `resources/data/cameo_verbs.tsv`, the second trigger lexicon, from PETRARCH's CAMEO
verb dictionary and the CAMEO -> PLOVER conversion table.

`python -m training.events.build_cameo_verbs [--dictionary FILE] [--table FILE]`

Why: the hand-written lexicon (`plover_triggers.tsv`, ~600 entries) misses verbs that no one
wrote down, and writing more of them from the GSR's training records stopped carrying over to
unseen records. The CAMEO verb dictionary of TABARI and PETRARCH (Open Event Data Alliance,
MIT; 397 groups of synonymous verbs, 1,817 verbs in all, each group with a default CAMEO code
and 4,158 verb-object patterns) is the largest expert-built resource of its kind; the CAMEO -> PLOVER table
(CAMEO2PLOVER-2021, CC BY-SA 4.0) turns its codes into PLOVER types and modes. Nothing here
reads the GSR records.

Input: `vendor/petrarch2/CAMEO.2.0.normalized.txt` (see its README: the dictionary's lines
with comments dropped and spaces collapsed). What is converted:
- a group's verbs (and a member's own code, "COME … [---]") with the group's default code;
- a pattern whose words all follow the verb ("- * SANCTIONS [163]", "- * (TO BORDER) [154]",
  "- * {ARMS SHIPMENT} [072]"), its synonym sets ("&CURRENCY") expanded to their head words.
  A pattern with words before the verb constrains the subject, which the trigger lexicon
  cannot express: skipped. The first code of a source:target pair ("[042:043]") is the
  actor's; "[---]" and codes PLOVER dropped (CAMEO 01 statements, 02 appeals) give a NONE
  entry, which blocks the less specific ones ("- ELECTION *").
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from ..paths import RESOURCES, SHARED_EVENTS, VENDOR

DICTIONARY = VENDOR / "petrarch2" / "CAMEO.2.0.normalized.txt"
OUT = RESOURCES / "cameo_verbs.tsv"
# The second lexicon is read only for sentences the first finds nothing in; among its own
# matches a verb-object pattern outranks a bare verb's default (the main event goes to the
# strongest trigger), and both rank below the hand-written lexicon's usual 0.6-1.0.
GROUP_WEIGHT = 0.45
PATTERN_WEIGHT = 0.6
_DROP = {"a", "an", "the"}
_CODE = re.compile(r"\[([0-9A-Z:-]*)\]\s*$")

HEADER = """# Sankore's second trigger lexicon: PETRARCH's CAMEO verb dictionary, coded in PLOVER.
# Built by training/events/build_cameo_verbs.py; do not edit by hand.
# Sources: openeventdata/petrarch2 petrarch2/data/dictionaries/CAMEO.2.0.txt (commit 486cb963),
# "The MIT License (MIT) Copyright (c) 2015 Open Event Data Alliance" (notice in
# vendor/petrarch2/README.md); PLOVER CAMEO2PLOVER-2021.txt, CC BY-SA 4.0, Copyright 2016 Open
# Event Data Alliance, so this derived list is CC BY-SA 4.0 as well.
# Lines, in the dictionary's order: S name, words (a synonym set that patterns name as
# "&name"); G verbs|… (a verb group); V verb, its default; P words after the verb, for each
# verb of the last G. Types, modes, CAMEO roots and weights as plover_triggers.tsv; NONE marks
# what CAMEO codes as no event (its statements and appeals, which PLOVER dropped, among them).
"""


def read_table(path: Path) -> dict[str, tuple[str, str]]:
    """CAMEO code -> (PLOVER type, mode or '-')."""
    table: dict[str, tuple[str, str]] = {}
    for line in path.read_text("utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or ":" not in line:
            continue
        code, rest = line.split(":", 1)
        fields = [f.strip() for f in rest.split(",")]
        if not code.strip().isdigit() or not fields[0]:
            continue
        mode = fields[1] if len(fields) > 1 and fields[1] else "-"
        # A two-digit line that repeats (08 CONCEDE, 08 RETREAT) names the root's first type.
        table.setdefault(code.strip(), (fields[0], mode))
    return table


def plover(code: str, table: dict[str, tuple[str, str]]) -> tuple[str, str, str] | None:
    """(type, mode, CAMEO root) for a dictionary code; None for no event."""
    code = code.split(":")[0]
    if not code.isdigit():
        return None
    for k in range(len(code), 1, -1):
        if code[:k] in table:
            type_, mode = table[code[:k]]
            return type_, mode, code[:2]
    return None


def _words(item: str) -> list[str]:
    return [w for w in item.strip("+_").replace("_", " ").lower().split() if w]


def parse(lines: list[str]) -> tuple[dict[str, list[str]], list[dict]]:
    """(synonym sets, groups) where a group is {code, verbs: [(words, code)], patterns: [(tokens, code)]}."""
    synsets: dict[str, list[str]] = {}
    groups: list[dict] = []
    current_set = None
    for line in lines:
        # A few source comments follow a code without the usual space ("[193]# pas …").
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("~"):
            continue  # "~" lines are PETRARCH's transformation rules, not verbs
        if line.startswith("---"):
            name_code = _CODE.search(line.rstrip(" -"))
            groups.append({"code": name_code.group(1) if name_code else "---", "verbs": [], "patterns": []})
            current_set = None
        elif not groups:
            if line.startswith("&"):
                current_set = line[1:].strip().upper()
                synsets[current_set] = []
            elif line.startswith("+") and current_set:
                synsets[current_set].append(line[1:].strip())
        elif line.startswith("-"):
            found = _CODE.search(line)
            if found:
                tokens = line[1:found.start()].replace("*", " * ").split()  # "- *SCEPTICAL" too
                groups[-1]["patterns"].append((tokens, found.group(1)))
        else:
            found = _CODE.search(line)
            head = re.sub(r"\{[^}]*\}", " ", line[:found.start()] if found else line).split()
            if head:
                groups[-1]["verbs"].append((_words(head[0]), found.group(1) if found else None))
    return synsets, groups


def pattern_words(tokens: list[str]) -> list[str] | None:
    """The words a post-verb pattern names ("&CURRENCY" kept as a set's name); None when it
    constrains the words before the verb."""
    if "*" not in tokens:
        return None
    pre = [t for t in tokens[:tokens.index("*")] if t not in ("$", "+", "%")]
    if pre:
        return None
    words: list[str] = []
    for tok in tokens[tokens.index("*") + 1:]:
        tok = tok.strip("{}()")
        if not tok or tok in ("$", "+", "%", "^") or tok.startswith("^"):
            continue
        words.extend(["&" + tok[1:].lower()] if tok.startswith("&") else _words(tok))
    return [w for w in words if w not in _DROP] or None


def build(dictionary: Path, table_path: Path) -> list[str]:
    """The lexicon's lines, grouped as the dictionary is: S (a synonym set's one-word members),
    G (a group's verbs), V (a verb's own default), P (a pattern of the last G's verbs)."""
    # Words stay as the dictionary writes them, lower-cased: verbs are listed in their base
    # form, and a pattern's noun is compared with both the lemma and the form of the word in
    # the text (`lexicon.token_match`); the rule lemmatizer, out of context, mangles both
    # ("speed" -> "spee", "analysis" -> "analysi").
    def coded(code: str | None) -> str:
        found = plover(code or "", table)
        return "\t".join(found[:2] + (found[2],)) if found else "NONE\t-\t--"

    table = read_table(table_path)
    synsets, groups = parse(dictionary.read_text("utf-8").splitlines())
    used = {w[1:] for g in groups for tokens, _ in g["patterns"] for w in pattern_words(tokens) or []
            if w.startswith("&")}
    lines = [HEADER + "kind\twords\ttype\tmode\tcameo\tweight"]
    for name in sorted(used):
        # Multi-word members ("UNMANNED_AERIAL_SYSTEM") would leave a vague head ("system").
        heads = sorted({w[0] for m in synsets.get(name.upper(), []) if len(w := _words(m)) == 1})
        lines.append(f"S\t{name}\t{' '.join(heads)}\t-\t-\t-")
    for group in groups:
        verbs = [(" ".join(v), own) for v, own in group["verbs"] if v]
        if not verbs:
            continue
        lines.append(f"G\t{'|'.join(v for v, _ in verbs)}\t-\t-\t-\t-")
        for verb, own in verbs:
            lines.append(f"V\t{verb}\t{coded(own if own is not None else group['code'])}\t{GROUP_WEIGHT}")
        seen = set()
        for tokens, code in group["patterns"]:
            words = pattern_words(tokens)
            if words:
                line = f"P\t{' '.join(words)}\t{coded(code)}\t{PATTERN_WEIGHT}"
                if line not in seen:
                    seen.add(line)
                    lines.append(line)
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dictionary", type=Path, default=DICTIONARY)
    parser.add_argument("--table", type=Path, default=SHARED_EVENTS / "plover" / "CAMEO2PLOVER-2021.txt")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    lines = build(args.dictionary, args.table)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    kinds = [line.split("\t", 1)[0] for line in lines[1:]]
    print(f"{kinds.count('G')} verb groups, {kinds.count('V')} verbs, {kinds.count('P')} patterns "
          f"-> {args.out}")


if __name__ == "__main__":
    main()
