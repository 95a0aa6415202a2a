"""Local files and folders copied into the corpus, incrementally."""

from __future__ import annotations

import json

import pytest

from searcher.crawl import crawl
from searcher.crawl.seeds import recognise
from searcher.errors import CrawlError


@pytest.fixture
def saved(tmp_path):
    folder = tmp_path / "saved-pages"
    (folder / "2026" / "march").mkdir(parents=True)
    (folder / "2026" / "march" / "ferry.html").write_text("<h1>Ferry</h1>", encoding="utf-8")
    (folder / "notes.txt").write_text("Quay notes", encoding="utf-8")
    (folder / "draft.md").write_text("# Draft", encoding="utf-8")
    (folder / "old.htm").write_bytes("<p>Crème</p>".encode("iso-8859-1"))
    (folder / "photo.jpg").write_bytes(b"\xff\xd8")
    (folder / ".hidden.html").write_text("x")
    (folder / "README.md").write_text("about this folder")
    return folder


def test_folder_is_copied(saved, tmp_path):
    corpus = tmp_path / "corpus"
    report = crawl([str(saved)], corpus, None)
    keys = sorted(r.key for r in report.results if r.outcome == "fetched")
    assert keys == [
        "local/saved-pages/2026/march/ferry.html",
        "local/saved-pages/draft.md",
        "local/saved-pages/notes.txt",
        "local/saved-pages/old.htm",
    ]
    assert (corpus / "local/saved-pages/old.htm").read_bytes() == "<p>Crème</p>".encode(
        "iso-8859-1"
    )
    meta = json.loads((corpus / "local/saved-pages/notes.txt.meta.json").read_text())
    assert meta["source_path"] == str(saved / "notes.txt") and meta["content_type"] == "text/plain"
    assert report.requests == 0


def test_second_copy_is_incremental(saved, tmp_path):
    corpus = tmp_path / "corpus"
    crawl([str(saved)], corpus, None)
    (saved / "notes.txt").write_text("Quay notes, revised")
    report = crawl([str(saved)], corpus, None)
    outcomes = {r.key: r.outcome for r in report.results}
    assert outcomes["local/saved-pages/notes.txt"] == "updated"
    assert outcomes["local/saved-pages/draft.md"] == "unchanged"
    assert (corpus / "local/saved-pages/notes.txt").read_text() == "Quay notes, revised"


def test_single_file_and_file_url(saved, tmp_path):
    corpus = tmp_path / "corpus"
    report = crawl([str(saved / "notes.txt"), (saved / "draft.md").as_uri()], corpus, None)
    assert [r.key for r in report.results] == ["local/notes.txt", "local/draft.md"]


def test_same_name_from_two_folders_does_not_clobber(tmp_path):
    for name in ("one", "two"):
        (tmp_path / name / "pages").mkdir(parents=True)
        (tmp_path / name / "pages" / "a.html").write_text(name)
    corpus = tmp_path / "corpus"
    report = crawl([str(tmp_path / "one" / "pages"), str(tmp_path / "two" / "pages")], corpus, None)
    keys = [r.key for r in report.results]
    assert len(set(keys)) == 2
    assert sorted((corpus / k).read_text() for k in keys) == ["one", "two"]


def test_bad_seeds_are_refused_before_anything_happens(tmp_path):
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    with pytest.raises(CrawlError, match="expected a folder"):
        recognise(str(tmp_path / "x.pdf"))
    with pytest.raises(CrawlError, match="no such file"):
        recognise(str(tmp_path / "nope"))
    with pytest.raises(CrawlError, match="https://news.example.org"):
        recognise("news.example.org")
    with pytest.raises(CrawlError, match="only http and https"):
        recognise("ftp://example.org/x")
    with pytest.raises(CrawlError, match="only http and https"):
        crawl(["javascript:alert(1)"], tmp_path / "corpus", None)
    assert not (tmp_path / "corpus").exists()


def test_seed_kinds(tmp_path):
    (tmp_path / "a.warc.gz").write_bytes(b"")
    assert recognise(str(tmp_path)).kind == "folder"
    assert recognise(str(tmp_path / "a.warc.gz")).kind == "warc"
    assert recognise("https://ex.org/robots.txt").kind == "robots"
    assert recognise("https://ex.org/feed.xml").kind == "url"


def test_local_files_over_the_size_cap_are_skipped(saved, tmp_path):
    from crawlsite import fast_options

    (saved / "big.html").write_bytes(b"<p>" + b"z" * 5000 + b"</p>")
    report = crawl([str(saved)], tmp_path / "corpus", fast_options(max_size=1000))
    result = {r.url: r for r in report.results}[str(saved / "big.html")]
    assert result.outcome == "skipped" and "too large" in result.reason
    assert not (tmp_path / "corpus/local/saved-pages/big.html").exists()
