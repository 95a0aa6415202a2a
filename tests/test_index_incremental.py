"""`update` adds new pages, re-indexes changed ones, removes deleted ones and skips the rest
without normalizing them again; `rebuild` reuses the normalized records."""

from __future__ import annotations

import os
import random

import pytest
from index_helpers import CountingNormalizer, make_article, write_json_page

from searcher.errors import IndexOutdated
from searcher.index import index_articles, open_index, rebuild, update


def _ids(index_path):
    ix = open_index(index_path)
    with ix.reader() as reader:
        ids = {reader.stored_fields(d)["id"] for d in reader.all_doc_ids()}
    ix.close()
    return ids


@pytest.fixture()
def corpus(tmp_path):
    rng = random.Random(5)
    folder = tmp_path / "corpus"
    articles = [make_article(i, rng) for i in range(6)]
    for i, article in enumerate(articles):
        write_json_page(folder, f"a{i}.txt", article)
    return folder, articles


def _run(fn, corpus, index, normalizer):
    return fn(corpus, index, workers=1, normalizer=normalizer)


def test_first_update_builds_the_index(tmp_path, corpus):
    folder, articles = corpus
    norm = CountingNormalizer()
    report = _run(update, folder, tmp_path / "ix", norm)
    assert report.rebuilt and report.added == 6 and report.normalized == 6
    assert _ids(tmp_path / "ix") == {a.id for a in articles}


def test_unchanged_pages_are_skipped_without_normalizing(tmp_path, corpus):
    folder, _ = corpus
    norm = CountingNormalizer()
    _run(update, folder, tmp_path / "ix", norm)
    norm.calls.clear()
    report = _run(update, folder, tmp_path / "ix", norm)
    assert (report.added, report.updated, report.removed, report.skipped) == (0, 0, 0, 6)
    assert norm.calls == []
    # A touched but identical file is recognised by its content, still not normalized.
    os.utime(folder / "a1.txt", ns=(1, 1))
    report = _run(update, folder, tmp_path / "ix", norm)
    assert report.skipped == 6 and norm.calls == []


def test_add_change_delete(tmp_path, corpus):
    folder, articles = corpus
    norm = CountingNormalizer()
    _run(update, folder, tmp_path / "ix", norm)
    norm.calls.clear()
    rng = random.Random(9)
    new = make_article(100, rng)
    write_json_page(folder, "new.txt", new)
    changed = articles[2]
    changed.title = "Completely new headline about the quarry"
    write_json_page(folder, "a2.txt", changed)
    (folder / "a4.txt").unlink()
    report = _run(update, folder, tmp_path / "ix", norm)
    assert (report.added, report.updated, report.removed, report.skipped) == (1, 1, 1, 4)
    assert sorted(norm.calls) == ["a2.txt", "new.txt"]
    expected = {a.id for a in articles if a is not articles[4]} | {new.id}
    assert _ids(tmp_path / "ix") == expected
    ix = open_index(tmp_path / "ix")
    with ix.searcher() as s:
        from whoosh.qparser import QueryParser

        hits = s.search(QueryParser("title", ix.schema).parse("quarry headline"))
        assert [h["id"] for h in hits] == [changed.id]
    ix.close()


def test_rebuild_reuses_normalized_records(tmp_path, corpus):
    folder, articles = corpus
    norm = CountingNormalizer()
    _run(update, folder, tmp_path / "ix", norm)
    norm.calls.clear()
    report = _run(rebuild, folder, tmp_path / "ix", norm)
    assert report.rebuilt and report.added == 6 and report.normalized == 0 and norm.calls == []
    # A new normalizer version invalidates the cache.
    norm.NORMALIZER_VERSION = "json-2"
    report = _run(rebuild, folder, tmp_path / "ix", norm)
    assert report.normalized == 6 and len(norm.calls) == 6
    # ...and the rebuild forgets the old version's records instead of keeping them for ever.
    import sqlite3

    with sqlite3.connect(tmp_path / "ix" / "records.sqlite") as db:
        assert {v for (v,) in db.execute("SELECT DISTINCT version FROM records")} == {"json-2"}


