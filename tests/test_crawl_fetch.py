"""Fetching against a real local server: statuses, redirects, retries, timeouts, size cap, types."""

from __future__ import annotations

import json

from crawlsite import GZIP_PAGE, LATIN_PAGE, Site, SiteServer, by_url, fast_options

from searcher.crawl import crawl
from searcher.crawl.fetch import Fetcher, FetchError, parse_retry_after


def one(site, tmp_path, path, **options):
    report = crawl([site.url(path)], tmp_path / "corpus", fast_options(**options))
    results = [r for r in report.results if r.outcome != "read"]
    assert len(results) == 1, results
    return results[0]


def test_redirect_chain_is_followed_and_recorded(site, tmp_path):
    result = one(site, tmp_path, "/old/ferry")
    assert result.outcome == "fetched"
    assert result.final_url == site.url("/news/ferry-timetable")  # tracking parameter dropped
    meta = json.loads((tmp_path / "corpus" / (result.key + ".meta.json")).read_text())
    assert meta["url"] == site.url("/old/ferry")
    assert meta["final_url"] == site.url("/news/ferry-timetable")
    assert meta["redirects"] == [site.url("/old/ferry"), site.url("/moved/ferry")]


def test_redirect_loop_fails(site, tmp_path):
    result = one(site, tmp_path, "/loop-a")
    assert result.outcome == "failed"
    assert "redirect loop" in result.reason
    assert len(site.requests_for("/loop-a")) == 1


def test_redirect_limit(site, tmp_path):
    result = one(site, tmp_path, "/chain/0", max_redirects=3)
    assert result.outcome == "failed"
    assert "too many redirects" in result.reason
    assert [h.path for h in site.hits if h.path.startswith("/chain/")] == [
        "/chain/0",
        "/chain/1",
        "/chain/2",
        "/chain/3",
    ]


def test_redirect_into_a_disallowed_path_is_not_followed(site, tmp_path):
    site.overrides["/to-private"] = lambda h, s: h.redirect(302, "/private/draft-budget")
    result = one(site, tmp_path, "/to-private")
    assert result.outcome == "skipped" and "disallowed by robots.txt" in result.reason
    assert site.requests_for("/private/draft-budget") == []


def test_a_redirect_to_an_unusable_url_says_why(site, tmp_path):
    site.overrides["/to-js"] = lambda h, s: h.redirect(302, "javascript:alert(1)")
    site.overrides["/to-bad-port"] = lambda h, s: h.redirect(302, "http://127.0.0.1:99999/x")
    js = one(site, tmp_path, "/to-js")
    assert (js.outcome, js.reason) == (
        "failed",
        "redirect to an unusable URL 'javascript:alert(1)': not an http(s) URL",
    )
    port = one(site, tmp_path, "/to-bad-port")
    assert (
        port.reason == "redirect to an unusable URL 'http://127.0.0.1:99999/x': invalid port 99999"
    )


def test_redirect_to_another_host_is_scheduled_there(site, tmp_path):
    with SiteServer(Site()) as other:
        site.overrides["/elsewhere"] = lambda h, s: h.redirect(
            301, other.url("/news/market-day-returns?utm_source=a")
        )
        report = crawl([site.url("/elsewhere")], tmp_path / "c", fast_options())
        result = by_url(report)[site.url("/elsewhere")]
        assert result.outcome == "fetched" and result.final_url == other.url(
            "/news/market-day-returns"
        )
        assert other.paths() == [
            "/robots.txt",
            "/news/market-day-returns",
        ]  # its own robots.txt first
        assert result.key.startswith(f"127.0.0.1_{other.port}/")


def test_404_and_500_fail_with_status(site, tmp_path):
    missing = one(site, tmp_path, "/missing")
    assert (missing.outcome, missing.status, missing.reason) == (
        "failed",
        404,
        "HTTP 404 Not Found",
    )
    broken = one(site, tmp_path, "/broken")
    assert (broken.outcome, broken.status) == ("failed", 500)
    assert len(site.requests_for("/broken")) == 1  # 500 is not retried


