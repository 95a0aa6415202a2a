"""URL normalisation: one spelling per page."""

from __future__ import annotations

import pytest

from searcher.crawl.urls import host_of, looks_like_non_page, normalize_url, site_of


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("HTTP://Example.ORG/News/Story", "http://example.org/News/Story"),
        ("https://example.org:443/a", "https://example.org/a"),
        ("http://example.org:80/a", "http://example.org/a"),
        ("http://example.org:8080/a", "http://example.org:8080/a"),
        ("https://example.org/a#comments", "https://example.org/a"),
        ("https://example.org", "https://example.org/"),
        ("https://example.org/a?utm_source=x&utm_medium=rss&id=7", "https://example.org/a?id=7"),
        ("https://example.org/a?fbclid=1&gclid=2&msclkid=3", "https://example.org/a"),
        ("https://example.org/a?page=2&UTM_Campaign=x", "https://example.org/a?page=2"),
        ("https://example.org/a/./b/../c", "https://example.org/a/c"),
        ("https://example.org/a/b/", "https://example.org/a/b/"),
        ("https://user:secret@example.org/a", "https://example.org/a"),
        ("https://example.org./a", "https://example.org/a"),
        ("https://example.org/caf%C3%A9", "https://example.org/caf%C3%A9"),
        ("https://example.org/café", "https://example.org/caf%C3%A9"),
        ("  https://example.org/a  ", "https://example.org/a"),
        # An encoded slash names another resource than a slash; only unreserved escapes decode.
        ("https://example.org/wiki/AC%2FDC", "https://example.org/wiki/AC%2FDC"),
        ("https://example.org/%7euser/%2e%2E/x", "https://example.org/x"),
        ("https://example.org/a//b", "https://example.org/a//b"),
        ("https://example.org/a?x&utm_source=y", "https://example.org/a?x"),
        ("https://example.org/a?q=caf%c3%a9&b=1+2", "https://example.org/a?q=caf%C3%A9&b=1+2"),
    ],
)
def test_normalize_url(raw, expected):
    assert normalize_url(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "file:///etc/passwd",
        "data:text/html,<b>x</b>",
        "javascript:alert(1)",
        "mailto:a@b.c",
        "ftp://example.org/x",
        "",
        "http://",
        "http://[::1",
    ],
)
def test_only_http_and_https(raw):
    assert normalize_url(raw) is None


def test_relative_urls_resolve_against_base():
    base = "https://example.org/news/today/"
    assert normalize_url("../archive/x?utm_term=a#f", base) == "https://example.org/news/archive/x"
    assert normalize_url("//cdn.example.net/y", base) == "https://cdn.example.net/y"
    assert normalize_url("javascript:void(0)", base) is None


def test_host_and_site():
    assert host_of("http://127.0.0.1:8080/a") == "127.0.0.1:8080"
    assert site_of("https://www.example.org/a") == "example.org"
    assert site_of("https://news.example.org/a") == "news.example.org"


def test_non_page_extensions():
    assert looks_like_non_page("https://example.org/photo.JPG")
    assert looks_like_non_page("https://example.org/report.pdf")
    assert not looks_like_non_page("https://example.org/story.html")
    assert not looks_like_non_page("https://example.org/story")


def test_normal_form_is_a_fixed_point():
    for raw in (
        "https://example.org/a/%2E%2E/b",
        "https://example.org/x/%2F/../y?a=%7e&b",
        "https://example.org/é/./",
    ):
        once = normalize_url(raw)
        assert normalize_url(once) == once


def test_another_port_is_another_site():
    assert site_of("http://127.0.0.1:8080/a") == "127.0.0.1:8080"
    assert site_of("http://127.0.0.1:8080/a") != site_of("http://127.0.0.1:9090/a")
    assert (
        site_of("https://www.example.org:443/a")
        == site_of("https://example.org/b")
        == "example.org"
    )
    assert site_of("http://example.org:80/a") == "example.org"


def test_url_problem_says_why_a_url_is_refused():
    from searcher.crawl.urls import url_problem

    assert url_problem("javascript:alert(1)", base="https://ex.org/a") == "not an http(s) URL"
    assert url_problem("http://127.0.0.1:99999/x") == "invalid port 99999"
    assert url_problem("http:///nohost") == "no host name"
    assert url_problem("https://ex.org/ok") is None
