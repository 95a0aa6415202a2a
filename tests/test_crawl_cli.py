"""`searcher crawl` through click: options, output formats, exit codes, --index."""

from __future__ import annotations

import json
import sys
import types

import pytest
from click.testing import CliRunner

from searcher.cli import main


def run(*args):
    return CliRunner().invoke(main, ["crawl", *args], catch_exceptions=False)


def test_json_report(site, tmp_path):
    result = run(
        site.url("/feeds/rss.xml"),
        "--corpus",
        str(tmp_path / "c"),
        "--delay",
        "0",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["counts"]["fetched"] == 3 and report["counts"]["failed"] == 0
    assert report["interrupted"] is False and report["requests"] == 5
    first = report["results"][0]
    assert set(first) == {"url", "outcome", "reason", "key", "status", "final_url"}


def test_text_output_lists_results_and_summary(site, tmp_path):
    result = run(
        site.url("/"), site.url("/missing"), "--corpus", str(tmp_path / "c"), "--delay", "0"
    )
    assert result.exit_code == 1  # a failed URL is reported in the exit code too
    lines = result.stdout.splitlines()
    assert lines[0].startswith("fetched") and lines[0].endswith(
        "-> " + f"127.0.0.1_{site.port}/index.html"
    )
    assert any(line.startswith("failed") and "HTTP 404 Not Found" in line for line in lines)
    assert lines[-1].startswith("1 fetched, 1 failed (3 requests in ")
    assert "\r" not in result.stderr  # no progress line when not on a terminal


def test_options_reach_the_crawler(site, tmp_path):
    result = run(
        site.url("/"),
        "--corpus",
        str(tmp_path / "c"),
        "--delay",
        "0",
        "--depth",
        "1",
        "--include",
        "/news/",
        "--exclude",
        "busy|river|ferry",
        "--max-size",
        "100k",
        "--timeout",
        "5",
        "--user-agent",
        "QuayBot/1.0",
        "--limit",
        "2",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["counts"]["fetched"] == 2
    assert {h.headers["user-agent"] for h in site.hits} == {"QuayBot/1.0"}


@pytest.mark.parametrize(
    "args, message",
    [
        ([], "give at least one SEED"),
        (["--depth", "-1", "x"], "--depth"),
        (["--max-size", "lots", "https://ex.org/"], "is not a size"),
        (["--include", "(", "https://ex.org/"], "bad --include/--exclude pattern"),
        (["/no/such/folder"], "no such file or folder: /no/such/folder"),
        (["ftp://ex.org/x"], "only http and https"),
    ],
)
def test_bad_usage_exits_2_with_one_line(tmp_path, args, message):
    result = run(*args, "--corpus", str(tmp_path / "c"))
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_index_after_crawl(site, tmp_path, monkeypatch):
    calls = []
    fake = types.ModuleType("searcher.index")
    fake.update = lambda corpus, index: (
        calls.append((str(corpus), str(index)))
        or types.SimpleNamespace(added=1, updated=0, removed=0)
    )
    monkeypatch.setitem(sys.modules, "searcher.index", fake)
    corpus, index = tmp_path / "c", tmp_path / "idx"
    result = run(
        site.url("/news/market-day-returns"),
        "--corpus",
        str(corpus),
        "--delay",
        "0",
        "--index",
        "--index-path",
        str(index),
    )
    assert result.exit_code == 0, result.output
    assert calls == [(str(corpus), str(index))]


def test_interrupted_exit_code(tmp_path, monkeypatch):
    import searcher.crawl as crawl_package
    from searcher.crawl.report import CrawlReport

    monkeypatch.setattr(crawl_package, "crawl", lambda *a, **k: CrawlReport(interrupted=True))
    result = run("https://ex.org/", "--corpus", str(tmp_path / "c"))
    assert result.exit_code == 130
    assert "run the same command again to resume" in result.stderr


def test_crawl_index_then_search_finds_the_pages(site, tmp_path):
    search = pytest.importorskip("searcher.search")
    corpus, index = tmp_path / "c", tmp_path / "idx"
    result = run(
        site.url("/sitemap_index.xml"),
        "--corpus",
        str(corpus),
        "--delay",
        "0",
        "--index",
        "--index-path",
        str(index),
    )
    assert result.exit_code == 0, result.output
    assert "index updated: " in result.stderr
    searcher = search.open_searcher(index)
    hits = searcher.search("tram Saltmarsh").hits
    assert [h.article.url for h in hits][:1] == [site.url("/news/council-votes-on-tram")]