def test_not_articles_duplicates_and_failures_are_reported(tmp_path, corpus):
    folder, articles = corpus
    listing = make_article(50, random.Random(1))
    listing.kind = "listing"
    write_json_page(folder, "front.txt", listing)
    write_json_page(folder, "copy.txt", articles[0])  # the same article (same URL) again
    write_json_page(folder, "broken.txt", {"boom": True})
    norm = CountingNormalizer()
    report = _run(update, folder, tmp_path / "ix", norm)
    assert report.added == 6 and report.not_articles == 1 and report.duplicates == 1
    assert [(f.page, "cannot parse" in f.reason) for f in report.failed] == [("broken.txt", True)]
    # A failed page is retried on the next run; the others are skipped.
    report = _run(update, folder, tmp_path / "ix", norm)
    assert report.skipped == 8 and len(report.failed) == 1
    # Deleting the original page keeps the article: its copy still holds it.
    (folder / "a0.txt").unlink()
    report = _run(update, folder, tmp_path / "ix", norm)
    assert report.removed == 0 and articles[0].id in _ids(tmp_path / "ix")
    (folder / "copy.txt").unlink()
    report = _run(update, folder, tmp_path / "ix", norm)
    assert report.removed == 1 and articles[0].id not in _ids(tmp_path / "ix")


def test_incremental_updates_after_a_bulk_build_keep_the_vocabulary(tmp_path, corpus):
    folder, _ = corpus
    norm = CountingNormalizer()
    _run(update, folder, tmp_path / "ix", norm)
    ix = open_index(tmp_path / "ix")
    with ix.reader() as reader:
        before = dict((t, i.doc_frequency()) for t, i in reader.iter_field("words"))
    ix.close()
    for i in range(12):  # enough commits for Whoosh to want to merge segments
        write_json_page(folder, f"extra{i}.txt", make_article(200 + i, random.Random(i)))
        _run(update, folder, tmp_path / "ix", norm)
    ix = open_index(tmp_path / "ix")
    with ix.reader() as reader:
        after = dict((t, i.doc_frequency()) for t, i in reader.iter_field("words"))
        assert reader.doc_count() == 18
    ix.close()
    assert all(after.get(t, 0) >= n for t, n in before.items())


def test_index_articles_adds_to_an_existing_index(tmp_path):
    rng = random.Random(2)
    first = [make_article(i, rng) for i in range(3)]
    index_articles(first, tmp_path / "ix")
    more = [make_article(10 + i, rng) for i in range(2)]
    report = index_articles(more + [first[0]], tmp_path / "ix")
    assert report.added == 2 and report.updated == 1
    assert _ids(tmp_path / "ix") == {a.id for a in first + more}
    report = index_articles(more, tmp_path / "ix", fresh=True)
    assert report.rebuilt and _ids(tmp_path / "ix") == {a.id for a in more}


def test_update_on_an_outdated_index_says_rebuild(tmp_path, corpus):
    folder, _ = corpus
    norm = CountingNormalizer()
    _run(update, folder, tmp_path / "ix", norm)
    meta = next((tmp_path / "ix").glob("gen-*")) / "meta.json"
    meta.write_text('{"schema_version": 1}')
    with pytest.raises(IndexOutdated, match="run `searcher rebuild`"):
        _run(update, folder, tmp_path / "ix", norm)
    report = _run(rebuild, folder, tmp_path / "ix", norm)
    assert report.added == 6
    open_index(tmp_path / "ix").close()


def test_damaged_record_cache_is_set_aside_and_rebuilt(tmp_path, corpus):
    folder, articles = corpus
    norm = CountingNormalizer()
    _run(update, folder, tmp_path / "ix", norm)
    (tmp_path / "ix" / "records.sqlite").write_bytes(b"not a database at all" * 100)
    norm.calls.clear()
    report = _run(rebuild, folder, tmp_path / "ix", norm)
    assert report.added == 6 and len(norm.calls) == 6
    assert (tmp_path / "ix" / "records.sqlite.damaged").read_bytes().startswith(b"not a database")
    assert _ids(tmp_path / "ix") == {a.id for a in articles}


def test_damaged_generation_state_says_rebuild(tmp_path, corpus):
    from searcher.errors import IndexCorrupt

    folder, articles = corpus
    norm = CountingNormalizer()
    _run(update, folder, tmp_path / "ix", norm)
    state = next((tmp_path / "ix").glob("gen-*")) / "state.sqlite"
    state.write_bytes(b"garbage" * 100)
    with pytest.raises(IndexCorrupt, match="state.sqlite.*run `searcher rebuild`"):
        _run(update, folder, tmp_path / "ix", norm)
    report = _run(rebuild, folder, tmp_path / "ix", norm)
    assert report.added == 6
    assert _ids(tmp_path / "ix") == {a.id for a in articles}
