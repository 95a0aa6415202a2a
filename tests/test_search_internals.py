"""The fast paths of search: postings read straight from segments, top hits by threshold, facet counts."""

from __future__ import annotations

import random

import pytest
from whoosh import index as whoosh_index
from whoosh.fields import ID, TEXT, Schema

from searcher.search.columns import FacetColumn
from searcher.search.docsets import Postings, query_docs, term_postings
from searcher.search.facets import count
from searcher.search.topk import _select


@pytest.fixture()
def segmented(tmp_path):
    """A Whoosh index of three segments, with deleted documents in two of them."""
    ix = whoosh_index.create_in(str(tmp_path), Schema(id=ID(stored=True, unique=True), body=TEXT))
    writer = ix.writer()
    for i in range(3000):  # long enough for many posting blocks
        writer.add_document(
            id=str(i), body="alpha beta " * (i % 3 + 1) + ("gamma" if i % 7 == 0 else "")
        )
    writer.commit()
    writer = ix.writer()
    for i in range(3000, 3500):
        writer.add_document(id=str(i), body="alpha gamma delta")
    writer.add_document(id="lone", body="omega")  # a one-posting term (inlined in its term info)
    writer.commit(merge=False)
    writer = ix.writer()
    for i in range(0, 3500, 5):
        writer.delete_by_term("id", str(i))
    writer.commit(merge=False)
    with ix.searcher() as s:
        yield s


def _matcher_postings(searcher, fieldname, text):
    """The same postings through Whoosh's own matchers, one posting at a time."""
    ids, weights = [], []
    for leaf, offset in searcher.reader().leaf_readers():
        if (fieldname, text) not in leaf:
            continue
        m = leaf.postings(fieldname, text)
        while m.is_active():
            ids.append(m.id() + offset)
            weights.append(m.weight())
            m.next()
    return ids, weights


@pytest.mark.parametrize("word", ["alpha", "beta", "gamma", "delta", "omega", "absent"])
def test_postings_read_from_extents_match_whoosh(segmented, word):
    ids, weights = term_postings(segmented, "body", word)
    expected_ids, expected_weights = _matcher_postings(segmented, "body", word)
    assert list(ids) == expected_ids
    assert [float(w) for w in weights] == [float(w) for w in expected_weights]
    assert word == "absent" or ids


def test_and_query_filters_by_the_rarest_word(segmented):
    from whoosh import query as wq

    q = wq.And(
        [wq.Term("body", "alpha"), wq.Or([wq.Term("body", "gamma"), wq.Term("body", "delta")])]
    )
    expected = set(q.docs(segmented))
    assert query_docs(segmented, q, Postings(segmented)) == expected
    assert expected


def test_best_scores_equal_a_full_sort_ties_in_document_order():
    import numpy as np

    rng = random.Random(7)
    docs = sorted(rng.sample(range(200_000), 30_000))
    values = [float(rng.randint(0, 40)) for _ in docs]  # many ties, zeros included
    for n in (1, 10, 30, 500):
        expected = sorted(zip(docs, values, strict=False), key=lambda dv: (-dv[1], dv[0]))[:n]
        assert _select(np.array(docs), np.array(values), n, None) == expected
        # Below a cursor key (score, -docnum): what follows that document.
        d, v = expected[-1]
        rest = [
            dv
            for dv in sorted(zip(docs, values, strict=True), key=lambda dv: (-dv[1], dv[0]))
            if (dv[1], -dv[0]) < (v, -d)
        ]
        assert _select(np.array(docs), np.array(values), n, (v, -d)) == rest[:n]


def test_facet_counts_single_and_several_values():
    column = FacetColumn.of([("a",), ("a", "b"), (), ("b",), ("c", "a")])
    facet = count("author", {0, 1, 2, 3, 4}, column)
    assert [(c.value, c.count) for c in facet.counts] == [("a", 3), ("b", 2), ("c", 1)]
    facet = count("author", {1, 2}, column)
    assert [(c.value, c.count) for c in facet.counts] == [("a", 1), ("b", 1)]
