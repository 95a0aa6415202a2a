"""Page kind: articles, listings (section fronts, tag pages), error pages, empty pages."""

from searcher.normalize import normalize

STORY = (
    "<p>"
    + (
        "The orchestra announced its new season with three premieres and a tour of the northern provinces. "
        * 3
    )
    + "</p>"
)


def test_article():
    html = f"<html><head><meta property='og:type' content='article'></head><body><article><h1>New season</h1>{STORY}{STORY}</article></body></html>"
    assert (
        normalize(html.encode(), url="https://paper.example/culture/new-season").kind == "article"
    )


def test_section_front_is_listing():
    items = "".join(
        f"<li><h3><a href='/culture/story-{i}'>Headline number {i} about the arts scene</a></h3></li>"
        for i in range(30)
    )
    html = f"<html><head><title>Culture</title><meta property='og:type' content='website'></head><body><ul>{items}</ul></body></html>"
    assert normalize(html.encode(), url="https://paper.example/culture/").kind == "listing"


def test_tag_page_is_listing():
    items = "".join(
        f"<div class='teaser'><a href='/s/{i}'>Story {i} on the harbour works</a><p>Short teaser.</p></div>"
        for i in range(20)
    )
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


def test_article_with_many_related_links_stays_article():
    related = "".join(
        f"<li><a href='/r/{i}'>Another long related headline number {i} about the region</a></li>"
        for i in range(25)
    )
    paras = "".join(
        f"<p>Paragraph {i} of the story: the orchestra's director explained the choice of the new works and the touring plans in some detail.</p>"
        for i in range(6)
    )
    html = f"<html><head><title>New season</title></head><body><article><h1>New season</h1>{paras}</article><ul>{related}</ul></body></html>"
    assert (
        normalize(html.encode(), url="https://paper.example/culture/new-season").kind == "article"
    )


def test_cjk_article_without_metadata():
    paras = "".join(
        f"<p>第{i}段：市立图书馆周一宣布延长开放时间，周末也将开放至晚上九点，以满足学生复习考试的需要。</p>"
        for i in range(4)
    )
    links = "".join(f"<a href='/n/{i}'>新闻{i}</a> " for i in range(40))
    html = f"<html><head><title>图书馆延长开放时间</title></head><body><div>{links}</div><div>{paras}</div></body></html>"
    assert normalize(html.encode()).kind == "article"
