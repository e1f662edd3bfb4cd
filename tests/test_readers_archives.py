"""WARC archives and RSS/Atom feeds, built here with the real libraries."""

import io

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from sankore.readers import Article, ReadFailure, read_sources

from .conftest import ROOT

PAGE = (ROOT / "examples" / "aes_2025-04-30.html").read_bytes()


def _warc(path, pages):
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=path.suffix == ".gz")
        for uri, status, ctype, body in pages:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                               http_headers=headers)
            writer.write_record(record)


def test_warc_html_responses_become_documents(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    _warc(path, [
        ("https://example.org/aes", "200 OK", "text/html; charset=utf-8", PAGE),
        ("https://example.org/logo.png", "200 OK", "image/png", b"\x89PNG...."),
        ("https://example.org/gone", "404 Not Found", "text/html", b"<html>gone</html>"),
        ("https://example.org/empty", "200 OK", "text/html", b"<html><body></body></html>"),
    ])
    results = list(read_sources([path]))
    articles = [r for r in results if isinstance(r, Article)]
    failures = [r for r in results if isinstance(r, ReadFailure)]
    assert len(articles) == 1
    assert articles[0].source == "https://example.org/aes"
    assert articles[0].published == "2025-04-30" and "Alliance of Sahel States" in articles[0].text
    assert len(failures) == 1 and failures[0].source.endswith("#https://example.org/empty")


def test_a_broken_warc_is_one_failure(tmp_path):
    path = tmp_path / "broken.warc"
    path.write_bytes(b"this is not a warc file at all\n" * 10)
    [failure] = list(read_sources([path]))
    assert isinstance(failure, ReadFailure) and "WARC" in failure.reason


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Pan-African News Wire</title>
<item><title>AES ministers in Moscow</title><link>https://example.org/a</link>
<author>editor@example.org (Abayomi Azikiwe)</author>
<pubDate>Thu, 03 Apr 2025 18:00:00 GMT</pubDate>
<description>&lt;p&gt;Foreign ministers of Mali, Niger and Burkina Faso held talks in Moscow
on Thursday.&lt;/p&gt;</description></item>
<item><title>No text</title><link>https://example.org/b</link></item>
</channel></rss>"""


def test_rss_entries_become_documents(tmp_path):
    path = tmp_path / "feed.rss"
    path.write_text(RSS, encoding="utf-8")
    results = list(read_sources([path]))
    article, failure = results
    assert article.text == ("Foreign ministers of Mali, Niger and Burkina Faso held talks in "
                            "Moscow\non Thursday.")
    assert (article.title, article.published, article.outlet, article.source) == (
        "AES ministers in Moscow", "2025-04-03", "Pan-African News Wire", "https://example.org/a")
    assert isinstance(failure, ReadFailure) and failure.source == "https://example.org/b"


def test_atom_feed_with_xml_suffix(tmp_path):
    path = tmp_path / "feed.xml"
    path.write_text("""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>
<entry><title>Chad asks French troops to leave</title><link href="https://example.org/c"/>
<updated>2024-12-01T10:00:00Z</updated>
<content type="html">&lt;p&gt;Chad asked French troops to leave the country.&lt;/p&gt;</content>
</entry></feed>""",
                    encoding="utf-8")
    [article] = list(read_sources([path]))
    assert article.published == "2024-12-01" and article.text.startswith("Chad asked French troops")
