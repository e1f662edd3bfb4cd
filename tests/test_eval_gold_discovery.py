"""`sankore eval geo|time|quotes|actors` on gold of the same kind laid out otherwise: renamed
files, nested folders, one file instead of a folder, a PolNeAR split other than train/dev,
brat's side-by-side layout. Each variant is built in tmp_path from a few shared files; each
must be found and scored, and a folder with nothing of the task's format must fail with one
line naming the path (exit 1, no traceback)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from sankore.cli import main

from .conftest import EXAMPLE, ROOT, shared


def run_eval(task: str, gold: Path, *options: str):
    result = CliRunner().invoke(main, ["eval", task, "--gold", str(gold), *options])
    figures = json.loads(result.stdout) if result.exit_code == 0 else None
    return result, figures


def assert_clear_error(result, path: Path) -> None:
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    errors = [line for line in result.stderr.splitlines() if line.startswith("sankore: error:")]
    assert len(errors) == 1 and str(path) in errors[0], result.stderr


def copy(src: Path, dest: Path) -> Path:
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dest)
    return dest


# -- geo -------------------------------------------------------------------------------
def test_geo_nested_renamed_files_among_other_xml(tmp_path):
    copy(shared("geo", "lgl.xml"), tmp_path / "corpora" / "local" / "test_set.XML")
    copy(shared("geo", "GeoVirus.xml"), tmp_path / "corpora" / "virus.xml")
    (tmp_path / "corpora" / "config.xml").write_text("<config><a/></config>", "utf-8")
    (tmp_path / "README.md").write_text("notes", "utf-8")
    result, figures = run_eval("geo", tmp_path, "--limit", "2")
    assert result.exit_code == 0, result.output
    assert {name: part["docs"] for name, part in figures["datasets"].items()} == \
        {"test_set": 2, "virus": 2}
    assert figures["sankore"]["gold"] > 0 and figures["sankore"]["matched"] > 0


def test_geo_single_file_and_repeated_stems(tmp_path):
    from sankore.eval.geo import read_gold

    one = copy(shared("geo", "GeoVirus.xml"), tmp_path / "one" / "outbreaks.xml")
    assert {k: len(v) for k, v in read_gold(one).items()} == {"outbreaks": 229}
    # The same stem in two folders: two datasets, not one overwriting the other.
    copy(shared("geo", "lgl.xml"), tmp_path / "two" / "a" / "test.xml")
    copy(shared("geo", "GeoVirus.xml"), tmp_path / "two" / "b" / "test.xml")
    sizes = sorted(len(docs) for docs in read_gold(tmp_path / "two").values())
    assert sizes == [229, 588]


def test_geo_errors_name_the_path(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.txt").write_text("no XML here", "utf-8")
    assert_clear_error(run_eval("geo", tmp_path / "empty")[0], tmp_path / "empty")
    broken = tmp_path / "broken" / "lgl.xml"
    broken.parent.mkdir()
    broken.write_text("<articles><article>", "utf-8")
    assert_clear_error(run_eval("geo", tmp_path / "broken")[0], broken)


# -- time ------------------------------------------------------------------------------
def _timeml(n: int) -> list[Path]:
    return sorted(shared("time", "TBAQ-cleaned", "AQUAINT").glob("*.tml"))[:n]


def test_time_nested_symlinked_and_xml_suffixed_files(tmp_path):
    from sankore.eval.timeml import iter_timeml

    first, second, third = _timeml(3)
    copy(first, tmp_path / "gold" / "a" / "b" / first.name)
    copy(second, tmp_path / "gold" / second.with_suffix(".xml").name)  # TimeML under .xml
    (tmp_path / "gold" / "other.xml").write_text("<articles/>", "utf-8")  # not TimeML: passed over
    copy(third, tmp_path / "elsewhere" / third.name)
    (tmp_path / "gold" / "linked").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    docs = list(iter_timeml(tmp_path / "gold"))
    assert sorted(d.path.stem for d in docs) == sorted(p.stem for p in (first, second, third))
    assert all(d.timexes and d.dct for d in docs)
    result, figures = run_eval("time", tmp_path / "gold", "--limit", "2")
    assert result.exit_code == 0, result.output
    assert figures["documents"] == 2 and figures["sankore"]["counts"]["gold"] > 0


def test_time_single_file(tmp_path):
    one = copy(_timeml(1)[0], tmp_path / "doc.tml")
    result, figures = run_eval("time", one)
    assert result.exit_code == 0, result.output
    assert figures["documents"] == 1 and figures["sankore"]["counts"]["gold"] > 0


def test_time_errors_name_the_path(tmp_path):
    (tmp_path / "empty").mkdir()
    assert_clear_error(run_eval("time", tmp_path / "empty")[0], tmp_path / "empty")
    broken = tmp_path / "broken" / "a.tml"
    broken.parent.mkdir()
    broken.write_text("<TimeML><TEXT>cut off", "utf-8")
    assert_clear_error(run_eval("time", tmp_path / "broken")[0], broken)
    not_timeml = copy(shared("geo", "GeoVirus.xml"), tmp_path / "virus.xml")
    assert_clear_error(run_eval("time", not_timeml)[0], not_timeml)


# -- quotes ----------------------------------------------------------------------------
def _polnear(n: int) -> list[tuple[Path, list[Path]]]:
    """The first n dev articles with all their annotation files."""
    dev = shared("quotes", "dev")
    texts = sorted((dev / "text").glob("*.txt"))[:n]
    return [(t, sorted((dev / "attributions").glob(f"{t.stem}_*.ann"))) for t in texts]


def test_quotes_test_split_nested_deeper(tmp_path):
    from sankore.eval.quotes import find_pairs

    split = tmp_path / "PolNeAR" / "data" / "test"
    for text, anns in _polnear(3):
        copy(text, split / "text" / text.name)
        for ann in anns:
            copy(ann, split / "attributions" / ann.name)
    (tmp_path / "PolNeAR" / "README.txt").write_text("not an article", "utf-8")
    pairs = find_pairs(tmp_path)
    assert [(t.name, a.name) for t, a in pairs] == [(t.name, anns[0].name) for t, anns in _polnear(3)]
    result, figures = run_eval("quotes", tmp_path, "--limit", "2")
    assert result.exit_code == 0, result.output
    assert figures["documents"] == 2 and figures["sankore"]["gold"] > 0
    result, figures = run_eval("quotes", tmp_path / "PolNeAR" / "data", "--split", "test",
                               "--limit", "1")
    assert result.exit_code == 0 and figures["documents"] == 1, result.output


def test_quotes_brat_side_by_side_and_single_text(tmp_path):
    from sankore.eval.quotes import find_pairs

    for text, anns in _polnear(2):
        copy(text, tmp_path / text.name)
        copy(anns[0], tmp_path / f"{text.stem}.ann")  # brat's own naming: no annotator
    pairs = find_pairs(tmp_path)
    assert [a.stem for _, a in pairs] == [t.stem for t, _ in pairs] and len(pairs) == 2
    result, figures = run_eval("quotes", pairs[0][0])
    assert result.exit_code == 0, result.output
    assert figures["documents"] == 1 and figures["sankore"]["gold"] > 0


def test_quotes_errors_name_the_path(tmp_path):
    texts_only = tmp_path / "texts_only"
    copy(_polnear(1)[0][0], texts_only / "text" / "article.txt")  # no .ann anywhere
    assert_clear_error(run_eval("quotes", texts_only)[0], texts_only)
    assert_clear_error(run_eval("quotes", tmp_path, "--split", "test")[0], tmp_path / "test")


# -- actors ----------------------------------------------------------------------------
def _seed_items() -> list[dict]:
    lines = (ROOT / "gold" / "actors.jsonl").read_text("utf-8").splitlines()
    return [row for row in map(json.loads, lines) if row["source"].endswith(EXAMPLE.name)][:2]


def test_actors_gold_folder_nested_with_a_jsonl_source(tmp_path):
    copy(EXAMPLE, tmp_path / "articles" / "seed.txt")
    table = tmp_path / "articles" / "docs.jsonl"
    table.write_text(json.dumps({"doc_id": 7, "doc_text": EXAMPLE.read_text("utf-8")}) + "\n",
                     "utf-8")
    gold = tmp_path / "gold" / "set" / "sentences.jsonl"
    gold.parent.mkdir(parents=True)
    rows = [{**row, "source": "../../articles/seed.txt"} for row in _seed_items()]
    rows += [{**row, "source": "../../articles/docs.jsonl", "doc": "7"} for row in _seed_items()]
    gold.write_text("\n".join(json.dumps(r) for r in rows) + "\n", "utf-8")
    (tmp_path / "gold" / "config.json").write_text('{"version": 1}', "utf-8")  # not gold
    result, figures = run_eval("actors", tmp_path / "gold")
    assert result.exit_code == 0, result.output
    mentions = sum(len(row["mentions"]) for row in rows)
    assert figures["documents"] == 2 and figures["sentences"] == 4
    assert figures["sankore"]["gold"] == mentions and figures["sankore"]["matched"] > 0


@pytest.mark.parametrize("content", ['{"version": 1}\n', "plain text\n"])
def test_actors_errors_name_the_path(tmp_path, content):
    (tmp_path / "other.jsonl").write_text(content, "utf-8")
    assert_clear_error(run_eval("actors", tmp_path)[0], tmp_path)
    assert_clear_error(run_eval("actors", tmp_path / "other.jsonl")[0], tmp_path / "other.jsonl")
    moved = tmp_path / "moved.jsonl"  # a gold file away from the documents its paths name
    moved.write_text(json.dumps(_seed_items()[0]) + "\n", "utf-8")
    result = run_eval("actors", moved)[0]
    assert_clear_error(result, (tmp_path / _seed_items()[0]["source"]).resolve())
