from sankore.readers.metadata import find_boilerplate, parse_dateline, read_text_metadata, split_author

from .conftest import EXAMPLE


def test_founding_article_metadata():
    text = EXAMPLE.read_text("utf-8")
    meta = read_text_metadata(text)
    assert meta.published == "2025-04-30"
    assert meta.author == "Abayomi Azikiwe"
    assert "Alliance of Sahel States" in meta.title and "Azikiwe" not in meta.title
    [(start, end)] = meta.boilerplate
    furniture = text[start:end]
    assert furniture.lstrip("*\n").startswith("Click the share button")
    assert furniture.endswith("Source link")
    assert "Imperialism Remains the Major Threat" not in furniture


def test_datelines():
    assert str(parse_dateline("Wednesday, 30 April 2025")) == "2025-04-30"
    assert str(parse_dateline("This story is from March 10, 2002")) == "2002-03-10"
    assert parse_dateline("In December 2023, three countries formed an alliance") is None
    assert parse_dateline("Niger") is None


def test_author_split_needs_a_name():
    assert split_author("Troops Leave Mali. John Smith") == ("Troops Leave Mali.", "John Smith")
    assert split_author("Troops leave Mali. The War Goes On") == (
        "Troops leave Mali. The War Goes On", None)
    assert split_author("Troops leave Mali") == ("Troops leave Mali", None)


def test_no_boilerplate_in_a_plain_article():
    text = ("Troops left Mali on Monday.\n\nThe government said the withdrawal was complete.\n\n"
            "Officials in Bamako welcomed the move.")
    assert find_boilerplate(text) == []
    assert read_text_metadata(text).title is None


def test_headline_before_paragraphs():
    text = "Russia Pledges Help to Sahel Alliance.\n\nRussia said on Thursday it would help."
    assert read_text_metadata(text).title == "Russia Pledges Help to Sahel Alliance."
    text = "Troops leave Mali\n\nThe last French soldiers left Mali on Monday."
    assert read_text_metadata(text).title == "Troops leave Mali"
