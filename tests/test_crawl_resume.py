"""An interrupted crawl's queue: resumed by the same seeds or --resume, left alone by other crawls, dropped by --forget."""

from __future__ import annotations

from click.testing import CliRunner
from crawlsite import fast_options

from searcher.cli import main
from searcher.crawl import crawl, forget_queue


def seeds(site):
    return [site.url("/"), site.url("/sitemap_index.xml")]


def interrupted(site, corpus):
    def stop_after_two(report, pending):
        if report.counts["fetched"] >= 2:
            raise KeyboardInterrupt

    report = crawl(
        seeds(site), corpus, fast_options(depth=1, concurrency=1), progress=stop_after_two
    )
    assert report.interrupted
    return report


def folder_seed(tmp_path):
    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "note.txt").write_text("Tide tables for the spring, posted at the harbour office.")
    return str(folder)


def test_another_crawl_does_not_take_up_an_interrupted_queue(site, tmp_path):
    corpus = tmp_path / "corpus"
    interrupted(site, corpus)
    before = len(site.hits)
    other = crawl([folder_seed(tmp_path)], corpus, fast_options())
    assert other.counts["fetched"] == 1 and other.resumed == 0 and other.waiting > 0
    assert len(site.hits) == before  # the old queue was not fetched
    again = crawl(seeds(site), corpus, fast_options(depth=1))  # the same seeds take it up
    assert again.resumed > 0 and again.waiting == 0


def test_resume_takes_up_the_queue_of_other_seeds(site, tmp_path):
    corpus = tmp_path / "corpus"
    interrupted(site, corpus)
    report = crawl([], corpus, fast_options(depth=1, resume=True))
    assert report.resumed > 0 and report.waiting == 0 and report.counts["fetched"] > 0


def test_forget_drops_the_queue(site, tmp_path):
    corpus = tmp_path / "corpus"
    interrupted(site, corpus)
    crawl([folder_seed(tmp_path)], corpus, fast_options())  # parks the queue
    assert forget_queue(corpus) > 0
    report = crawl([str(tmp_path / "saved")], corpus, fast_options())
    assert report.waiting == 0 and report.resumed == 0


def test_cli_forget_and_waiting_note(site, tmp_path):
    corpus = tmp_path / "corpus"
    interrupted(site, corpus)
    result = CliRunner().invoke(main, ["crawl", folder_seed(tmp_path), "--corpus", str(corpus)])
    assert result.exit_code == 0, result.output
    assert "queued by an interrupted crawl of other seeds are waiting" in result.stderr
    assert "searcher crawl --resume" in result.stderr
    result = CliRunner().invoke(main, ["crawl", "--forget", "--corpus", str(corpus)])
    assert (
        result.exit_code == 0
        and result.stderr.startswith("dropped ")
        and "dropped 0 " not in result.stderr
    )
    result = CliRunner().invoke(main, ["crawl", "--corpus", str(corpus)])
    assert result.exit_code == 2 and "give at least one SEED" in result.stderr
