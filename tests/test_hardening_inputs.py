"""Hardening (issue 21, items 3, 4, 6, 7, 9, 10): hostile and odd inputs to the readers, the
Python API and the terminal output. Each gets a clear one-line failure naming the file (and
line), or is read right; none stops the batch or the run's output."""

from __future__ import annotations

import gzip
import io
import json
import os
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.console import Console

import sankore
from sankore.cli import main
from sankore.errors import ReadError
from sankore.readers import Article, read_path
from sankore.readers.decode import decode
from sankore.records import Record
from sankore.table import render
from sankore.text import printable

from .conftest import EXAMPLE

LINE = "Chad asked French troops to leave the country on Thursday, officials said.\n"


def outcomes(path: Path) -> list[str]:
    return ["Article" if isinstance(item, Article) else str(item) for item in read_path(path)]


# -- item 3: files that stopped a run -------------------------------------------------------

def test_a_deeply_nested_jsonl_line_fails_alone(tmp_path):
    path = tmp_path / "deep.jsonl"
    path.write_text("[" * 100_000 + "\n" + json.dumps({"text": LINE}) + "\n")
    assert outcomes(path) == [f"{path}:1: malformed JSON line: nested too deeply", "Article"]


def test_a_file_name_that_is_not_utf8_is_shown_escaped_and_the_output_is_written(tmp_path, nlp):
    folder = tmp_path / "in"
    folder.mkdir()
    odd = os.fsdecode(b"caf\xe9.txt")  # Latin-1 bytes: a lone surrogate in Python
    (folder / odd).write_text(LINE)
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["analyze", str(folder), "--format", "jsonl", "-o", str(out)])
    assert result.exit_code == 0, result.output
    record = json.loads(out.read_text(encoding="utf-8"))
    assert record["doc"]["source"].endswith("caf\\xe9.txt")


def test_a_fifo_is_refused_not_waited_on(tmp_path):
    ok = tmp_path / "ok.txt"
    ok.write_text(LINE)
    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)
    items = list(read_path(ok)) + list(read_path(fifo))
    assert isinstance(items[0], Article)
    assert "not a regular file" in str(items[1])


def test_dangling_links_and_link_loops_are_reported_not_skipped(tmp_path):
    (tmp_path / "ok.txt").write_text(LINE)
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    got = outcomes(tmp_path)
    assert sum("dangling symbolic link" in g for g in got) == 1
    assert sum("cannot be followed" in g for g in got) == 1
    assert got.count("Article") == 1


# -- item 4: WARC -----------------------------------------------------------------------------

def warc(pages: int = 3) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    for n in range(pages):
        html = f"<html><head><title>Page {n}</title></head><body><article><p>{LINE * 30}</p>" \
               "</article></body></html>"
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.0")
        writer.write_record(writer.create_warc_record(
            f"http://example.org/{n}", "response", payload=io.BytesIO(html.encode()), http_headers=headers))
    return buffer.getvalue()


def test_a_bad_warc_date_is_dropped_not_a_failed_batch(tmp_path):
    """Found by the long fuzz run: a WARC-Date of '2024-01--2' became the article's date and
    failed the whole analysis batch ("Invalid isoformat string"). A sound date is kept."""
    data = warc(2).replace(b"WARC-Date: ", b"WARC-Date: X", 1)
    path = tmp_path / "dates.warc"
    path.write_bytes(data)
    articles = list(read_path(path))
    assert all(isinstance(a, Article) for a in articles) and len(articles) == 2
    assert articles[0].published is None and len(articles[1].published or "") == 10
    records = list(sankore.analyze_many(articles, errors="yield"))
    assert all(isinstance(r, Record) for r in records)


