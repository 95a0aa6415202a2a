"""Chunk-level grouping of tokens (tokenbuffer.py) and batched signatures (clusters.py)
give exactly what the one-token-at-a-time definitions give."""

from __future__ import annotations

import random
import zlib
from array import array

from hypothesis import given, settings
from hypothesis import strategies as st

from searcher.index.clusters import BINS, MIN_WORDS, signature_of_words, signatures_of
from searcher.index.postingformat import encode_positions
from searcher.index.tokenbuffer import TokenBuffer

WORDS = ["ankara", "zürich", "łódź", "said", "minister", "a", "b", "ab", "straße", "x1"]
documents = st.lists(
    st.tuples(st.lists(st.sampled_from(WORDS), max_size=40), st.integers(min_value=0, max_value=5)),
    max_size=12,
)


def _reference_postings(docs):
    """term -> [(docnum, frequency, encoded positions)], built token by token."""
    post: dict[str, list] = {}
    for docnum, (terms, first) in enumerate(docs):
        poses: dict[str, list[int]] = {}
        for pos, term in enumerate(terms, first):
            poses.setdefault(term, []).append(pos)
        for term, plist in poses.items():
            post.setdefault(term, []).append((docnum, len(plist), encode_positions(plist)))
    return post


@settings(max_examples=150, deadline=None)
@given(documents)
def test_postings_equal_token_by_token_postings(docs):
    buffer = TokenBuffer()
    for docnum, (terms, first) in enumerate(docs):
        buffer.add(docnum, terms, first)
    got = list(buffer.postings())
    expected = _reference_postings(docs)
    assert [term for term, *_ in got] == sorted(t.encode("utf-8") for t in expected)
    for term, ids, weights, values in got:
        rows = expected[term.decode("utf-8")]
        assert list(ids) == [row[0] for row in rows]
        assert list(weights) == [float(row[1]) for row in rows]
        assert list(values) == [row[2] for row in rows]


@settings(max_examples=150, deadline=None)
@given(documents)
def test_document_frequencies_count_documents_not_tokens(docs):
    buffer = TokenBuffer()
    for docnum, (terms, _) in enumerate(docs):
        buffer.add(docnum + 7, terms, 0)
    expected: dict[str, int] = {}
    for terms, _ in docs:
        for term in set(terms):
            expected[term] = expected.get(term, 0) + 1
    assert list(buffer.document_frequencies()) == sorted(
        (t.encode("utf-8"), n) for t, n in expected.items()
    )


def _reference_signature(words):
    """One-permutation MinHash with Python's own tuple hash, one shingle at a time."""
    if len(words) < MIN_WORDS:
        return b""
    hashes = [zlib.crc32(word.encode("utf-8")) for word in words]
    smallest: dict[int, int] = {}
    for i in range(len(hashes) - 3):
        value = hash(tuple(hashes[i : i + 4])) & ((1 << 64) - 1)
        cell = value & (BINS - 1)
        smallest[cell] = min(value, smallest.get(cell, value))
    return array("Q", [smallest.get(b, (1 << 64) - 1) for b in range(BINS)]).tobytes()


def test_batched_signatures_equal_python_tuple_hash_signatures():
    rng = random.Random(5)
    vocabulary = [f"w{n}" for n in range(60)] + WORDS
    sequences = [[rng.choice(vocabulary) for _ in range(rng.randint(0, 80))] for _ in range(200)]
    assert signatures_of(sequences) == [_reference_signature(words) for words in sequences]
    assert signature_of_words(sequences[0]) == _reference_signature(sequences[0])
    assert signatures_of([]) == []