def test_404_is_not_asked_again_until_refresh(site, tmp_path):
    one(site, tmp_path, "/missing")
    again = one(site, tmp_path, "/missing")
    assert again.outcome == "skipped" and "404" in again.reason
    assert len(site.requests_for("/missing")) == 1
    one(site, tmp_path, "/missing", refresh=True)
    assert len(site.requests_for("/missing")) == 2


def test_429_waits_for_retry_after(site, tmp_path):
    site.retry_after = "1"
    result = one(site, tmp_path, "/news/busy-weekend")
    assert result.outcome == "fetched"
    hits = site.requests_for("/news/busy-weekend")
    assert len(hits) == 2
    assert hits[1].at - hits[0].at >= 0.95  # Retry-After: 1


def test_retry_after_longer_than_allowed_gives_up(site, tmp_path):
    site.retry_after = "3600"
    result = one(site, tmp_path, "/news/busy-weekend")
    assert result.outcome == "failed"
    assert "429" in result.reason and "retry after 3600s" in result.reason
    assert len(site.requests_for("/news/busy-weekend")) == 1


def test_503_is_retried_with_backoff_then_fails(site, tmp_path):
    result = one(site, tmp_path, "/unavailable", retries=2)
    assert result.outcome == "failed" and result.status == 503
    assert len(site.requests_for("/unavailable")) == 3


def test_slow_response_times_out(site, tmp_path):
    result = one(site, tmp_path, "/slow", timeout=0.3)
    assert result.outcome == "failed"
    assert "timed out" in result.reason


def test_dripping_body_is_cut_off_by_the_timeout_and_not_stored(site, tmp_path):
    import time

    started = time.monotonic()
    result = one(
        site, tmp_path, "/drip", timeout=1.0
    )  # 40 bytes, one every 0.1 s: no single wait is long
    assert time.monotonic() - started < 3.0
    assert result.outcome == "failed"
    assert result.reason.startswith("timed out: body not complete within 1s"), result.reason
    assert not list((tmp_path / "corpus").rglob("*.html"))
    assert not list((tmp_path / "corpus" / ".crawl" / "tmp").iterdir())


def test_dripping_headers_are_cut_off_by_the_timeout(site, tmp_path):
    import time

    started = time.monotonic()
    result = one(site, tmp_path, "/drip-headers", timeout=1.0)
    assert time.monotonic() - started < 3.0
    assert (result.outcome, result.reason) == (
        "failed",
        "timed out: no complete response headers within 1s",
    )


def test_dripping_robots_txt_is_cut_off_and_says_so(site, tmp_path):
    import time

    site.overrides["/robots.txt"] = lambda h, s: h.route("/drip-headers")
    started = time.monotonic()
    result = one(site, tmp_path, "/news/market-day-returns", timeout=1.0)
    assert time.monotonic() - started < 3.0
    assert result.outcome == "failed"
    assert (
        result.reason
        == "robots.txt unreachable (timed out: no complete response headers within 1s)"
    )


def test_streamed_body_larger_than_cap_is_not_stored(site, tmp_path):
    result = one(site, tmp_path, "/huge", max_size=50_000)
    assert result.outcome == "skipped" and "too large" in result.reason
    assert not list((tmp_path / "corpus").rglob("*.html"))
    assert not list((tmp_path / "corpus" / ".crawl" / "tmp").iterdir())  # no partial download left


def test_size_cap_holds_for_seeds_and_links_alike(site, tmp_path):
    site.overrides["/links-to-huge"] = lambda h, s: h.send(200, b'<a href="/huge">big</a>')
    report = crawl(
        [site.url("/links-to-huge")], tmp_path / "c", fast_options(depth=1, max_size=50_000)
    )
    assert by_url(report)[site.url("/huge")].outcome == "skipped"


