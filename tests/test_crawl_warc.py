"""WARC files: reading response records into the corpus, writing what a crawl fetched."""

from __future__ import annotations

import gzip
import io
import json

import pytest
from crawlsite import GZIP_PAGE, LATIN_PAGE, fast_options
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from searcher.crawl import crawl
from searcher.errors import CrawlError


def make_warc(path, records, gzip=True):
    """Write a WARC with (url, status, content_type, body, extra_headers) response records."""
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)
        for url, status, ctype, body, extra in records:
            headers = [("Content-Type", ctype), ("Content-Length", str(len(body)))] + list(extra)
            http = StatusAndHeaders(f"{status} OK", headers, protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    url, "response", payload=io.BytesIO(body), http_headers=http
                )
            )
        writer.write_record(
            writer.create_warc_record(
                "https://quay.example/a", "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")
            )
        )


RECORDS = [
    (
        "https://quay.example/news/tide-tables?utm_source=x",
        200,
        "text/html; charset=utf-8",
        b"<h1>Tide tables</h1>",
        [("ETag", '"t1"')],
    ),
    ("https://quay.example/news/gone", 404, "text/html", b"<h1>Gone</h1>", []),
    ("https://quay.example/img/logo.png", 200, "image/png", b"\x89PNG", []),
    ("https://quay.example/notes", 200, "text/plain", b"Plain notes", []),
    (
        "https://quay.example/amp/tide-tables",
        200,
        "text/html",
        b'<link rel="canonical" href="https://quay.example/news/tide-tables"><h1>Tide tables AMP</h1>',
        [],
    ),
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
    assert outcomes["https://quay.example/news/gone"] == (
        "skipped",
        "archived response is HTTP 404",
    )
    assert outcomes["https://quay.example/img/logo.png"][0] == "skipped"
    assert (
        outcomes["https://quay.example/amp/tide-tables"][0] == "skipped"
    )  # canonical already stored
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
        records = [
            (
                r.rec_type,
                r.rec_headers.get_header("WARC-Target-URI"),
                r.http_headers,
                r.content_stream().read(),
            )
            for r in ArchiveIterator(handle)
        ]
    assert records[0][0] == "warcinfo"
    responses = {uri: (headers, body) for kind, uri, headers, body in records if kind == "response"}
    assert set(responses) == {site.url("/news/river-cleanup"), site.url("/reviews/cafe-gaelle")}
    headers, body = responses[site.url("/news/river-cleanup")]
    assert body == GZIP_PAGE and headers.get_header("Content-Encoding") is None
    assert headers.get_statuscode() == "200"
    headers, body = responses[site.url("/reviews/cafe-gaelle")]
    assert (
        body == LATIN_PAGE and headers.get_header("Content-Type") == "text/html; charset=iso-8859-1"
    )
    # The written WARC is itself a seed: a fresh corpus gets the same pages.
    report = crawl([str(warc)], tmp_path / "corpus2", fast_options())
    assert report.counts["fetched"] == 2


def _records(blob):
    """The byte ranges of the records of an uncompressed WARC."""
    import re

    starts = [m.start() for m in re.finditer(rb"WARC/1\.[01]\r\n", blob)]
    return [blob[a:b] for a, b in zip(starts, starts[1:] + [len(blob)], strict=False)]


def _longer(record, extra):
    """A record whose WARC Content-Length claims `extra` more bytes than it holds."""
    import re

    return re.sub(
        rb"Content-Length: (\d+)",
        lambda m: b"Content-Length: %d" % (int(m.group(1)) + extra),
        record,
        count=1,
    )


THREE = [
    (f"https://quay.example/story-{i}", 200, "text/html", f"<h1>Story {i}</h1>".encode(), [])
    for i in range(3)
]


@pytest.mark.parametrize("gzip", [True, False])
@pytest.mark.parametrize("bad", [0, 1, 2])
@pytest.mark.parametrize("extra", [1, 4, 300, 5000])
def test_a_record_longer_than_its_content_is_reported_and_the_others_kept(
    tmp_path, gzip, bad, extra
):
    import gzip as gz

    from click.testing import CliRunner

    from searcher.cli import main

    plain = tmp_path / "plain.warc"
    make_warc(plain, THREE, gzip=False)
    records = _records(plain.read_bytes())
    records[bad] = _longer(records[bad], extra)
    warc = tmp_path / ("bad.warc.gz" if gzip else "bad.warc")
    warc.write_bytes(b"".join(gz.compress(r) for r in records) if gzip else b"".join(records))
    result = CliRunner().invoke(main, ["crawl", str(warc), "--corpus", str(tmp_path / "corpus")])
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), result.exception
    assert result.exit_code == 1, result.output  # a lost record is a failure, as a lost URL is
    lines = result.stdout.splitlines()
    failed = [line for line in lines if line.startswith("failed")]
    assert len(failed) == 1 and (
        "damaged record" in failed[0] or "unreadable record" in failed[0]
    ), failed
    assert "byte " in failed[0]
    fetched = sorted(line.split()[1] for line in lines if line.startswith("fetched"))
    assert fetched == [f"https://quay.example/story-{i}" for i in range(3) if i != bad]
    assert lines[-1].startswith("2 fetched, 1 failed")
    assert result.stderr == ""  # warcio's own warnings are not printed


