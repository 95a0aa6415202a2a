"""The bulk writer's segment holds exactly what Whoosh's own writer would write."""

from __future__ import annotations

from index_helpers import synthetic_articles
from whoosh import index as whoosh_index

from searcher.index.writers import BulkWriter, FreshWriter


def _build_both(tmp_path, articles, workers):
    bulk_dir, plain_dir = tmp_path / "bulk", tmp_path / "plain"
    bulk_dir.mkdir()
    plain_dir.mkdir()
    bulk = BulkWriter(bulk_dir, workers=workers, chunk=40)
    for article in articles:
        bulk.add(article)
    bulk.commit()
    plain = FreshWriter(plain_dir)
    for article, cluster in zip(articles, bulk.clusters, strict=False):
        plain.add(article, cluster)
    plain.commit()
    return whoosh_index.open_dir(str(bulk_dir)).reader(), whoosh_index.open_dir(
        str(plain_dir)
    ).reader()


def _stats(info):
    return (
        info.weight(),
        info.doc_frequency(),
        info.min_length(),
        info.max_length(),
        info.max_weight(),
        info.min_id(),
        info.max_id(),
    )


def test_bulk_segment_equals_whoosh_writer_output(tmp_path):
    articles = synthetic_articles(150)
    bulk, plain = _build_both(tmp_path, articles, workers=2)
    schema = plain.schema
    assert bulk.doc_count() == plain.doc_count() == len(articles)
    for field in schema.names():
        if not schema[field].indexed:
            continue
        terms = list(plain.lexicon(field))
        assert list(bulk.lexicon(field)) == terms, field
        for term in terms:
            assert bulk.doc_frequency(field, term) == plain.doc_frequency(field, term), (
                field,
                term,
            )
            if field == "words":
                continue  # a vocabulary: frequencies only, no postings (see schema.vocabulary_field)
            assert _stats(bulk.term_info(field, term)) == _stats(plain.term_info(field, term)), (
                field,
                term,
            )
            got = list(bulk.postings(field, term).items_as("weight"))
            assert got == list(plain.postings(field, term).items_as("weight")), (field, term)
            if schema[field].format.supports("positions"):
                got = list(bulk.postings(field, term).items_as("positions"))
                assert got == list(plain.postings(field, term).items_as("positions")), (field, term)
        for docnum in range(len(articles)):
            assert bulk.doc_field_length(docnum, field) == plain.doc_field_length(docnum, field)
    for docnum in range(len(articles)):
        assert bulk.stored_fields(docnum) == plain.stored_fields(docnum)
    assert list(bulk.column_reader("published")) == list(plain.column_reader("published"))


def test_bulk_writer_in_one_process_gives_the_same_index(tmp_path):
    articles = synthetic_articles(60, seed=3)
    one, _ = (
        _build_both(tmp_path / "a", articles, workers=1)
        if (tmp_path / "a").mkdir() is None
        else None
    )
    two, _ = (
        _build_both(tmp_path / "b", articles, workers=2)
        if (tmp_path / "b").mkdir() is None
        else None
    )
    for field in ("body", "title", "quote", "author_exact", "words", "cluster"):
        assert list(one.lexicon(field)) == list(two.lexicon(field))
        for term in one.lexicon(field):
            assert one.doc_frequency(field, term) == two.doc_frequency(field, term)
