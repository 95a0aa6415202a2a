"""Opening an index: clear errors for a missing, damaged or outdated one; generations swap."""

from __future__ import annotations

import pytest
from index_helpers import synthetic_articles
from whoosh import index as whoosh_index
from whoosh.fields import TEXT, Schema

from searcher.errors import IndexCorrupt, IndexNotFound, IndexOutdated
from searcher.index import index_articles, open_index
from searcher.index.store import CURRENT_NAME, current_generation


def test_missing_index(tmp_path):
    with pytest.raises(IndexNotFound, match="run `searcher index`"):
        open_index(tmp_path / "nothing")
    (tmp_path / "empty").mkdir()
    with pytest.raises(IndexNotFound):
        open_index(tmp_path / "empty")


def test_folder_of_other_files_is_not_an_index(tmp_path):
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(IndexCorrupt, match="not a searcher index"):
        open_index(tmp_path)


def test_damaged_index(tmp_path):
    index_articles(synthetic_articles(3), tmp_path)
    generation = current_generation(tmp_path)
    for name in generation.iterdir():
        if name.suffix in (".trm", ".pst", ".seg") or name.name.endswith(".toc"):
            name.write_bytes(b"garbage")
    with pytest.raises(IndexCorrupt, match="run `searcher rebuild`"):
        ix = open_index(tmp_path)
        ix.searcher().documents()
    (tmp_path / CURRENT_NAME).write_text("../../etc")
    with pytest.raises(IndexCorrupt):
        open_index(tmp_path)
    (tmp_path / CURRENT_NAME).write_text("gen-20200101T000000-1")
    with pytest.raises(IndexCorrupt, match="missing"):
        open_index(tmp_path)


def test_outdated_schema_says_rebuild(tmp_path):
    index_articles(synthetic_articles(2), tmp_path)
    (current_generation(tmp_path) / "meta.json").write_text('{"schema_version": 1}')
    with pytest.raises(IndexOutdated) as err:
        open_index(tmp_path)
    assert "schema v1" in str(err.value) and "run `searcher rebuild`" in str(err.value)


def test_a_bare_whoosh_index_from_the_first_layout_is_outdated(tmp_path):
    whoosh_index.create_in(str(tmp_path), Schema(body=TEXT()))
    with pytest.raises(IndexOutdated, match="searcher rebuild"):
        open_index(tmp_path)


def test_fresh_build_swaps_generations_and_keeps_the_previous_one(tmp_path):
    index_articles(synthetic_articles(2), tmp_path)
    first = current_generation(tmp_path)
    reader = open_index(tmp_path)
    index_articles(synthetic_articles(5, seed=2), tmp_path, fresh=True)
    second = current_generation(tmp_path)
    assert second != first and first.exists()
    # A reader opened before the swap keeps working on its generation.
    assert reader.doc_count() == 2 and not reader.is_current()
    reader.close()
    index_articles(synthetic_articles(4, seed=3), tmp_path, fresh=True)
    assert not first.exists() and second.exists()
    assert open_index(tmp_path).doc_count() == 4


def test_nothing_is_written_into_a_folder_of_other_files(tmp_path):
    from searcher.errors import IndexUnwritable
    from searcher.index import rebuild

    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "thesis.txt").write_text("years of work")
    (folder / ".DS_Store").write_bytes(b"\0")
    with pytest.raises(IndexUnwritable, match="holds other files"):
        index_articles(synthetic_articles(2), folder)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    with pytest.raises(IndexUnwritable, match="holds other files"):
        rebuild(corpus, folder, workers=1)
    assert sorted(p.name for p in folder.iterdir()) == [".DS_Store", "thesis.txt"]
    with pytest.raises(IndexCorrupt, match="not a searcher index"):
        open_index(folder)
    # An empty folder, or one with only dot-files, is a fine place for a new index.
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / ".keep").write_text("")
    assert index_articles(synthetic_articles(2), tmp_path / "new").added == 2
