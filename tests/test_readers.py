import json
from pathlib import Path

from sankore.readers import Article, ReadFailure, read_sources
from sankore.readers.base import document_id

from .conftest import EXAMPLE, ROOT


def read(*paths) -> list:
    return list(read_sources([str(p) for p in paths]))


def test_plain_text_is_kept_exactly_as_decoded(tmp_path):
    raw = EXAMPLE.read_bytes()
    [article] = read(EXAMPLE)
    assert article.text == raw.decode("utf-8")


def test_windows_1252_and_utf16_are_decoded(tmp_path):
    text = "Le café à Niamey: “déjà vu” for the élève, naïve — as reported."
    russian = "Министр иностранных дел России Сергей Лавров заявил в четверг в Москве."
    (tmp_path / "a.txt").write_bytes(text.encode("cp1252"))
    (tmp_path / "b.txt").write_bytes(text.encode("utf-16"))
    (tmp_path / "c.txt").write_bytes(russian.encode("cp1251"))
    articles = read(tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "c.txt")
    assert [a.text for a in articles] == [text, text, russian]


def test_bad_inputs_fail_one_line_each_and_the_batch_goes_on(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "garbled.txt").write_bytes(bytes(range(128, 256)) * 8)
    (tmp_path / "good.txt").write_text("Troops left Mali on Monday.", encoding="utf-8")
    results = read(tmp_path / "empty.txt", tmp_path / "binary.txt", tmp_path / "garbled.txt",
                   tmp_path / "missing.txt", tmp_path / "good.txt")
    failures = {Path(r.source).name: r.reason for r in results if isinstance(r, ReadFailure)}
    assert failures == {"empty.txt": "empty file", "binary.txt": "binary file, not text",
                        "garbled.txt": "undetectable text encoding",
                        "missing.txt": "no such file or directory"}
    assert [a.text for a in results if isinstance(a, Article)] == ["Troops left Mali on Monday."]


def test_csv_with_a_malformed_row(tmp_path):
    path = tmp_path / "dump.csv"
    path.write_text('id,date,title,text\n1,2019-04-10,A,"Troops left Mali."\n'
                    '2,2019-04-11,"B","x","extra"\n3,2019-04-12,C,"Niger asked for arms."\n',
                    encoding="utf-8")
    results = read(path)
    assert [type(r).__name__ for r in results] == ["Article", "ReadFailure", "Article"]
    assert results[1].source == f"{path}:3" and "malformed CSV row" in results[1].reason
    assert results[2].published == "2019-04-12" and results[2].title == "C"


def test_csv_columns_named_by_options(tmp_path):
    from sankore.readers import TableOptions

    path = tmp_path / "dump.csv"
    path.write_text('when,body,headline\n2019-04-10,"Troops left Mali.",Withdrawal\n', "utf-8")
    [article] = read_sources([path], TableOptions("body", "when", "headline"))
    assert (article.text, article.published, article.title) == (
        "Troops left Mali.", "2019-04-10", "Withdrawal")


def test_jsonl_with_a_bad_line(tmp_path):
    path = tmp_path / "dump.jsonl"
    path.write_text(json.dumps({"doc_text": "Police arrested 12 people.", "date": "2002-03-10"})
                    + "\n{not json\n", encoding="utf-8")
    results = read(path)
    assert results[0].text == "Police arrested 12 people." and results[0].published == "2002-03-10"
    assert isinstance(results[1], ReadFailure) and results[1].source.endswith(":2")


def test_guardian_dump_reads_every_row(tmp_path):
    from .conftest import shared

    results = read(shared("corpus", "guardian", "Guardian_SDF_sample.csv"))
    assert len(results) == 249 and all(isinstance(r, Article) for r in results)
    assert results[0].published == "2019-04-10" and results[0].outlet == "Guardian"


def test_html_page_main_text_and_metadata():
    [article] = read(ROOT / "examples" / "aes_2025-04-30.html")
    assert "Alliance of Sahel States" in article.title
    assert article.published == "2025-04-30"
    assert article.author == "Abayomi Azikiwe"
    assert "Click the share button" not in article.text
    assert "In December 2023, three countries in West Africa" in article.text


def test_folder_is_read_recursively_and_sorted(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("Second text about Chad.", "utf-8")
    (tmp_path / "1.txt").write_text("First text about Mali.", "utf-8")
    (tmp_path / ".hidden.txt").write_text("Hidden.", "utf-8")
    assert [a.text for a in read(tmp_path)] == ["First text about Mali.", "Second text about Chad."]


def test_document_id_ignores_whitespace_and_encoding_noise():
    assert document_id("Troops  left\nMali.") == document_id("Troops left Mali.")
    assert document_id("Troops left Mali.") != document_id("Troops left Niger.")
