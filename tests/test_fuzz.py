"""The fuzz harness (issue 21), a fixed budget in CI: random and adversarial text, bytes,
CSV/JSONL/HTML/WARC/feed files and CLI options against the invariants in fuzz_support.py.

Deterministic (derandomize): CI runs the same examples each time, so a failure here is a
regression, not bad luck. benchmarks/fuzz_long.py runs the same targets with fresh seeds
and a budget of 100,000 inputs and more.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sankore.api import Failure, analyze_many
from sankore.cli import main
from sankore.output import atomic_output
from sankore.pipeline import get_pipeline
from sankore.readers import Article
from sankore.store import open_store

from .fuzz_support import adversarial_text, check_record, file_bytes, read_bytes, store_is_sound

pytestmark = pytest.mark.slow

# Examples per target in CI (a few minutes in all); the long run multiplies them.
BUDGET = {"readers": 300, "analysis": 120, "files": 60, "output": 200, "cli": 80}
SETTINGS = dict(deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
STORE = Path(tempfile.mkdtemp(prefix="sankore-fuzz-")) / "fuzz.db"


def analyse_and_store(articles: list[Article | str]) -> int:
    """Analyse, check each record, store it and read it back; returns the records made."""
    made = 0
    with open_store(STORE) as store:
        for item in analyze_many(articles, nlp=get_pipeline(), errors="yield"):
            if isinstance(item, Failure):
                assert item.code.startswith("S") and item.reason, item
                continue
            check_record(item)
            store.add(item)
            assert store.get(item.doc.id) is not None
            made += 1
    return made


@settings(max_examples=BUDGET["readers"], **SETTINGS)
@given(file_bytes())
def test_readers_yield_articles_or_failures_only(sample):
    read_bytes(*sample)


@settings(max_examples=BUDGET["analysis"], **SETTINGS)
@given(st.lists(adversarial_text(), min_size=1, max_size=4))
def test_analysis_keeps_every_invariant(texts):
    analyse_and_store(list(texts))


@settings(max_examples=BUDGET["files"], **SETTINGS)
@given(file_bytes())
def test_files_from_reader_to_store(sample):
    articles = [a for a in read_bytes(*sample) if isinstance(a, Article)]
    if articles:
        analyse_and_store(articles)


def test_the_store_stays_sound():
    """After the targets above (same module, in order): SQLite's integrity checks pass."""
    if STORE.exists():
        store_is_sound(STORE)


NAMES = st.text(st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)),
                min_size=1, max_size=30).filter(lambda n: n not in (".", "..", "-"))


@settings(max_examples=BUDGET["output"], **SETTINGS)
@given(NAMES, st.text(max_size=200).map(lambda t: t.encode("utf-8", "replace").decode("utf-8")),
       st.booleans(), st.booleans())
def test_output_writes_only_its_target(name, content, exists, fail):
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / name
        if exists:
            target.write_text("old")
        try:
            with atomic_output(target) as out:
                out.write(content)
                if fail:
                    raise KeyError("interrupted")
        except KeyError:
            pass
        assert os.listdir(folder) == ([name] if exists or not fail else [])
        if target.exists():
            assert target.read_text(encoding="utf-8") == ("old" if fail else content)


OPTION_VALUES = st.one_of(st.sampled_from(["", " ", "-1", "0", "inf", "nan", "1e309", "RUS GOV", "[/]",
                                           "2024-13-01", "0001-01-01", "9999-12-31", "91,181", "a,b",
                                           "ASSAULT", "bogus", "\x1b[31m", "é"]),
                          st.text(max_size=12))
QUERY_OPTIONS = ["--actor", "--target", "--type", "--since", "--until", "--near", "--radius",
                 "--source", "--min-confidence", "--format"]


@settings(max_examples=BUDGET["cli"], **SETTINGS)
@given(st.lists(st.tuples(st.sampled_from(QUERY_OPTIONS), OPTION_VALUES), max_size=4),
       st.sampled_from(["events", "relations"]))
def test_query_options_never_raise(options, command):
    args = [command, "--db", str(STORE)] + [part for pair in options for part in pair]
    result = CliRunner().invoke(main, args)
    assert result.exit_code in (0, 1, 2), (args, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.exception)
