"""Boilerplate patterns (resources/data/boilerplate.txt) on footers of several outlets, not
one: a newsletter platform, a newspaper, a reader-funded site, a WordPress blog, the
founding article's Global Research footer, and the shared Guardian sample's prose."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from sankore.readers.metadata import boilerplate_patterns, find_boilerplate, read_text_metadata

from .conftest import EXAMPLE, shared

FIXTURES = Path(__file__).parent / "fixtures" / "boilerplate"

# Each fixture page and the first line of its footer (the boilerplate runs from there to
# the end). The pages are written for these tests, after the footers of real platforms.
FOOTERS = {
    "substack.txt": "Thanks for reading The Coast Ledger!",  # subscribe, share, comment prompt
    "newspaper.txt": "Related coverage:",  # related list, "you may also like", copyright
    "appeal.txt": "This story was first published by",  # origin, donation appeal, newsletter
    "wordpress.txt": "Share this:",  # share buttons, "Like this", related, tags, comment count
    "runin.txt": "related stories:",  # a related list run into the last paragraph, share line
    "letters.txt": "• Join the debate",  # a letters page's appeals run in after the signature
}


def footer_span(text: str, first_line: str) -> list[tuple[int, int]]:
    return [(text.index(first_line), len(text.rstrip()))]


@pytest.mark.parametrize("name", sorted(FOOTERS))
def test_each_outlets_footer_is_boilerplate_from_its_first_line(name):
    text = (FIXTURES / name).read_text(encoding="utf-8")
    assert find_boilerplate(text) == footer_span(text, FOOTERS[name])


def test_an_article_without_footer_has_none():
    """"can follow the story on our website" inside the text is prose, not a follow button."""
    text = (FIXTURES / "clean.txt").read_text(encoding="utf-8")
    assert find_boilerplate(text) == []


def test_the_founding_articles_footer_is_unchanged():
    """The span the founding article had before the patterns were generalized: from the
    "*" separator before the share appeal to the end ("Source link")."""
    text = EXAMPLE.read_text(encoding="utf-8")
    (start, end), = read_text_metadata(text).boilerplate
    assert text[start:].startswith("*\n\nClick the share button")
    assert end == len(text.rstrip()) and text[:end].endswith("Source link")


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?”])\s+", text) if s.strip()]


# The Guardian sentences the patterns match, each read by a person: two are furniture
# inside the text (a newsletter appeal, a link line), and that is all of them.
GUARDIAN_FURNITURE = {
    "Don’t forget, you can sign up to our new US morning briefing",
    "Read more in our business blog.",
}


def test_no_guardian_prose_looks_like_furniture():
    """Over every sentence of the shared Guardian sample (news prose, 249 articles), the
    patterns match only sentences that are furniture themselves."""
    path = shared("corpus", "guardian", "Guardian_SDF_sample.csv")
    csv.field_size_limit(10**8)
    with path.open(encoding="utf-8", newline="") as handle:
        texts = [row["text"] for row in csv.DictReader(handle)]
    matched = {s for text in texts for s in _sentences(text)
               if any(p.search(s) for p in boilerplate_patterns())}
    assert all(any(s.startswith(f) for f in GUARDIAN_FURNITURE) for s in matched), matched
    assert len(matched) >= 2  # and the check sees the furniture that is there


# One footer line per pattern class beyond the fixture pages, as outlets write them.
EXAMPLES = [
    "Source: https://example.org/report",
    "Originally published at The Conversation on 3 May 2025.",
    "Email this article",
    "Follow us on X and Bluesky for updates.",
    "Feel free to republish our articles under a Creative Commons licence.",
    "Republish this article",
    "Subscribe to our daily digest.",
    "Get our morning newsletter in your inbox.",
    "Become a supporter of independent news.",
    "Please consider making a monthly donation.",
    "Help us keep going: our journalism is free to read.",
    "Support independent journalism today.",
    "Donate now to keep this site free.",
    "Join the conversation",
    "Top image: Protesters in Nairobi, 25 June 2024.",
    "Photos courtesy of the Ministry of Defence.",
    "Read more: How the AES was formed",
    "More from Africa:",
    "Advertisement",
    "Copyright 2025 Associated Press.",
    "Watch us on our YouTube channel.",
]


def test_every_pattern_has_a_footer_it_matches():
    """No dead pattern: each line of boilerplate.txt matches a paragraph of the footers above
    (fixture pages, the founding article, the example lines)."""
    texts = [(FIXTURES / name).read_text(encoding="utf-8") for name in FOOTERS]
    texts.append(EXAMPLE.read_text(encoding="utf-8"))
    paragraphs = [p.strip() for text in texts for p in text.split("\n\n") if p.strip()] + EXAMPLES
    unused = [p.pattern for p in boilerplate_patterns() if not any(p.search(q) for q in paragraphs)]
    assert unused == []


@pytest.mark.parametrize("line", EXAMPLES)
def test_each_example_line_is_furniture(line):
    assert any(p.search(line) for p in boilerplate_patterns())
