"""robots.txt: disallowed paths are never requested, Crawl-delay is honoured, Sitemap lines are read."""

from __future__ import annotations

import pytest
from crawlsite import Site, SiteServer, by_url, fast_options

from searcher.crawl import crawl
from searcher.crawl.robots import parse_robots


def test_disallowed_path_is_never_requested(site, tmp_path):
    report = crawl([site.url("/private/draft-budget")], tmp_path / "c", fast_options())
    result = by_url(report)[site.url("/private/draft-budget")]
    assert (result.outcome, result.reason) == ("skipped", "disallowed by robots.txt")
    assert site.requests_for("/private/draft-budget") == []
    assert site.paths() == ["/robots.txt"]


def test_disallowed_links_are_not_followed(site, tmp_path):
    crawl([site.url("/")], tmp_path / "c", fast_options(depth=1))
    assert site.requests_for("/private/draft-budget") == []
    assert len(site.requests_for("/robots.txt")) == 1  # read once per crawl


@pytest.mark.loopback
def test_crawl_delay_is_honoured(tmp_path):
    with SiteServer(Site(crawl_delay=0.3)) as site:
        crawl(
            [site.url("/sitemaps/news.xml"), site.url("/feeds/rss.xml")],
            tmp_path / "c",
            fast_options(delay=0.0),
        )
        times = [h.at for h in site.hits]
    assert len(times) >= 5  # robots, two documents, several pages
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert min(gaps) >= 0.28, gaps


def test_robots_txt_seed_brings_in_its_sitemaps(site, tmp_path):
    report = crawl([site.url("/robots.txt")], tmp_path / "c", fast_options())
    results = by_url(report)
    assert results[site.url("/robots.txt")].outcome == "read"
    assert results[site.url("/sitemap_index.xml")].outcome == "read"
    assert results[site.url("/archive/2023/lighthouse-keeper")].outcome == "fetched"


@pytest.mark.loopback
def test_robots_unreachable_means_keep_out(tmp_path):
    def broken_robots(handler, _site):
        handler.send(503, b"down", "text/plain")

    with SiteServer(Site()) as site:
        site.overrides["/robots.txt"] = broken_robots
        report = crawl(
            [site.url("/news/market-day-returns")], tmp_path / "c", fast_options(retries=0)
        )
        result = by_url(report)[site.url("/news/market-day-returns")]
        assert result.outcome == "failed" and "robots.txt unreachable" in result.reason
        assert site.requests_for("/news/market-day-returns") == []


@pytest.mark.loopback
def test_missing_robots_allows_everything(tmp_path):
    def no_robots(handler, _site):
        handler.send(404, b"no", "text/plain")

    with SiteServer(Site()) as site:
        site.overrides["/robots.txt"] = no_robots
        report = crawl([site.url("/private/draft-budget")], tmp_path / "c", fast_options())
        assert by_url(report)[site.url("/private/draft-budget")].outcome == "fetched"


def test_parse_robots_for_our_agent():
    robots = parse_robots(
        "https://example.org",
        "User-agent: searcher\nDisallow: /x\nCrawl-delay: 4\n\nUser-agent: *\nDisallow: /\n"
        "Sitemap: https://example.org/s.xml#frag\n",
    )
    assert robots.refusal("https://example.org/x/1", "searcher/0.1") == "disallowed by robots.txt"
    assert robots.refusal("https://example.org/y", "searcher/0.1") is None
    assert robots.refusal("https://example.org/y", "OtherBot") == "disallowed by robots.txt"
    assert robots.crawl_delay("searcher/0.1") == 4.0
    assert robots.sitemaps == ["https://example.org/s.xml"]
