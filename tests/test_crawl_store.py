"""Storing pages: readable paths, sidecars the corpus reader understands, no clobbering."""

from __future__ import annotations

import json
from pathlib import Path

from searcher.corpus import iter_pages
from searcher.crawl.store import Store, page_key, page_meta, safe_segment, write_atomic


def test_page_keys_follow_the_url():
    assert (
        page_key("https://news.example.org/2026/03/harbour-bridge")
        == "news.example.org/2026/03/harbour-bridge.html"
    )
    assert page_key("https://news.example.org/") == "news.example.org/index.html"
    assert page_key("https://news.example.org/world/") == "news.example.org/world/index.html"
    assert page_key("https://news.example.org/story.html") == "news.example.org/story.html"
    assert page_key("https://news.example.org/story.php") == "news.example.org/story.php.html"
    assert page_key("http://127.0.0.1:8080/a") == "127.0.0.1_8080/a.html"
    assert page_key("https://ex.org/notes", "text/plain; charset=utf-8") == "ex.org/notes.txt"
    assert page_key("https://ex.org/list?page=2") == "ex.org/list~page=2.html"
    assert page_key("https://xn--zeitung-mnchen-osb.example/a") == "zeitung-münchen.example/a.html"


def test_page_keys_are_safe():
    key = page_key("https://ex.org/../../etc/%2e%2e/passwd")
    assert ".." not in key.split("/")
    assert page_key("https://ex.org/.hidden/x").split("/")[1] == "hidden"
    assert safe_segment("caf%C3%A9 cr%C3%A8me") == "café-crème"
    long = page_key("https://ex.org/" + "a" * 500)
    assert all(len(part) <= 90 for part in long.split("/"))
    long_query = page_key("https://ex.org/s?q=" + "b" * 300)
    assert len(long_query.split("/")[-1]) < 100


def test_free_key_never_overwrites_another_page(tmp_path):
    store = Store(tmp_path)
    key = "ex.org/a.html"
    body = tmp_path / "body"
    body.write_bytes(b"<p>first</p>")
    store.save(
        key,
        body,
        page_meta(
            url="https://ex.org/a",
            final_url="https://ex.org/a",
            fetched_at="t",
            status=200,
            content_type="text/html",
        ),
    )
    assert store.free_key(key, "https://ex.org/a", "final_url") == key  # our own page
    other = store.free_key(key, "https://ex.org/A", "final_url")
    assert other != key and other.startswith("ex.org/a~") and other.endswith(".html")


def test_sidecar_is_read_by_the_corpus(tmp_path):
    store = Store(tmp_path)
    body = tmp_path / "body"
    body.write_bytes(b"<p>x</p>")
    meta = page_meta(
        url="https://ex.org/a?utm_source=x",
        final_url="https://ex.org/a",
        fetched_at="2026-03-02T08:00:00Z",
        status=200,
        content_type="text/html",
        etag='"e1"',
        last_modified="Mon, 02 Mar 2026 08:00:00 GMT",
        canonical_url="https://ex.org/a",
    )
    store.save("ex.org/a.html", body, meta)
    pages = list(iter_pages(tmp_path))
    assert [p.key for p in pages] == ["ex.org/a.html"]  # .crawl/ state is not a page
    page = pages[0]
    assert page.url == "https://ex.org/a"
    for name in (
        "url",
        "final_url",
        "fetched_at",
        "status",
        "content_type",
        "etag",
        "last_modified",
    ):
        assert name in page.meta
    assert page.read() == b"<p>x</p>"


def test_write_atomic_leaves_no_temporary_files(tmp_path):
    target = tmp_path / "d" / "f.json"
    write_atomic(target, b"{}")
    write_atomic(target, json.dumps({"a": 1}).encode())
    assert json.loads(target.read_text()) == {"a": 1}
    assert [p.name for p in Path(target.parent).iterdir()] == ["f.json"]


def test_stored_files_follow_the_umask(tmp_path):
    """Pages and sidecars get 0666 less the umask, not the 0600 of temporary files."""
    import os
    import stat

    from searcher.crawl import store

    assert store.FILE_MODE == 0o666 & ~_umask()
    body = tmp_path / "body.part"
    body.write_bytes(b"<h1>x</h1>")
    os.chmod(body, 0o600)
    corpus = Store(tmp_path / "corpus")
    page = corpus.save(
        "ex.org/a.html",
        body,
        page_meta(
            url="https://ex.org/a",
            final_url="https://ex.org/a",
            fetched_at="2026-03-02T08:00:00Z",
            status=200,
            content_type="text/html",
        ),
    )
    for path in (page, page.with_name(page.name + ".meta.json")):
        assert stat.S_IMODE(path.stat().st_mode) == store.FILE_MODE, path


def _umask() -> int:
    import os

    mask = os.umask(0o022)
    os.umask(mask)
    return mask
