"""A chunk's positional postings of one field, gathered as flat token arrays.

Building postings one token at a time (a dict lookup and a list append per word) was
most of the analysis time of a bulk build. Here a document only extends three flat
arrays (terms, document numbers, positions), which runs in C; once the chunk is
complete, numpy sorts all its tokens by term in one stable sort and cuts them into
postings. Python then steps once per distinct term of the chunk, and once per
(term, document) pair with more than one position, instead of once per token.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from itertools import count, repeat

import numpy as np

from .postingformat import encode_positions, encode_positions_cached

# Encoded values of single positions, by position (most postings have one position).
_singles: list[bytes] = []
_singles_table = np.empty(0, dtype=object)


def _single_values(limit: int) -> np.ndarray:
    """The encoded values of positions 0..limit-1, as an object array."""
    global _singles_table
    if len(_singles) < limit:
        _singles.extend(encode_positions((pos,)) for pos in range(len(_singles), limit))
        _singles_table = np.empty(len(_singles), dtype=object)
        _singles_table[:] = _singles
    return _singles_table


class TokenBuffer:
    """Positional postings of one field of a chunk (documents added in docnum order)."""

    def __init__(self) -> None:
        self.terms: list[str] = []
        self.docs = array("I")
        self.positions = array("I")

    def add(self, docnum: int, terms: list[str], first: int) -> None:
        """Add a document's terms, in text order, the first at position `first`."""
        n = len(terms)
        self.terms.extend(terms)
        self.docs.extend(repeat(docnum, n))
        self.positions.extend(range(first, first + n))

    def _term_ids(self) -> tuple[list[str], np.ndarray]:
        """The distinct terms in order, and each token's index among them (the terms are let go)."""
        # Code point order is UTF-8 byte order: the order of Whoosh's terms table.
        vocabulary = sorted(set(self.terms))
        rank = dict(zip(vocabulary, count()))
        ids = np.fromiter(map(rank.__getitem__, self.terms), dtype=np.int64, count=len(self.terms))
        self.terms = []
        return vocabulary, ids

    def document_frequencies(self) -> Iterator[tuple[bytes, int]]:
        """(term bytes, number of documents with the term) for each term, in term order."""
        if not self.terms:
            return
        vocabulary, ids = self._term_ids()
        docs = np.frombuffer(self.docs, dtype=np.uint32).astype(np.int64)
        first = int(docs[0])
        span = int(docs[-1]) - first + 1
        # Each (term, document) pair once, then a count per term.
        pairs = np.sort(ids * span + (docs - first))
        pairs = pairs[np.concatenate(([True], pairs[1:] != pairs[:-1]))]
        frequencies = np.bincount(pairs // span, minlength=len(vocabulary)).tolist()
        for term, df in zip(vocabulary, frequencies, strict=False):
            yield term.encode("utf-8"), df

    def postings(self) -> Iterator[tuple[bytes, array, array, list[bytes]]]:
        """(term bytes, docnums, weights, encoded positions) for each term, in term order."""
        if not self.terms:
            return
        n = len(self.terms)
        vocabulary, ids = self._term_ids()
        # Stable: within a term, tokens stay in (document, position) order.
        order = np.argsort(ids, kind="stable")
        ids = ids[order]
        docs = np.frombuffer(self.docs, dtype=np.uint32)[order]
        positions = np.frombuffer(self.positions, dtype=np.uint32)[order]
        # A posting is a run of tokens with the same term and document.
        starts = np.flatnonzero(
            np.concatenate(([True], (ids[1:] != ids[:-1]) | (docs[1:] != docs[:-1])))
        )
        freqs = np.diff(np.append(starts, n))
        values = _single_values(int(positions.max()) + 1)[positions[starts]]
        for g in np.flatnonzero(freqs > 1).tolist():
            s = int(starts[g])
            values[g] = encode_positions_cached(tuple(positions[s : s + int(freqs[g])].tolist()))
        values = values.tolist()
        post_docs = array("I", docs[starts].astype(np.uint32).tobytes())
        post_weights = array("f", freqs.astype(np.float32).tobytes())
        post_ids = ids[starts]
        bounds = np.flatnonzero(np.concatenate(([True], post_ids[1:] != post_ids[:-1]))).tolist()
        bounds.append(len(starts))
        for k, term in enumerate(vocabulary):
            a, b = bounds[k], bounds[k + 1]
            yield term.encode("utf-8"), post_docs[a:b], post_weights[a:b], values[a:b]
