"""The command line, run as a user runs it (a real subprocess on real files)."""

import json
import subprocess
import sys

from .conftest import EXAMPLE

SANKORE = [sys.executable, "-m", "sankore.cli"]


def run(*args, stdin: str | None = None):
    return subprocess.run([*SANKORE, *args], input=stdin, capture_output=True, text=True,
                          timeout=300)


def test_analyze_example_prints_a_sankore_record():
    result = run("analyze", str(EXAMPLE))
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["schema"] == "sankore/1"
    assert record["doc"]["published"] == "2025-04-30"
    assert record["doc"]["author"] == "Abayomi Azikiwe"


def test_batch_with_bad_inputs_reports_each_and_exits_1(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (tmp_path / "dump.csv").write_text('text,date\n"Troops left Mali.",2020-01-01\n'
                                       '"a","b","c"\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = run("analyze", str(tmp_path / "empty.txt"), str(tmp_path / "binary.txt"),
                 str(tmp_path / "dump.csv"), str(tmp_path / "missing.txt"),
                 "--format", "jsonl", "-o", str(out))
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("sankore: error:")]
    assert len(errors) == 4
    assert any("empty.txt: empty file" in e for e in errors)
    assert any("binary.txt: binary file" in e for e in errors)
    assert any("dump.csv:3: malformed CSV row" in e for e in errors)
    assert any("missing.txt: no such file" in e for e in errors)
    lines = out.read_text("utf-8").splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["doc"]["published"] == "2020-01-01"


def test_stdin_and_published_option():
    result = run("analyze", "-", "--published", "2025-04-30", "--format", "jsonl",
                 stdin="Niger's foreign minister, Bakari Yaou Sangare, visited Moscow last year.")
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["doc"]["published"] == "2025-04-30"
    assert any(e["name"] == "Bakari Yaou Sangare" and e["country"] == "NER"
               for e in record["entities"])


def test_event_coder_option_picks_the_packaged_model():
    text = "Russia pledged to send military equipment to Niger on Tuesday."
    types = {}
    for coder in ("embeddings", "lexical"):
        result = run("analyze", "-", "--published", "2025-04-30", "--format", "jsonl",
                     "--event-coder", coder, stdin=text)
        assert result.returncode == 0, result.stderr
        types[coder] = [e["type"] for e in json.loads(result.stdout)["events"]]
    assert types["embeddings"] and types["lexical"], types
    bad = run("analyze", "-", "--event-coder", "neural", stdin=text)
    assert bad.returncode == 2 and "embeddings" in bad.stderr and "lexical" in bad.stderr
    wrong_task = run("eval", "time", "--gold", str(EXAMPLE), "--event-coder", "lexical")
    assert wrong_task.returncode == 2 and "events task only" in wrong_task.stderr


def test_bad_published_date_is_a_usage_error():
    result = run("analyze", str(EXAMPLE), "--published", "30/04/2025")
    assert result.returncode == 2 and "YYYY-MM-DD" in result.stderr


def test_failed_output_leaves_an_existing_file_untouched(tmp_path):
    out = tmp_path / "out.json"
    out.write_text("precious", encoding="utf-8")
    result = run("analyze", str(tmp_path / "missing.txt"), "-o", str(out))
    assert result.returncode == 1
    assert out.read_text("utf-8") == "precious"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]  # no temp file left


def test_table_format_shows_records_with_their_spans():
    result = run("analyze", str(EXAMPLE), "--format", "table")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Alliance of Sahel States" in out and "published 2025-04-30" in out
    assert "RUS GOV" in out and "2025-04-15/2025-04-16" in out
