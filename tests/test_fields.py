"""The field table: the schema and the documents the index writes are derived from it."""

from __future__ import annotations

from searcher.article import Article, Quote
from searcher.fields import BY_NAME, FACETS, FIELDS, FILTERS, QUERY_FIELDS, document
from searcher.index.documents import article_fields
from searcher.index.schema import build_schema


def test_every_schema_field_has_one_row():
    names = [f.name for f in FIELDS]
    assert len(names) == len(set(names))
    assert sorted(names) == sorted(build_schema().names())


def test_exact_twins_and_query_names_point_at_rows():
    for f in FIELDS:
        if f.exact:
            assert BY_NAME[f.exact].kind == "exact"
    assert set(QUERY_FIELDS.values()) <= set(BY_NAME)
    assert set(FACETS) <= set(BY_NAME)
    assert {f.name for f in FILTERS.values()} <= set(BY_NAME)


def test_a_document_holds_each_fields_value_and_drops_empty_ones():
    article = Article(
        id="a1",
        url="https://example.org/a",
        title="Harbour",
        authors=["Ines Marr, Jr.", "Tom Ode"],
        outlet="The Ledger",
        published="2024-02-03T23:30:00-05:00",
        lang="EN",
        tags=["port"],
        body="The harbour closed.",
        quotes=[Quote("It closed.", "Ana Bel"), Quote("Again.", "Ana Bel")],
    )
    doc = article_fields(article, "c9")
    assert doc["cluster"] == "c9"
    assert doc["author_exact"] == "Ines Marr Jr.,Tom Ode"
    assert doc["speaker"] == "Ana Bel" and doc["speaker_exact"] == "Ana Bel"
    assert doc["month"] == "2024-02" and doc["published"].day == 3  # the page's own day
    assert doc["lang"] == "en"
    empty = document(Article(id="b2"), cluster="b2")
    assert set(empty) == {"id", "cluster"}
