"""Stopping a crawl at any moment (Ctrl-C, SIGTERM, a stop event): no traceback, nothing stored lost,
and the next run takes up where it stopped without fetching a stored page again."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading

import pytest
from click.testing import CliRunner
from crawlsite import EXPECTED_PATHS, by_url, fast_options, site_seeds, stored_keys

from searcher.cli import main
from searcher.crawl import crawl
from searcher.crawl.state import CrawlState
from searcher.crawl.store import Store, page_key


def assert_resumes_without_refetching(site, corpus, kept):
    """The next run stores the rest of the site and asks for none of the pages kept."""
    before = len(site.hits)
    report = crawl(site_seeds(site), corpus, fast_options(depth=1))
    assert report.resumed > 0
    assert stored_keys(corpus) == sorted(page_key(site.url(p)) for p in EXPECTED_PATHS)
    asked_again = {h.path.split("?")[0] for h in site.hits[before:]}
    # The start page is a seed: it is re-read (conditionally) for its links.
    kept_paths = {p for p in EXPECTED_PATHS - {"/"} if page_key(site.url(p)) in kept}
    assert not asked_again & kept_paths


@pytest.mark.slow
@pytest.mark.parametrize("signum, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_ctrl_c_and_sigterm_stop_cleanly_and_the_next_run_resumes(site, tmp_path, signum, code):
    corpus = tmp_path / "corpus"
    command = [
        *(sys.executable, "-m", "searcher", "crawl", *site_seeds(site)),
        *("--depth", "1", "--delay", "0.3", "--timeout", "0.5", "--corpus", str(corpus)),
    ]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    watchdog = threading.Timer(
        60, process.kill
    )  # a hung crawl fails the test instead of hanging it
    watchdog.start()
    try:
        # The crawler prints each result as it comes: signal once it says a page is stored.
        head = []
        for line in process.stdout:
            head.append(line)
            if line.startswith("fetched "):
                break
        assert head and head[-1].startswith("fetched "), "".join(head) + process.stderr.read()
        process.send_signal(signum)
        out = "".join(head) + process.stdout.read()
        err = process.stderr.read()
        process.wait()
    finally:
        watchdog.cancel()
    assert process.returncode == code, err
    assert "Traceback" not in err and "interrupted" in err
    assert " requests in " in out.splitlines()[-1]  # the summary line
    kept = stored_keys(corpus)
    assert 0 < len(kept) < len(EXPECTED_PATHS)
    assert not list((corpus / ".crawl" / "tmp").iterdir())
    assert_resumes_without_refetching(site, corpus, kept)


def test_a_signal_while_a_page_is_being_stored_leaves_it_whole(site, tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    save = Store.save
    signalled = []

    def save_with_a_signal_halfway(self, key, body, meta):
        self.write_meta(key, meta)
        if not signalled:
            signalled.append(key)
            os.kill(os.getpid(), signal.SIGINT)  # its handler runs here, between sidecar and page
        return save(self, key, body, meta)

    monkeypatch.setattr(Store, "save", save_with_a_signal_halfway)
    result = CliRunner().invoke(
        main, ["crawl", *site_seeds(site), "--depth", "1", "--delay", "0", "--corpus", str(corpus)]
    )
    assert result.exit_code == 130, result.output
    assert "interrupted" in result.stderr
    kept = stored_keys(corpus)
    assert signalled[0] in kept
    monkeypatch.undo()
    assert_resumes_without_refetching(site, corpus, kept)


def test_a_stop_before_the_crawl_starts_fetches_nothing_and_loses_nothing(site, tmp_path):
    corpus = tmp_path / "corpus"
    crawl([site.url("/news/market-day-returns")], corpus, fast_options())
    kept = stored_keys(corpus)
    before = len(site.hits)
    stop = threading.Event()
    stop.set()
    report = crawl(site_seeds(site), corpus, fast_options(depth=1), stop=stop)
    assert report.interrupted and report.requests == 0 and len(site.hits) == before
    assert stored_keys(corpus) == kept
    assert_resumes_without_refetching(site, corpus, kept)


@pytest.mark.parametrize("after", [1, 4, 9])
def test_a_stop_after_any_result_resumes_without_refetching(site, tmp_path, after):
    corpus = tmp_path / "corpus"
    stop = threading.Event()
    seen = []

    def stop_after(result):
        seen.append(result)
        if len(seen) == after:
            stop.set()

    options = fast_options(depth=1, concurrency=1)
    report = crawl(site_seeds(site), corpus, options, on_result=stop_after, stop=stop)
    assert report.interrupted
    kept = stored_keys(corpus)
    assert len(kept) < len(EXPECTED_PATHS)
    assert_resumes_without_refetching(site, corpus, kept)


def test_a_state_rebuild_cut_short_is_done_again(site, tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    url = site.url("/news/market-day-returns")
    crawl([url], corpus, fast_options())
    for name in ("state.sqlite", "state.sqlite-wal", "state.sqlite-shm"):
        (corpus / ".crawl" / name).unlink(missing_ok=True)

    def cut_short(self, corpus_root):
        raise KeyboardInterrupt

    monkeypatch.setattr(CrawlState, "rebuild", cut_short)
    report = crawl([url], corpus, fast_options())
    assert report.interrupted and report.requests == 0
    monkeypatch.undo()
    report = crawl([url], corpus, fast_options())
    assert by_url(report)[url].reason == "already in corpus"
