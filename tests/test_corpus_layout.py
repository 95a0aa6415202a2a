"""The corpus layout: which files are pages, sidecar metadata, clear errors."""

from __future__ import annotations

import json
import os

import pytest

from searcher.config import corpus_path, index_path
from searcher.corpus import iter_pages
from searcher.errors import CorpusError


def test_pages_and_sidecars(tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "a.html").write_text("<html></html>")
    (tmp_path / "site" / "a.html.meta.json").write_text(
        json.dumps({"url": "https://s.example/a", "status": 200})
    )
    (tmp_path / "b.txt").write_text("Title\n\nBody")
    (tmp_path / "README.md").write_text("about this corpus")
    (tmp_path / "expected.jsonl").write_text("{}")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "c.html").write_text("x")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    pages = list(iter_pages(tmp_path))
    assert [p.key for p in pages] == ["b.txt", "site/a.html"]
    assert pages[1].url == "https://s.example/a"
    assert pages[0].url is None
    assert pages[1].read() == b"<html></html>"


def test_broken_sidecar_is_ignored(tmp_path):
    (tmp_path / "a.html").write_text("<p>x</p>")
    (tmp_path / "a.html.meta.json").write_text("{not json")
    assert list(iter_pages(tmp_path))[0].meta == {}


def test_missing_corpus_is_a_clear_error(tmp_path):
    with pytest.raises(CorpusError, match="not found"):
        list(iter_pages(tmp_path / "nope"))
    (tmp_path / "file").write_text("x")
    with pytest.raises(CorpusError, match="not a folder"):
        list(iter_pages(tmp_path / "file"))


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any folder")
def test_unreadable_corpus_is_a_clear_error(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        with pytest.raises(CorpusError, match="not readable"):
            list(iter_pages(locked))
    finally:
        locked.chmod(0o755)


def test_paths_come_from_options_then_environment_then_defaults(monkeypatch):
    monkeypatch.delenv("SEARCHER_CORPUS", raising=False)
    monkeypatch.delenv("SEARCHER_INDEX", raising=False)
    assert str(corpus_path()) == "corpus"
    assert str(index_path()).replace(os.sep, "/") == "indexes/default"
    monkeypatch.setenv("SEARCHER_CORPUS", "/data/c")
    monkeypatch.setenv("SEARCHER_INDEX", "/data/i")
    assert str(corpus_path()) == "/data/c" and str(index_path()) == "/data/i"
    assert str(corpus_path("mine")) == "mine"


def test_sidecar_text_fields_of_the_wrong_type_are_dropped(tmp_path):
    (tmp_path / "a.html").write_text("<html><body><p>x</p></body></html>")
    (tmp_path / "a.html.meta.json").write_text(
        json.dumps(
            {
                "url": 5,
                "content_type": ["text/html"],
                "status": 200,
                "final_url": "https://x.example/a",
            }
        )
    )
    [page] = iter_pages(tmp_path)
    assert page.meta == {"status": 200, "final_url": "https://x.example/a"}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_named_pipes_and_dangling_links_are_not_pages(tmp_path):
    (tmp_path / "a.html").write_text("<html><body><p>x</p></body></html>")
    os.mkfifo(tmp_path / "pipe.html")  # reading it would block for ever
    (tmp_path / "gone.html").symlink_to(tmp_path / "nowhere.html")
    assert [p.key for p in iter_pages(tmp_path)] == ["a.html"]
