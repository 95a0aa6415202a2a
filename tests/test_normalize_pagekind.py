"""Page kind: articles, listings (section fronts, tag pages), error pages, empty pages."""

from searcher.normalize import normalize

STORY = "<p>" + ("The orchestra announced its new season with three premieres and a tour of the northern provinces. " * 3) + "</p>"


def test_article():
    html = f"<html><head><meta property='og:type' content='article'></head><body><article><h1>New season</h1>{STORY}{STORY}</article></body></html>"
    assert normalize(html.encode(), url="https://paper.example/culture/new-season").kind == "article"


def test_section_front_is_listing():
    items = "".join(f"<li><h3><a href='/culture/story-{i}'>Headline number {i} about the arts scene</a></h3></li>" for i in range(30))
    html = f"<html><head><title>Culture</title><meta property='og:type' content='website'></head><body><ul>{items}</ul></body></html>"
    assert normalize(html.encode(), url="https://paper.example/culture/").kind == "listing"


def test_tag_page_is_listing():
    items = "".join(f"<div class='teaser'><a href='/s/{i}'>Story {i} on the harbour works</a><p>Short teaser.</p></div>" for i in range(20))
    html = f"<html><head><title>Tag: harbour</title></head><body>{items}</body></html>"
    assert normalize(html.encode(), url="https://paper.example/tag/harbour").kind == "listing"


def test_error_page():
    html = "<html><head><title>Page not found</title></head><body><h1>404</h1><p>Sorry, we could not find that page.</p></body></html>"
    assert normalize(html.encode()).kind == "error"
    ok = f"<html><head><title>New season</title></head><body><article>{STORY}</article></body></html>"
    assert normalize(ok.encode(), meta={"status": 404}).kind == "error"


def test_empty_page():
    assert normalize(b"").kind == "empty"
    assert normalize(b"<html><body></body></html>").kind == "empty"