def test_a_truncated_warc_is_a_failure_not_half_a_page(tmp_path):
    data = warc()
    path = tmp_path / "cut.warc"
    path.write_bytes(data[: len(data) // 2])
    got = outcomes(path)
    assert got[0] == "Article" and "truncated" in got[-1] and len(got) == 2


def test_a_warc_header_then_garbage_is_a_failure(tmp_path):
    path = tmp_path / "garbage.warc"
    path.write_bytes(b"WARC/1.0\r\n" + b"\x01garbage" * 100)
    assert outcomes(path) == [f"{path}: not a readable WARC archive: a record without WARC headers"]


def test_a_corrupt_gzip_warc_message_shows_no_raw_bytes(tmp_path):
    """The garbage inflates differently with each gzip header (its mtime) and each record id:
    cut headers, a cut record or a record run past its length. Each is one printable failure;
    CI once got no outcome at all (a record whose HTTP head the garbage replaced was skipped)."""
    path = tmp_path / "bad.warc.gz"
    for mtime in range(40):
        path.write_bytes(gzip.compress(warc(), mtime=mtime)[:300] + b"\xff\xfe\x1b[31m" * 50)
        (message,) = outcomes(path)
        assert "WARC archive" in message and message.isprintable(), mtime


def test_an_archive_cut_inside_a_record_that_is_no_page_says_so(tmp_path):
    """A 404 response is skipped, not analysed; when the archive ends inside it, what was lost
    is still reported, not an archive read as if whole."""
    data = warc(1).replace(b"200 OK", b"404 Not Found")
    path = tmp_path / "cut.warc"
    path.write_bytes(data[:-400])
    (message,) = outcomes(path)
    assert message.startswith(f"{path}#http://example.org/0: WARC archive truncated inside this record")


def test_a_warc_record_with_a_corrupt_length_is_a_failure(tmp_path):
    """warcio reads an unparseable Content-Length as 0 and yields an empty record."""
    data = warc(1).replace(b"Content-Length: ", b"Content-Length: 12x", 1)
    path = tmp_path / "length.warc"
    path.write_bytes(data)
    (message,) = outcomes(path)
    assert "corrupt record headers (Content-Length '12x" in message


# -- item 10: encodings and tables ------------------------------------------------------------

def test_utf16_without_a_bom_is_read():
    assert decode(LINE.encode("utf-16-le"), "x") == LINE
    assert decode(LINE.encode("utf-16-be"), "x") == LINE


def test_a_mixed_encoding_file_is_decoded_line_by_line():
    data = "Le café est fermé.\n".encode() + "Le café est fermé.\n".encode("cp1252")
    assert decode(data, "x") == "Le café est fermé.\n" * 2


def test_csv_problems_name_the_right_line(tmp_path):
    unclosed = tmp_path / "q.csv"
    unclosed.write_text(f'title,text\nA,"{LINE}B,more\nC,even more\n')
    (message,) = outcomes(unclosed)
    assert message.startswith(f"{unclosed}:2: malformed CSV")
    header_only = tmp_path / "h.csv"
    header_only.write_text("title,text\n")
    assert outcomes(header_only) == [f"{header_only}: CSV file has a header row but no rows"]


def test_a_quote_closed_on_a_later_row_is_reported_not_merged(tmp_path):
    """The csv module reads a quote left open on row 1 and closed on row 2 as one row with
    the right number of fields, without an error: two articles became one document, in silence."""
    path = tmp_path / "merged.csv"
    path.write_text('id,title,text\n'
                    '1,"Chad unrest,Chad asked French troops to leave the country on Thursday.\n'
                    '2,Niger talks",Niger said it would talk to the junta on Friday.\n'
                    '3,Mali vote,Mali held a vote on Sunday.\n'
                    # A real multi-line article, one of whose lines begins with a number: read.
                    '4,Sudan,"Fighting went on in Khartoum.\n\n'
                    '12 people died, officials said, in the worst day of the war."\n', encoding="utf-8")
    items = list(read_path(path))
    assert str(items[0]) == (f"{path}:2-3: a quote opened on line 2 closes on line 3, taking in line 3, "
                             "which reads as a row of its own: rows not read "
                             "(check the quotes on these lines)")
    read = [(a.source, a.text[:10]) for a in items[1:]]
    assert read == [(f"{path}:4", "Mali held "), (f"{path}:5", "Fighting w")]
    # A header whose quote is never closed (found by the long fuzz run: csv.Error escaped).
    header = tmp_path / "header.csv"
    header.write_text('"title,text\n', encoding="utf-8")
    assert outcomes(header) == [f"{header}:1: malformed CSV header: unexpected end of data"]
    # The same for other keys: URLs.
    urls = tmp_path / "urls.csv"
    urls.write_text('url,text\nhttps://a.example/1,"Chad asked French troops to leave.\n'
                    'https://a.example/2,Niger said it would talk to the junta."\n', encoding="utf-8")
    (message,) = outcomes(urls)
    assert message.startswith(f"{urls}:2-3: a quote opened on line 2 closes on line 3")


def test_a_number_in_the_text_column_is_named_as_such(tmp_path):
    path = tmp_path / "n.jsonl"
    path.write_text('{"text": 12345}\n')
    assert outcomes(path) == [f"{path}:1: column 'text' holds a number, not text"]


# -- item 7: the Python API -------------------------------------------------------------------

def test_lone_surrogates_are_replaced_keeping_offsets(nlp):
    text = "Chad asked French troops to leave\ud800 on Thursday."
    record = sankore.analyze(text, nlp=nlp)
    assert record.doc.text == text.replace("\ud800", "\ufffd")
    record.to_json().encode("utf-8")


@pytest.mark.parametrize("published", ["yesterday", "0001-01-01", "9999-12-31"])
def test_a_bad_published_date_is_a_read_error(published, nlp):
    with pytest.raises(ReadError, match="published"):
        sankore.analyze("Chad asked French troops to leave last week.", published, nlp=nlp)


def test_api_arguments_are_checked(nlp):
    with pytest.raises(ValueError, match="errors must be"):
        list(sankore.analyze_many([LINE], errors="ignore", nlp=nlp))
    with pytest.raises(ValueError, match="batch_size"):
        list(sankore.analyze_many([LINE], batch_size=0, nlp=nlp))


def test_a_string_that_names_a_file_is_analysed_as_text_with_a_warning(nlp):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        record = sankore.analyze(str(EXAMPLE), nlp=nlp)
    assert record.doc.text == str(EXAMPLE)
    assert any("pathlib.Path" in str(w.message) for w in caught)


def test_cli_refuses_out_of_range_published_and_zero_batch_size():
    runner = CliRunner()
    assert runner.invoke(main, ["analyze", "-", "--published", "0001-01-01"], input=LINE).exit_code == 2
    assert runner.invoke(main, ["analyze", "-", "--batch-size", "0"], input=LINE).exit_code == 2


# -- item 6: text over nlp.max_length -------------------------------------------------------

def test_a_text_over_max_length_is_analysed_in_parts(nlp):
    """The same pipeline with max_length lowered to a tenth of the text: the document is
    parsed in parts and joined, and gets the same records as when analysed whole."""
    text = (EXAMPLE.read_text() + "\n\n") * 3
    whole = sankore.analyze(text, nlp=nlp)
    limit = nlp.max_length
    nlp.max_length = len(text) // 10
    try:
        parts = sankore.analyze(text, nlp=nlp)
    finally:
        nlp.max_length = limit
    assert parts.doc.text == text
    for entity in parts.entities:
        assert text[entity.span[0]:entity.span[1]] == entity.text
    assert len(parts.events) >= 0.9 * len(whole.events) and len(parts.entities) >= 0.9 * len(whole.entities)


# -- item 9: terminal output ------------------------------------------------------------------

def test_stored_text_is_never_rich_markup(seed_record):
    data = seed_record.to_dict()
    data["doc"]["title"] = "[/] [blink]flash[/blink]"
    data["doc"]["source"] = "evil\n\x1b[31mname.txt"
    record = Record.model_validate(data)
    out = io.StringIO()
    render(record, Console(file=out, width=160))
    text = out.getvalue()
    assert "[/] [blink]flash[/blink]" in text and "\x1b" not in text


def test_printable_escapes_control_characters_and_surrogates():
    assert printable("a\nb\x1b[31m") == "a\\nb\\x1b[31m"
    assert printable(os.fsdecode(b"caf\xe9")) == "caf\\udce9"
    assert printable("Ouagadougou é") == "Ouagadougou é"


def test_an_ambiguous_numeric_date_is_refused_naming_the_row(tmp_path):
    path = tmp_path / "d.csv"
    text = f'"{LINE.strip()}"\n'
    path.write_text(f"date,text\n01/02/2020,{text}13/02/2020,{text}02/02/2020,{text}")
    got = outcomes(path)
    assert got[0].startswith(f"{path}:2: ambiguous date '01/02/2020'")
    assert got[1:] == ["Article", "Article"]  # 13 is no month; 02/02 reads the same both ways
