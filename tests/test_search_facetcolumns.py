"""Facet columns are the segments' stored columns as they are: made in time of their values, not their documents."""

from __future__ import annotations

import dataclasses
import tracemalloc
from collections import Counter

import numpy as np

from searcher.index import index_articles
from searcher.search import open_searcher
from searcher.search.columns import facet_column
from searcher.textfold import fold
from tests.generated_articles import generated_articles
from tests.search_fixtures import build_index, fixture_articles

FIELDS = ("author_exact", "speaker_exact", "outlet_exact", "tag_exact")


def _expected(reader, fieldname: str, shown: list[str]) -> set[tuple[int, str]]:
    """(document, shown value) pairs from the postings: every spelling of a value is that value."""
    by_key = {fold(v): v for v in shown}
    pairs = set()
    for term in reader.lexicon(fieldname):
        text = term.decode("utf-8") if isinstance(term, bytes) else term
        if fold(text) in by_key:
            for doc in reader.postings(fieldname, text).all_ids():
                pairs.add((doc, by_key[fold(text)]))
    return pairs


def _new(article, name: str, **changes):
    """Another article like `article` (its own URL and a paragraph of its own)."""
    body = f"{article.body}\n\nA closing note from the {name} desk about the ferry timetable."
    return dataclasses.replace(
        article, id=name, url=f"https://{name}.example/1", body=body, **changes
    )


def test_columns_of_several_segments_with_spellings_and_deletions_hold_each_value_once(tmp_path):
    index = build_index(tmp_path / "ix")
    articles = fixture_articles()
    # One page names its author twice (with and without accents), later segments add
    # another spelling, and a replaced article leaves its old segment.
    twice = _new(articles[0], "twice", authors=["Jürgen Falk", "Jurgen Falk"])
    later = _new(articles[1], "later", authors=["JURGEN FALK"])
    index_articles([twice], index)
    index_articles([later, dataclasses.replace(articles[5], title="Replaced again")], index)
    with open_searcher(index) as s:
        reader = s.reading().searcher.reader()
        assert len(list(reader.leaf_readers())) >= 2 and reader.has_deletions()
        everyone = np.arange(reader.doc_count_all())
        rng = np.random.default_rng(3)
        for field in FIELDS:
            column = facet_column(reader, field)
            expected = _expected(reader, field, column.values)
            held, ords = column.pairs_of(everyone)
            got = [(d, column.values[o]) for d, o in zip(held.tolist(), ords.tolist(), strict=True)]
            assert len(got) == len(set(got)) and set(got) == expected, field
            totals = dict(zip(column.values, column.counts().tolist(), strict=True))
            assert totals == Counter(v for _doc, v in expected), field
            some = np.sort(rng.choice(everyone, size=everyone.size // 2, replace=False))
            counts = dict(zip(column.values, column.counts(some).tolist(), strict=True))
            for value in column.values:
                holders = sorted(d for d, v in expected if v == value)
                assert counts[value] == len(set(holders) & set(some.tolist())), (field, value)
                ordinal = column.values.index(value)
                assert column.docs_with(ordinal, some).tolist() == [
                    d for d in holders if d in set(some.tolist())
                ]
        authors = facet_column(reader, "author_exact")
        falk = authors.values.index("Jürgen Falk")
        assert authors.counts(np.array([everyone[-1]]))[falk] in (0, 1)
        assert "Jurgen Falk" not in authors.values and "JURGEN FALK" not in authors.values


def test_making_a_facet_column_copies_no_per_document_array(tmp_path):
    path = tmp_path / "ix"
    index_articles(generated_articles(3000), path, fresh=True)
    with open_searcher(path) as s:
        reader = s.reading().searcher.reader()
        docs = reader.doc_count_all()
        facet_column(reader, "author_exact")  # the columns file's first read, and imports
        tracemalloc.start()
        column = facet_column(reader, "author_exact")
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        # Remapping every document's ordinal into new arrays took ~20 bytes a document
        # (59 kB here); what is left grows with the values alone (~10 kB for these 20).
        assert len(column.values) < 100 <= docs
        assert peak < 8 * docs, (peak, docs)