def test_a_seed_is_read_no_further_than_max_size(site, tmp_path):
    site.huge_size = 40 * 1024 * 1024  # under the 64 MB once allowed to seeds, far over --max-size
    result = one(site, tmp_path, "/huge", max_size=50_000)
    assert result.outcome == "skipped" and result.reason == "too large: more than 48.8 KB"
    assert site.huge_sent < 10 * 1024 * 1024  # the crawler hung up at the limit


def test_declared_length_larger_than_cap_is_refused_before_reading(site, tmp_path):
    result = one(site, tmp_path, "/huge-declared", max_size=50_000)
    assert result.outcome == "skipped" and "too large" in result.reason


def test_pdf_and_image_are_not_stored(site, tmp_path):
    pdf = one(site, tmp_path, "/files/brochure")
    image = one(site, tmp_path, "/media/photo")
    assert pdf.outcome == "skipped" and "application/pdf" in pdf.reason
    assert image.outcome == "skipped" and "image/png" in image.reason
    assert not list((tmp_path / "corpus").rglob("*.html"))


def test_gzip_content_encoding_is_decoded(site, tmp_path):
    result = one(site, tmp_path, "/news/river-cleanup")
    assert result.outcome == "fetched"
    assert (tmp_path / "corpus" / result.key).read_bytes() == GZIP_PAGE
    assert site.requests_for("/news/river-cleanup")[0].headers["accept-encoding"].startswith("gzip")


def test_non_utf8_page_is_stored_byte_for_byte(site, tmp_path):
    result = one(site, tmp_path, "/reviews/cafe-gaelle")
    stored = tmp_path / "corpus" / result.key
    assert stored.read_bytes() == LATIN_PAGE
    meta = json.loads(stored.with_name(stored.name + ".meta.json").read_text())
    assert meta["content_type"] == "text/html; charset=iso-8859-1"


def test_non_utf8_page_links_are_followed(site, tmp_path):
    report = crawl([site.url("/reviews/cafe-gaelle")], tmp_path / "corpus", fast_options(depth=1))
    assert by_url(report)[site.url("/news/market-day-returns")].outcome == "fetched"


def test_refresh_sends_etag_and_gets_304(site, tmp_path):
    first = one(site, tmp_path, "/news/market-day-returns")
    stored = tmp_path / "corpus" / first.key
    before = stored.stat().st_mtime_ns
    again = one(site, tmp_path, "/news/market-day-returns")
    assert again.outcome == "skipped" and again.reason == "already in corpus"
    assert (
        len(site.requests_for("/news/market-day-returns")) == 1
    )  # not asked again without --refresh
    refreshed = one(site, tmp_path, "/news/market-day-returns", refresh=True)
    assert refreshed.outcome == "unchanged" and refreshed.status == 304
    hit = site.requests_for("/news/market-day-returns")[-1]
    assert hit.headers["if-none-match"].startswith('"')
    assert hit.headers["if-modified-since"] == "Mon, 02 Mar 2026 08:00:00 GMT"
    assert stored.stat().st_mtime_ns == before


def test_user_agent_is_sent(site, tmp_path):
    one(
        site,
        tmp_path,
        "/news/market-day-returns",
        user_agent="LedgerBot/2.0 (+mailto:test@larkport.invalid)",
    )
    assert all(
        h.headers["user-agent"] == "LedgerBot/2.0 (+mailto:test@larkport.invalid)"
        for h in site.hits
    )


def test_fetcher_reports_reasons(site, tmp_path):
    fetcher = Fetcher(tmp_path, timeout=0.5, retry_base=0.01)
    try:
        result = fetcher.fetch(site.url("/news/market-day-returns"))
        assert result.status == 200 and result.path.read_bytes().startswith(b"<!DOCTYPE html>")
        result.discard()
        try:
            fetcher.fetch("http://127.0.0.1:1/closed")
        except FetchError as exc:
            assert exc.outcome == "failed" and "network error" in exc.reason
        else:
            raise AssertionError("a closed port must fail")
    finally:
        fetcher.close()


def test_parse_retry_after():
    assert parse_retry_after("5") == 5.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:10 GMT", now=1445412480.0) == 10.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None
