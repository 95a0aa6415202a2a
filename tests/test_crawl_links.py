"""Link following: safe schemes only, same site by default, --include/--exclude, --depth."""

from __future__ import annotations

from crawlsite import by_url, fast_options

from searcher.crawl import crawl
from searcher.crawl.links import LinkFilter, parse_page


def test_parse_page_links_and_canonical():
    html = b"""<html><head><base href="/news/"><link rel="Canonical" href="story-one?utm_source=x"></head><body>
    <a href="story-two#c">2</a><a href="/story-three">3</a><a href="javascript:void(0)">j</a>
    <a href="data:text/html,hi">d</a><a href="file:///etc/passwd">f</a><a href="mailto:x@y.z">m</a>
    <a href="story-two">dup</a><a rel="nofollow" href="/sponsored">s</a><a>no href</a></body></html>"""
    links = parse_page(html, "https://ex.org/a/b")
    assert links.canonical == "https://ex.org/news/story-one"
    assert links.links == ["https://ex.org/news/story-two", "https://ex.org/story-three"]
    assert not links.nofollow


def test_meta_robots_nofollow():
    links = parse_page(
        b'<html><head><meta name="robots" content="noindex, nofollow"></head><body><a href="/x">x</a></body></html>',
        "https://ex.org/",
    )
    assert links.nofollow


def test_link_filter():
    plain = LinkFilter.from_patterns()
    assert plain.refusal("https://www.ex.org/a", "ex.org") is None
    assert plain.refusal("https://other.org/a", "ex.org") == "off site (not ex.org)"
    assert LinkFilter.from_patterns(any_site=True).refusal("https://other.org/a", "ex.org") is None
    patterns = LinkFilter.from_patterns(include=["/news/"], exclude=[r"\?page="])
    assert patterns.refusal("https://ex.org/news/a", "ex.org") is None
    assert patterns.refusal("https://ex.org/sport/a", "ex.org") == "not matched by --include"
    assert "--exclude" in patterns.refusal("https://ex.org/news/?page=2", "ex.org")


def test_depth_zero_fetches_only_the_seed(site, tmp_path):
    report = crawl([site.url("/")], tmp_path / "c", fast_options())
    assert [r.url for r in report.results] == [site.url("/")]
    assert site.paths() == ["/robots.txt", "/"]


def test_depth_one_follows_links_but_never_leaves_http_or_the_site(site, tmp_path):
    report = crawl([site.url("/")], tmp_path / "c", fast_options(depth=1))
    urls = set(by_url(report))
    assert not any(u.startswith(("file:", "data:", "javascript:", "mailto:")) for u in urls)
    assert not any("elsewhere.invalid" in u for u in urls)
    assert site.requests_for("/media/harbour.jpg") == []  # never asked for by extension
    # Depth 1: links of linked pages are not followed (the Latin page links to market day).
    assert site.requests_for("/news/market-day-returns") == []


def test_include_and_exclude(site, tmp_path):
    report = crawl(
        [site.url("/")],
        tmp_path / "c",
        fast_options(depth=1, include=["/news/"], exclude=["busy|river"]),
    )
    fetched = sorted(r.url for r in report.results if r.outcome == "fetched")
    assert fetched == sorted(
        site.url(p) for p in ("/", "/news/harbour-bridge-reopens", "/news/council-votes-on-tram")
    )


def test_depth_two_goes_further(site, tmp_path):
    crawl([site.url("/")], tmp_path / "c", fast_options(depth=2, include=["cafe", "market"]))
    assert len(site.requests_for("/news/market-day-returns")) == 1


def test_a_link_to_another_port_of_the_host_is_off_site(site, tmp_path):
    other = site.url("/x").replace(f":{site.port}/", ":1/")
    site.overrides["/ports"] = lambda h, s: h.send(
        200, f'<a href="{other}">other port</a><a href="/news/ferry-timetable">same</a>'.encode()
    )
    report = crawl([site.url("/ports")], tmp_path / "c", fast_options(depth=1))
    assert other not in by_url(report)
    assert by_url(report)[site.url("/news/ferry-timetable")].outcome == "fetched"
