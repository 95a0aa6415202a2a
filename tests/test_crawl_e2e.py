"""The whole fixture site: exactly the right pages, once each; a second run fetches nothing new; resume."""

from __future__ import annotations

import pytest
from crawlsite import EXPECTED_PATHS, by_url, fast_options, site_seeds, stored_keys

from searcher.corpus import iter_pages
from searcher.crawl import crawl
from searcher.crawl.store import page_key


def test_whole_site_is_crawled_exactly(site, tmp_path):
    corpus = tmp_path / "corpus"
    report = crawl(site_seeds(site), corpus, fast_options(depth=1))
    expected = sorted(page_key(site.url(p)) for p in EXPECTED_PATHS)
    assert stored_keys(corpus) == expected
    assert report.counts["fetched"] == len(EXPECTED_PATHS)
    # Every page has its sidecar, and the sidecar's URL is the page's normal URL.
    for page in iter_pages(corpus):
        assert page.meta["status"] == 200 and page.meta["fetched_at"].endswith("Z")
        assert (
            page_key(
                page.meta["canonical_url"]
                if "canonical_url" in page.meta
                else page.meta["final_url"]
            )
            == page.key
        )
    reasons = {r.url: r.reason for r in report.results if r.outcome in ("failed", "skipped")}
    assert reasons[site.url("/private/draft-budget")] == "disallowed by robots.txt"
    assert reasons[site.url("/missing")] == "HTTP 404 Not Found"
    assert "redirect loop" in reasons[site.url("/loop-a")]
    assert "timed out" in reasons[site.url("/slow")]


def test_one_article_under_many_urls_is_stored_and_fetched_once(site, tmp_path):
    corpus = tmp_path / "corpus"
    crawl(site_seeds(site), corpus, fast_options(depth=1))
    assert len(site.requests_for("/news/harbour-bridge-reopens")) == 1
    assert [k for k in stored_keys(corpus) if "harbour-bridge" in k] == [
        page_key(site.url("/news/harbour-bridge-reopens"))
    ]


@pytest.mark.slow
def test_second_run_fetches_nothing_new(site, tmp_path):
    corpus = tmp_path / "corpus"
    crawl(site_seeds(site), corpus, fast_options(depth=1))
    before = {p.key: p.mtime_ns for p in iter_pages(corpus)}
    first_hits = len(site.hits)
    report = crawl(site_seeds(site), corpus, fast_options(depth=1))
    assert report.counts["fetched"] == 0 and report.counts["updated"] == 0
    assert {p.key: p.mtime_ns for p in iter_pages(corpus)} == before
    again = {h.path.split("?")[0] for h in site.hits[first_hits:]}
    # Only the start page (304), robots.txt, the feeds and sitemaps (304) and transient failures.
    assert again <= {
        "/",
        "/robots.txt",
        "/sitemap_index.xml",
        "/feeds/rss.xml",
        "/feeds/atom.xml",
        "/broken",
        "/slow",
        "/huge",
    }
    home = [h for h in site.hits[first_hits:] if h.path == "/"]
    assert len(home) == 1 and "if-none-match" in home[0].headers


def test_interrupted_crawl_resumes(site, tmp_path):
    corpus = tmp_path / "corpus"

    def interrupt_after_three(report, pending):
        if report.counts["fetched"] >= 3:
            raise KeyboardInterrupt

    first = crawl(
        site_seeds(site),
        corpus,
        fast_options(depth=1, concurrency=1),
        progress=interrupt_after_three,
    )
    assert first.interrupted
    assert len(stored_keys(corpus)) == first.counts["fetched"] == 3
    second = crawl(site_seeds(site), corpus, fast_options(depth=1))
    assert second.resumed > 0
    assert stored_keys(corpus) == sorted(page_key(site.url(p)) for p in EXPECTED_PATHS)
    for path in EXPECTED_PATHS - {"/"}:
        assert len(site.requests_for(path)) == 1 + (path == "/news/busy-weekend"), (
            path
        )  # 429 then 200


def test_deleted_page_is_fetched_again(site, tmp_path):
    corpus = tmp_path / "corpus"
    crawl([site.url("/news/market-day-returns")], corpus, fast_options())
    (corpus / page_key(site.url("/news/market-day-returns"))).unlink()
    report = crawl([site.url("/news/market-day-returns")], corpus, fast_options())
    assert report.counts["fetched"] == 1


def test_state_is_rebuilt_from_sidecars(site, tmp_path):
    corpus = tmp_path / "corpus"
    crawl([site.url("/news/market-day-returns")], corpus, fast_options())
    for name in ("state.sqlite", "state.sqlite-wal", "state.sqlite-shm"):
        (corpus / ".crawl" / name).unlink(missing_ok=True)
    report = crawl([site.url("/news/market-day-returns")], corpus, fast_options())
    assert by_url(report)[site.url("/news/market-day-returns")].reason == "already in corpus"


def test_two_crawls_on_one_corpus_are_refused(site, tmp_path):
    from searcher.crawl.state import CrawlState
    from searcher.errors import CrawlError

    corpus = tmp_path / "corpus"
    crawl([site.url("/news/market-day-returns")], corpus, fast_options())
    holder = CrawlState(corpus / ".crawl", corpus)
    try:
        with pytest.raises(CrawlError, match="another crawl is running"):
            crawl([site.url("/news/ferry-timetable")], corpus, fast_options())
    finally:
        holder.close()
    assert crawl([site.url("/news/ferry-timetable")], corpus, fast_options()).counts["fetched"] == 1


def test_damaged_state_is_set_aside_and_rebuilt(site, tmp_path):
    corpus = tmp_path / "corpus"
    crawl([site.url("/news/market-day-returns")], corpus, fast_options())
    for name in ("state.sqlite-wal", "state.sqlite-shm"):
        (corpus / ".crawl" / name).unlink(missing_ok=True)
    (corpus / ".crawl" / "state.sqlite").write_bytes(b"this is not a database" * 100)
    report = crawl([site.url("/news/market-day-returns")], corpus, fast_options())
    assert report.results[0].reason == "already in corpus"
    assert (corpus / ".crawl" / "state.sqlite.damaged").exists()


def test_results_can_be_streamed_instead_of_kept(site, tmp_path):
    seen = []
    report = crawl(
        site_seeds(site),
        tmp_path / "corpus",
        fast_options(depth=1),
        on_result=seen.append,
        keep_results=False,
    )
    assert report.results == []
    assert sum(report.counts.values()) == len(seen) > len(EXPECTED_PATHS)
    assert sorted(r.key for r in seen if r.outcome == "fetched") == sorted(
        page_key(site.url(p)) for p in EXPECTED_PATHS
    )
