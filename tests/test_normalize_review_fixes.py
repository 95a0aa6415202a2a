"""Regressions found in review: date-bearing first paragraphs, trailer words, bad ports, site-name authors, accents."""

from __future__ import annotations

from searcher.article import canonical_url_key
from searcher.normalize import normalize
from searcher.normalize.authors import clean_authors


def text_article(*paras: str) -> bytes:
    return "\n\n".join(
        ("Council closes Brinmoor park", "By Ella Varga", "Brinmoor Echo, May 4, 2024") + paras
    ).encode()


def test_a_first_paragraph_that_mentions_a_date_is_body_not_dateline():
    article = normalize(
        text_article(
            "On 3 May 2024 the council voted to close the park for the summer.",
            "Residents said they would appeal.",
        ),
        meta={"content_type": "text/plain"},
    )
    assert article.published.startswith("2024-05-04")
    assert article.body.startswith("On 3 May 2024 the council voted")


def test_trailer_words_match_whole_words_only():
    article = normalize(
        text_article(
            "The vote was close.",
            "Supporters of the plan said it saves money.",
            "Copyright law was also discussed at length.",
            "The meeting ended at nine.",
            "Related: more from the council",
            "Copyright © Brinmoor Echo 2024",
            "Comment on this story",
        ),
        meta={"content_type": "text/plain"},
    )
    assert "Supporters of the plan" in article.body
    assert "Copyright law was also discussed" in article.body
    assert article.body.endswith("The meeting ended at nine.")


def test_a_canonical_url_with_a_bad_port_does_not_fail_the_page():
    assert canonical_url_key("http://example.com:abc/x") == "https://example.com/x"
    page = b'<html><head><link rel="canonical" href="http://quay.example:port/a"><title>T</title></head><body><p>x</p></body></html>'
    assert normalize(page).id


def test_an_author_whose_initials_match_a_dotted_site_name_is_kept():
    page = (
        '<html><head><meta property="og:site_name" content="St. Mellon Post-Courier">'
        '<meta name="author" content="Sarah Tamsin"><title>Bridge reopens</title></head><body><article>'
        + "<p>The bridge over the Kell reopened on Monday after eight months of repairs and inspections.</p>"
        * 3
        + "</article></body></html>"
    ).encode()
    assert normalize(page).authors == ["Sarah Tamsin"]


def test_authors_are_deduplicated_regardless_of_accents():
    assert clean_authors(["José Pérez, Jose Perez", "Łucja Brandt and Lucja Brandt"]) == [
        "José Pérez",
        "Łucja Brandt",
    ]
