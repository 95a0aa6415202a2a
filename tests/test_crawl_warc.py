"""WARC files: reading response records into the corpus, writing what a crawl fetched."""

from __future__ import annotations

import io
import json

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from crawlsite import GZIP_PAGE, LATIN_PAGE, fast_options, site  # noqa: F401

from searcher.crawl import crawl
from searcher.errors import CrawlError


def make_warc(path, records, gzip=True):
    """Write a WARC with (url, status, content_type, body, extra_headers) response records."""
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)
        for url, status, ctype, body, extra in records:
            headers = [("Content-Type", ctype), ("Content-Length", str(len(body)))] + list(extra)
            http = StatusAndHeaders(f"{status} OK", headers, protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http))
        writer.write_record(writer.create_warc_record("https://quay.example/a", "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))


RECORDS = [
    ("https://quay.example/news/tide-tables?utm_source=x", 200, "text/html; charset=utf-8", b"<h1>Tide tables</h1>", [("ETag", '"t1"')]),
    ("https://quay.example/news/gone", 404, "text/html", b"<h1>Gone</h1>", []),
    ("https://quay.example/img/logo.png", 200, "image/png", b"\x89PNG", []),
    ("https://quay.example/notes", 200, "text/plain", b"Plain notes", []),
    ("https://quay.example/amp/tide-tables", 200, "text/html",
     b'<link rel="canonical" href="https://quay.example/news/tide-tables"><h1>Tide tables AMP</h1>', []),
]


@pytest.mark.parametrize("gzip", [True, False])
def test_warc_responses_are_stored(tmp_path, gzip):
    warc = tmp_path / ("archive.warc.gz" if gzip else "archive.warc")
    make_warc(warc, RECORDS, gzip=gzip)
    corpus = tmp_path / "corpus"
    report = crawl([str(warc)], corpus, fast_options())
    outcomes = {r.url: (r.outcome, r.reason) for r in report.results}
    assert outcomes["https://quay.example/news/tide-tables"] == ("fetched", None)
    assert outcomes["https://quay.example/notes"] == ("fetched", None)
    assert outcomes["https://quay.example/news/gone"] == ("skipped", "archived response is HTTP 404")
    assert outcomes["https://quay.example/img/logo.png"][0] == "skipped"
    assert outcomes["https://quay.example/amp/tide-tables"][0] == "skipped"  # canonical already stored
    page = corpus / "quay.example/news/tide-tables.html"
    assert page.read_bytes() == b"<h1>Tide tables</h1>"
    meta = json.loads(page.with_name(page.name + ".meta.json").read_text())
    assert meta["source"] == "warc" and meta["etag"] == '"t1"' and meta["source_path"] == str(warc)
    assert (corpus / "quay.example/notes.txt").read_bytes() == b"Plain notes"
    again = crawl([str(warc)], corpus, fast_options())
    assert again.counts["fetched"] == 0


def test_not_a_warc(tmp_path):
    bad = tmp_path / "bad.warc"
    bad.write_bytes(b"this is not an archive\n" * 10)
    with pytest.raises(CrawlError, match="not a readable WARC"):
        crawl([str(bad)], tmp_path / "corpus", fast_options())


def test_crawl_writes_a_warc_that_reads_back(site, tmp_path):
    warc = tmp_path / "out" / "crawl.warc.gz"
    seeds = [site.url(p) for p in ("/news/river-cleanup", "/reviews/cafe-gaelle", "/missing")]
    crawl(seeds, tmp_path / "corpus", fast_options(warc=warc))
    with open(warc, "rb") as handle:
        records = [(r.rec_type, r.rec_headers.get_header("WARC-Target-URI"), r.http_headers, r.content_stream().read())
                   for r in ArchiveIterator(handle)]
    assert records[0][0] == "warcinfo"
    responses = {uri: (headers, body) for kind, uri, headers, body in records if kind == "response"}
    assert set(responses) == {site.url("/news/river-cleanup"), site.url("/reviews/cafe-gaelle")}
    headers, body = responses[site.url("/news/river-cleanup")]
    assert body == GZIP_PAGE and headers.get_header("Content-Encoding") is None
    assert headers.get_statuscode() == "200"
    headers, body = responses[site.url("/reviews/cafe-gaelle")]
    assert body == LATIN_PAGE and headers.get_header("Content-Type") == "text/html; charset=iso-8859-1"
    # The written WARC is itself a seed: a fresh corpus gets the same pages.
    report = crawl([str(warc)], tmp_path / "corpus2", fast_options())
    assert report.counts["fetched"] == 2
