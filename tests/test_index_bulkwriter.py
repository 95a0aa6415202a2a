"""The bulk writer's segment holds exactly what Whoosh's own writer would write."""

from __future__ import annotations

from index_helpers import synthetic_articles
from whoosh import index as whoosh_index

from searcher import fields
from searcher.fields import Field
from searcher.index import chunks
from searcher.index import schema as schema_module
from searcher.index.writers import BulkWriter, FreshWriter


def _build_both(tmp_path, articles, workers, segment_docs=None):
    bulk_dir, plain_dir = tmp_path / "bulk", tmp_path / "plain"
    bulk_dir.mkdir()
    plain_dir.mkdir()
    bulk = BulkWriter(bulk_dir, workers=workers, chunk=40, segment_docs=segment_docs)
    clusters = []
    bulk.on_assigned = lambda _signatures, assigned: clusters.extend(assigned)
    for article in articles:
        bulk.add(article)
    bulk.commit()
    assert len(bulk.segment_ids) == -(-len(articles) // (segment_docs or len(articles)))
    plain = FreshWriter(plain_dir)
    for article, cluster in zip(articles, clusters, strict=True):
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
    _assert_same_index(bulk, plain, articles)


def test_a_new_row_of_the_field_table_is_indexed_alike_by_both_writers(tmp_path, monkeypatch):
    # Adding a field is one row: the schema, the Whoosh writer's documents and the bulk
    # writer's postings all follow the table, with no other code to change.
    rows = (
        Field("editor", "name", "its editor", lambda a: f"Ann Editor-{len(a.body) % 3}"),
        Field("summary", "text", "its first words", lambda a: a.body[:60] or None),
        Field("desk", "exact", "its desks", lambda a: "World,Home Affairs", several=True),
        Field("edition", "exact", "its edition", lambda a: a.lang or None),
    )
    extended = fields.FIELDS + rows
    for module in (fields, schema_module, chunks):
        monkeypatch.setattr(module, "FIELDS", extended)
    articles = synthetic_articles(50, seed=5)
    bulk, plain = _build_both(tmp_path, articles, workers=1)
    assert {"editor", "summary", "desk", "edition"} <= set(plain.schema.names())
    assert list(plain.lexicon("desk")) == [b"Home Affairs", b"World"]
    assert plain.doc_frequency("editor", "ann") == len(articles)
    _assert_same_index(bulk, plain, articles)


def test_a_bulk_build_in_segments_holds_what_one_segment_holds(tmp_path):
    # Segments of 45 documents (chunks of 40 are cut at the segment's end): every term,
    # posting, position, length, stored record and column value is the same, by global
    # document number, as in the one segment Whoosh's writer makes.
    articles = synthetic_articles(150)
    bulk, plain = _build_both(tmp_path, articles, workers=2, segment_docs=45)
    assert len(bulk.leaf_readers()) == 4
    _assert_same_index(bulk, plain, articles, term_stats=False)


def _assert_same_index(bulk, plain, articles, term_stats=True):
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
            if term_stats:  # a term's statistics are per segment
                assert _stats(bulk.term_info(field, term)) == _stats(
                    plain.term_info(field, term)
                ), (field, term)
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
