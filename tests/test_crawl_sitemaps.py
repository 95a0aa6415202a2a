"""Sitemaps (index, news, gzipped) and feeds (RSS, Atom): parsing and crawling."""

from __future__ import annotations

import gzip

import pytest
from crawlsite import Site, by_url, fast_options

from searcher.crawl import crawl
from searcher.crawl.feeds import parse_feed
from searcher.crawl.sitemaps import parse_sitemap, parse_text_sitemap
from searcher.crawl.xmldoc import document_kind

BASE = "http://127.0.0.1:8000"


def test_sitemap_index_lists_child_sitemaps():
    sitemap = parse_sitemap(Site(port=8000).sitemap_index(), BASE + "/sitemap_index.xml")
    assert sitemap.is_index
    assert sitemap.sitemaps == [BASE + "/sitemaps/news.xml", BASE + "/sitemaps/archive.xml.gz"]


def test_news_sitemap_entries_and_foreign_urls():
    sitemap = parse_sitemap(Site(port=8000).news_sitemap(), BASE + "/sitemaps/news.xml")
    assert [e.url for e in sitemap.entries] == [
        BASE + "/news/harbour-bridge-reopens",
        BASE + "/news/council-votes-on-tram",
    ]
    assert sitemap.entries[0].lastmod == "2026-03-02"
    assert sitemap.rejected == 1  # elsewhere.invalid is not this sitemap's site


def test_gzipped_sitemap_is_read_and_tracking_dropped():
    data = Site(port=8000).archive_sitemap()
    assert data[:2] == b"\x1f\x8b"
    sitemap = parse_sitemap(data, BASE + "/sitemaps/archive.xml.gz")
    assert [e.url for e in sitemap.entries][-1] == BASE + "/news/harbour-bridge-reopens"


def test_rss_links_and_guid_permalinks():
    feed = parse_feed(Site(port=8000).rss(), BASE + "/feeds/rss.xml")
    assert feed.title == "Larkport Ledger"
    assert [e.url for e in feed.entries] == [
        BASE + "/news/harbour-bridge-reopens",
        BASE + "/news/market-day-returns",
        BASE + "/news/ferry-timetable",
    ]


def test_atom_alternate_links_with_xml_base():
    feed = parse_feed(Site(port=8000).atom(), BASE + "/feeds/atom.xml")
    assert [e.url for e in feed.entries] == [
        BASE + "/news/market-day-returns",
        BASE + "/culture/choir-festival",
    ]


def test_rss_1_0_rdf():
    rdf = b"""<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
      xmlns="http://purl.org/rss/1.0/"><channel><title>T</title></channel>
      <item rdf:about="https://ex.org/a"><title>A</title><link>https://ex.org/a</link></item></rdf:RDF>"""
    assert document_kind(rdf) == "feed"
    assert [e.url for e in parse_feed(rdf, "https://ex.org/rss").entries] == ["https://ex.org/a"]


def test_document_kind_and_garbage():
    assert document_kind(gzip.compress(b"<urlset/>")) == "sitemap"
    assert document_kind(b"<html><body>x</body></html>") is None
    assert document_kind(b"not xml at all") is None
    assert parse_sitemap(b"<html/>", BASE) is None
    assert parse_feed(b"", BASE) is None


def test_entities_are_not_expanded():
    evil = b"""<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
      <urlset><url><loc>http://127.0.0.1:8000/&x;</loc></url></urlset>"""
    sitemap = parse_sitemap(evil, BASE + "/s.xml")
    assert all("root" not in e.url for e in sitemap.entries)


def test_crawl_sitemap_index_fetches_its_pages(site, tmp_path):
    report = crawl([site.url("/sitemap_index.xml")], tmp_path / "c", fast_options())
    results = by_url(report)
    fetched = sorted(r.url for r in report.results if r.outcome == "fetched")
    assert fetched == sorted(
        site.url(p)
        for p in (
            "/news/harbour-bridge-reopens",
            "/news/council-votes-on-tram",
            "/archive/2023/lighthouse-keeper",
        )
    )
    assert results[site.url("/private/draft-budget")].reason == "disallowed by robots.txt"
    assert results[site.url("/sitemaps/archive.xml.gz")].outcome == "read"


def test_feeds_bring_only_new_urls(site, tmp_path):
    corpus = tmp_path / "c"
    first = crawl([site.url("/feeds/rss.xml")], corpus, fast_options())
    assert first.counts["fetched"] == 3
    report = crawl(
        [site.url("/feeds/rss.xml"), site.url("/feeds/atom.xml")], corpus, fast_options()
    )
    fetched = [r.url for r in report.results if r.outcome == "fetched"]
    assert fetched == [site.url("/culture/choir-festival")]  # the only URL the Atom feed adds
    rss = by_url(report)[site.url("/feeds/rss.xml")]
    assert rss.status == 304 and "not modified" in rss.reason
    assert len(site.requests_for("/news/market-day-returns")) == 1


def test_text_sitemap():
    sitemap = parse_text_sitemap(
        b"http://127.0.0.1:8000/a\n\nhttp://127.0.0.1:8000/b?utm_source=x\nhttp://other.example/c\n",
        BASE + "/sitemap.txt",
    )
    assert [e.url for e in sitemap.entries] == [BASE + "/a", BASE + "/b"] and sitemap.rejected == 1
    assert parse_text_sitemap(b"Quay notes, not a list of URLs", BASE + "/notes.txt") is None


@pytest.mark.loopback
def test_text_sitemap_named_by_robots(tmp_path):
    from crawlsite import SiteServer

    with SiteServer(Site()) as running:
        running.overrides["/robots.txt"] = lambda h, s: h.send(
            200, f"Sitemap: {s.base}/urls.txt\n".encode(), "text/plain"
        )
        running.overrides["/urls.txt"] = lambda h, s: h.send(
            200, f"{s.base}/news/ferry-timetable\n".encode(), "text/plain"
        )
        report = crawl([running.url("/robots.txt")], tmp_path / "c", fast_options())
        assert by_url(report)[running.url("/news/ferry-timetable")].outcome == "fetched"


@pytest.mark.loopback
def test_feed_entries_on_other_sites_need_any_site(tmp_path):
    from crawlsite import SiteServer

    with SiteServer(Site()) as feeds, SiteServer(Site()) as news:
        # 127.0.0.1 and localhost are two sites as far as the crawler can tell.
        other = news.base.replace("127.0.0.1", "localhost")
        body = (
            f'<rss version="2.0"><channel><item><link>{other}/news/ferry-timetable</link></item>'
            f"<item><link>{feeds.base}/news/market-day-returns</link></item></channel></rss>"
        ).encode()
        feeds.overrides["/feed"] = lambda h, s: h.send(200, body, "application/rss+xml")
        report = crawl([feeds.url("/feed")], tmp_path / "c", fast_options())
        assert "1 on other sites left out" in by_url(report)[feeds.url("/feed")].reason
        assert news.hits == []
        report = crawl([feeds.url("/feed")], tmp_path / "c", fast_options(any_site=True))
        assert by_url(report)[other + "/news/ferry-timetable"].outcome == "fetched"