@pytest.mark.parametrize("cut", [0.3, 0.7, 0.9])
def test_a_truncated_warc_gz_says_what_was_lost(tmp_path, cut):
    warc = tmp_path / "archive.warc.gz"
    make_warc(warc, THREE, gzip=True)
    data = warc.read_bytes()
    members = [i for i in range(len(data)) if data.startswith(b"\x1f\x8b\x08", i)]
    # Cut inside a gzip member (not on a boundary, where nothing would show the loss).
    at = int(len(data) * cut)
    if at in members:
        at += 7
    warc.write_bytes(data[:at])
    report = crawl([str(warc)], tmp_path / "corpus", fast_options())
    failed = [r for r in report.results if r.outcome == "failed"]
    assert len(failed) == 1 and (
        "truncated" in failed[0].reason or "damaged record" in failed[0].reason
    ), failed
    kept = sum(1 for m in members if m < at) - 1  # the member cut in two is lost
    assert report.counts["fetched"] == kept


def test_a_member_whose_header_does_not_parse_is_reported_once_at_its_offset(tmp_path):
    good = tmp_path / "good.warc.gz"
    make_warc(good, THREE, gzip=True)
    data = good.read_bytes()
    members = [i for i in range(len(data)) if data.startswith(b"\x1f\x8b\x08", i)]
    # The second record's member holds the start of a header only: warcio fails while
    # looking for the next record, after the first was read whole.
    bad = gzip.compress(b"WA\r\n\r\n")
    warc = tmp_path / "archive.warc.gz"
    warc.write_bytes(data[: members[1]] + bad + data[members[2] :])
    report = crawl([str(warc)], tmp_path / "corpus", fast_options())
    failed = [r for r in report.results if r.outcome == "failed"]
    assert [r.url.split(" of ")[0] for r in failed] == [f"byte {members[1]}"], failed
    assert report.counts["fetched"] == 2


def test_a_garbled_record_header_is_skipped(tmp_path):
    plain = tmp_path / "plain.warc"
    make_warc(plain, THREE, gzip=False)
    records = _records(plain.read_bytes())
    records[1] = (
        records[1]
        .replace(b"WARC-Target-URI", b"WARC-Target-UR\x00", 1)
        .replace(b"WARC-Type: response", b"WARC-Type respon", 1)
    )
    warc = tmp_path / "garbled.warc"
    warc.write_bytes(b"".join(records))
    report = crawl([str(warc)], tmp_path / "corpus", fast_options())
    assert report.counts["fetched"] == 2 and report.counts["failed"] == 1


@pytest.mark.slow
def test_damaged_warcs_never_raise(tmp_path_factory):
    """Random wrong lengths and cuts: every record is stored or reported, never a traceback."""
    import gzip as gz

    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    base = tmp_path_factory.mktemp("warc")
    make_warc(base / "plain.warc", THREE, gzip=False)
    records = _records((base / "plain.warc").read_bytes())

    @given(
        st.lists(st.integers(-40, 400), min_size=len(records), max_size=len(records)),
        st.booleans(),
        st.floats(0.0, 1.0),
    )
    @settings(
        max_examples=60, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    def check(changes, gzipped, cut):
        changed = [
            _longer(r, extra) if extra else r for r, extra in zip(records, changes, strict=False)
        ]
        blob = b"".join(gz.compress(r) for r in changed) if gzipped else b"".join(changed)
        blob = blob[: max(64, int(len(blob) * cut))] if cut < 0.95 else blob
        folder = tmp_path_factory.mktemp("case")
        warc = folder / ("x.warc.gz" if gzipped else "x.warc")
        warc.write_bytes(blob)
        try:
            report = crawl([str(warc)], folder / "corpus", fast_options())
        except CrawlError as exc:  # a file that does not even start like a WARC
            assert "not a readable WARC" in str(exc)
            return
        intact = sum(1 for extra in changes[:3] if extra == 0)
        if cut >= 0.95:  # whole file: exactly the damaged records are lost, each reported once
            assert report.counts["fetched"] == intact
            assert report.counts["failed"] == sum(1 for extra in changes if extra)
        else:
            assert report.counts["fetched"] <= intact

    check()
