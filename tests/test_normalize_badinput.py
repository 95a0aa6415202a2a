"""Bad input never crashes or hangs: empty, binary, huge, deeply nested, truncated, broken JSON-LD."""

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from searcher.article import Article
from searcher.normalize import normalize

STORY = "<p>The ferry service to the outer islands resumes on Monday after the winter storms damaged the pier.</p>"


def check(data: bytes, **kwargs) -> Article:
    art = normalize(data, **kwargs)
    assert isinstance(art, Article)
    assert art.id
    assert art.kind in ("article", "listing", "error", "empty")
    return art


def test_empty_and_whitespace():
    assert check(b"").kind == "empty"
    assert check(b"   \n\t ").kind == "empty"


def test_binary():
    assert check(bytes(range(256)) * 40).kind == "empty"
    assert check(b"\x89PNG\r\n\x1a\n" + b"\x00\x01\x02" * 1000).kind == "empty"


@pytest.mark.slow
def test_fifty_megabyte_page_is_bounded():
    data = (
        b"<html><body><article><h1>Big</h1>"
        + STORY.encode() * 10
        + b"<div>"
        + b"x" * (50 * 1024 * 1024)
        + b"</div></body></html>"
    )
    # CPU time, not wall time: a busy machine must not fail a bound on our own work.
    start = time.process_time()
    art = check(data)
    assert time.process_time() - start < 30
    assert art.title == "Big"


def test_deeply_nested_html():
    depth = 20000
    data = ("<div>" * depth + STORY + "</div>" * depth).encode()
    check(data)
    check(("<div>" * depth + STORY).encode())


def test_truncated_html_and_no_body():
    page = f"<html><head><title>Ferry resumes</title></head><body><article><h1>Ferry resumes</h1>{STORY}{STORY}</article></body></html>"
    for cut in (10, 60, 120, len(page) // 2, len(page) - 5):
        check(page[:cut].encode())
    no_body = f"<title>Ferry resumes</title><h1>Ferry resumes</h1>{STORY}{STORY}"
    art = check(no_body.encode())
    assert "ferry service" in art.body


def test_invalid_jsonld_is_skipped_and_rest_used():
    page = (
        "<html><head><title>Ferry resumes</title>"
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Ferry resumes", </script>'
        '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2021-02-03",}</script>'
        f"</head><body><article>{STORY}{STORY}</article></body></html>"
    )
    art = check(page.encode())
    assert art.title == "Ferry resumes"
    assert art.published == "2021-02-03"


def test_jsonld_odd_shapes():
    for block in (
        "[]",
        '"text"',
        "42",
        "null",
        '{"@graph": {"@type": "NewsArticle", "author": 7}}',
        '{"@type": ["NewsArticle"], "author": [null, {"name": ["A B"]}], "headline": {"x": 1}}',
        '{"@type": "NewsArticle", "author": {"@id": "#missing"}, "publisher": "Plain String"}',
    ):
        page = f'<html><head><script type="application/ld+json">{block}</script></head><body>{STORY}</body></html>'
        check(page.encode())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000))
def test_any_bytes(data):
    check(data)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(
            [
                "<html>",
                "<head>",
                "<body>",
                "</div>",
                "<div class='share'>",
                "<p>",
                "</p>",
                "<article>",
                "<h1>",
                "</h1>",
                "<script type='application/ld+json'>{",
                '"@type":"NewsArticle",',
                "</script>",
                "<meta property='og:title' content='",
                "By Anna Berg",
                "12 May 2023",
                "\u201cQuoted words,\u201d she said.",
                "&amp;",
                "&#x0;",
                "\x00",
                "<!--",
                "-->",
                "<![CDATA[",
                "]]>",
                "<title>",
                "</title>",
                "Ã©",
                "<br>",
                "text " * 5,
            ]
        ),
        max_size=60,
    )
)
def test_random_markup(parts):
    check("".join(parts).encode("utf-8"), url="https://example.org/2023/05/12/story")


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=2000))
def test_any_text(text):
    check(text.encode("utf-8"))
    check(text.encode("utf-8"), meta={"content_type": "text/plain"})


def test_gzipped_page_and_broken_gzip():
    import gzip

    page = f"<html><head><title>Ferry resumes</title></head><body><article>{STORY}{STORY}</article></body></html>"
    assert check(gzip.compress(page.encode())).title == "Ferry resumes"
    assert check(b"\x1f\x8b\x08\x00garbage").kind == "empty"


def test_declared_non_page_content_type():
    assert (
        check(
            b"%PDF-1.4 some text that is not a page", meta={"content_type": "application/pdf"}
        ).kind
        == "empty"
    )


def test_jsonld_nested_deeper_than_the_stack_is_skipped():
    # The JSON decoder recurses once per level: 100,000 levels used to raise RecursionError.
    for block in (
        "[" * 100_000,
        "[" * 100_000 + "]" * 100_000,
        '{"a":' * 50_000 + "1" + "}" * 50_000,
    ):
        page = (
            '<html><head><title>Ferry resumes</title><script type="application/ld+json">'
            f"{block}</script></head><body><article>{STORY}{STORY}</article></body></html>"
        )
        art = check(page.encode())
        assert "ferry service" in art.body


def test_jsonld_nested_just_within_the_stack_is_walked_safely():
    # Values the decoder accepts are still walked with a bounded depth.
    for depth in (300, 600, 900):
        block = (
            '{"@type": "NewsArticle", "headline": '
            + "[" * depth
            + '"Ferry resumes"'
            + "]" * depth
            + "}"
        )
        page = f'<html><head><script type="application/ld+json">{block}</script></head><body><article>{STORY}{STORY}</article></body></html>'
        check(page.encode())


def test_element_with_too_many_attributes_keeps_its_first_ones_and_the_page():
    from searcher.normalize.html import MAX_ATTRIBUTES, cap_attributes, parse

    attrs = " ".join(f'data-a{i}="{">" if i % 2 else "<"}"' for i in range(100_000))
    page = f'<html><body><article class="story" {attrs}><h1>Ferry resumes</h1>{STORY}{STORY}</article></body></html>'
    start = time.monotonic()
    art = check(page.encode())
    assert time.monotonic() - start < 5  # 24 s before the cap
    assert "ferry service" in art.body
    element = parse(page).find(".//article")
    assert len(element.attrib) == MAX_ATTRIBUTES
    assert element.get("class") == "story"
    ordinary = '<div class="a" id="b" data-x=">" hidden>text</div>'
    assert cap_attributes(ordinary) == ordinary
