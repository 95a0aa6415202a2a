"""Chunk-level text analysis (tokenbuffer.py) and batched signatures (clusters.py) give
exactly what the one-text-at-a-time definitions give."""

from __future__ import annotations

import random
import zlib
from array import array

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from searcher.index.clusters import (
    BINS,
    MIN_WORDS,
    signature_of_words,
    signatures_of,
    signatures_of_hashes,
)
from searcher.index.fastanalysis import text_positions, text_terms, vocabulary_terms
from searcher.index.postingformat import encode_positions
from searcher.index.tokenbuffer import TextBuffer, WordTable, _encoded_lists

WORDS = ["Ankara", "zürich", "Łódź", "said", "minister", "a", "b", "ab", "Straße", "x1", "the"]
FIELDS = ["title", "body"]
texts = st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join)
# Each document: its text per field, or None (the field has no value).
documents = st.lists(st.tuples(st.none() | texts, st.none() | texts), max_size=12)
# Shared by examples: words seen before keep their ids, as in a worker.
TABLE = WordTable()


def _buffer(docs, table, docbase=0):
    buffer = TextBuffer(FIELDS, table)
    for docnum, fields in enumerate(docs, docbase):
        for k, text in enumerate(fields):
            if text is not None:
                buffer.add(docnum, k, text)
    return buffer.analyse()


def _reference_postings(docs, k):
    """term -> [(docnum, frequency, encoded positions)] of field k, token by token."""
    post: dict[str, list] = {}
    for docnum, fields in enumerate(docs):
        if fields[k] is None:
            continue
        for term, plist in text_positions(fields[k])[0].items():
            post.setdefault(term, []).append((docnum, len(plist), encode_positions(plist)))
    return post


@settings(max_examples=150, deadline=None)
@given(documents)
def test_text_postings_and_lengths_equal_token_by_token_analysis(docs):
    analysed = _buffer(docs, TABLE)
    for k, field in enumerate(FIELDS):
        expected = _reference_postings(docs, k)
        got = list(analysed.postings(field))
        assert [term for term, *_ in got] == sorted(t.encode("utf-8") for t in expected)
        for term, ids, weights, values in got:
            rows = expected[term.decode("utf-8")]
            assert list(ids) == [row[0] for row in rows]
            assert list(weights) == [float(row[1]) for row in rows]
            assert list(values) == [row[2] for row in rows]
    lengths = [
        (docnum, k, text_positions(text)[1])
        for docnum, fields in enumerate(docs)
        for k, text in enumerate(fields)
        if text is not None and text_positions(text)[1]
    ]
    assert analysed.lengths == lengths


@settings(max_examples=150, deadline=None)
@given(documents)
def test_document_frequencies_count_documents_with_terms(docs):
    analysed = _buffer(docs, WordTable(), docbase=7)
    expected: dict[str, int] = {}
    for fields in docs:
        # A text gives the vocabulary its words only when it has terms.
        words = set().union(*(vocabulary_terms(t) for t in fields if t and text_terms(t)))
        for word in words:
            expected[word] = expected.get(word, 0) + 1
    assert list(analysed.document_frequencies()) == sorted(
        (t.encode("utf-8"), n) for t, n in expected.items()
    )


@settings(max_examples=50, deadline=None)
@given(documents)
def test_term_hashes_give_the_signatures_of_the_terms(docs):
    analysed = _buffer(docs, WordTable())
    bodies = [text_terms(fields[1]) if fields[1] else [] for fields in docs]
    lengths = np.array([len(terms) for terms in bodies], dtype=np.int64)
    got = signatures_of_hashes(analysed.term_hashes("body"), lengths)
    assert got == signatures_of(bodies)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.integers(0, 3_000_000), min_size=2, max_size=30), max_size=50))
def test_position_lists_are_encoded_as_one_by_one(lists):
    lists = [sorted(set(plist)) for plist in lists]
    lists = [plist for plist in lists if len(plist) > 1]
    flat = np.array([p for plist in lists for p in plist], dtype=np.uint32)
    counts = np.array([len(plist) for plist in lists], dtype=np.int64)
    got = _encoded_lists(flat, np.cumsum(counts) - counts, counts) if lists else []
    assert got == [encode_positions(plist) for plist in lists]


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
