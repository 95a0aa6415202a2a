"""`searcher extract` through click's CliRunner."""

import json

import pytest
from click.testing import CliRunner

from searcher.cli import main

PAGE = """<html lang="en"><head><title>Orchard harvest starts early | Valley Courier</title>
<meta property="og:site_name" content="Valley Courier">
<meta property="article:published_time" content="2024-08-19T06:30:00+02:00">
<meta name="author" content="Hedda Lindqvist"></head>
<body><article><h1>Orchard harvest starts early</h1>
<p>Apple growers in the lower valley began picking two weeks earlier than usual after a warm and dry summer.</p>
<p>"We have never started this early," said grower Bram Oosterhuis, who has farmed the slopes for forty years.</p>
</article></body></html>"""


def write(tmp_path, name="story.html", text=PAGE):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_text_output(tmp_path):
    path = write(tmp_path)
    result = CliRunner().invoke(main, ["extract", str(path)])
    assert result.exit_code == 0, result.output
    assert "title      Orchard harvest starts early" in result.output
    assert "authors    Hedda Lindqvist  [meta]" in result.output
    assert "published  2024-08-19T06:30:00+02:00  [meta]" in result.output
    assert "Apple growers" in result.output


def test_json_many_files(tmp_path):
    one, two = (
        write(tmp_path, "a.html"),
        write(
            tmp_path, "b.txt", "Short note\n\nBy Ada Quist\n\nThe meeting was moved to Friday.\n"
        ),
    )
    result = CliRunner().invoke(main, ["extract", "--format", "json", str(one), str(two)])
    assert result.exit_code == 0, result.output
    records = json.loads(result.output)
    assert [r["title"] for r in records] == ["Orchard harvest starts early", "Short note"]
    assert records[1]["authors"] == ["Ada Quist"]


def test_jsonl_folder(tmp_path):
    write(tmp_path, "a.html")
    write(tmp_path, "b.html")
    result = CliRunner().invoke(main, ["extract", "--format", "jsonl", str(tmp_path)])
    assert result.exit_code == 0
    lines = result.output.strip().splitlines()
    assert len(lines) == 2
    assert json.loads(lines[0])["outlet"] == "Valley Courier"


def test_missing_file_is_one_line_exit_2(tmp_path):
    result = CliRunner().invoke(main, ["extract", str(tmp_path / "nope.html")])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "no such file" in result.output


def test_one_bad_among_good_still_prints_good(tmp_path):
    good = write(tmp_path)
    result = CliRunner().invoke(
        main, ["extract", "--format", "jsonl", str(good), str(tmp_path / "nope.html")]
    )
    assert result.exit_code == 2
    assert "Orchard harvest" in result.output
    assert "1 page(s) could not be read" in result.output


@pytest.mark.loopback
def test_unreachable_url_exit_2():
    result = CliRunner().invoke(main, ["extract", "http://127.0.0.1:9/story"])
    assert result.exit_code == 2
    assert "cannot fetch" in result.output


@pytest.mark.loopback
def test_dripping_url_is_cut_off_by_the_timeout(monkeypatch):
    import time

    from crawlsite import Site, SiteServer

    from searcher.normalize import inputs

    monkeypatch.setattr(inputs, "FETCH_TIMEOUT", 1.0)
    with SiteServer(Site(drip_interval=0.1, drip_bytes=40)) as site:
        started = time.monotonic()
        result = CliRunner().invoke(main, ["extract", site.url("/drip")])
        assert time.monotonic() - started < 3.0
    assert result.exit_code == 2
    assert "timed out: body not complete within 1s" in result.output


def test_help():
    result = CliRunner().invoke(main, ["extract", "--help"])
    assert result.exit_code == 0
    assert "--format" in result.output


@pytest.mark.loopback
def test_url_is_fetched(tmp_path):
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    body = PAGE.encode("cp1252", "replace")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server API
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=windows-1252")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/2024/08/19/orchard"
        result = CliRunner().invoke(main, ["extract", "--format", "json", url])
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)[0]
    assert record["title"] == "Orchard harvest starts early"
    assert record["url"] == url


def test_folder_with_a_named_pipe_does_not_hang(tmp_path):
    import os
    import subprocess
    import sys

    import pytest

    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    write(tmp_path, "a.html")
    os.mkfifo(tmp_path / "pipe.html")  # reading it would wait for a writer for ever
    result = subprocess.run(
        [sys.executable, "-m", "searcher", "extract", "--format", "jsonl", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert [json.loads(line)["title"] for line in result.stdout.splitlines()] == [
        "Orchard harvest starts early"
    ]
