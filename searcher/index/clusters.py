"""Syndicated copies: the same story published by several outlets, found as one cluster.

Each body gets a MinHash signature by one-permutation hashing (every 4-term shingle
is hashed once and kept as the minimum of one of 32 bins), so a signature costs one
pass over the words. Signatures are split into 8 bands of 4 bins (LSH): two articles
become candidates only when a whole band agrees, so finding a story's copies looks
up 8 buckets instead of comparing with every article. Candidates are confirmed by
their estimated Jaccard similarity.
"""

from __future__ import annotations

import zlib
from array import array
from itertools import repeat
from operator import and_
from typing import Iterable

from .fastanalysis import text_terms

BINS = 32
BANDS = 8
ROWS = BINS // BANDS
SHINGLE = 4
# Estimated Jaccard similarity of shingles above which two bodies are one story.
THRESHOLD = 0.5
# Bodies shorter than this many words are too short to call copies of anything.
MIN_WORDS = 12

_EMPTY = (1 << 64) - 1
_MASK = (1 << 64) - 1


_term_hashes: dict[str, int] = {}


def signature_of_words(words: list[str]) -> bytes:
    """The MinHash signature of a list of terms (empty bytes when too short).

    A shingle's hash is the hash of the tuple of its terms' CRC32s (tuples of ints
    hash the same in every process and run, unlike strings); its bin is the low 5
    bits. The signature keeps the smallest hash of each bin. Written as whole-list
    operations: this runs once per article on every build.
    """
    if len(words) < MIN_WORDS:
        return b""
    if len(_term_hashes) > 500_000:
        _term_hashes.clear()
    for word in set(words).difference(_term_hashes):
        _term_hashes[word] = zlib.crc32(word.encode("utf-8"))
    h = list(map(_term_hashes.__getitem__, words))
    shingles = [x & _MASK for x in map(hash, zip(h, h[1:], h[2:], h[3:]))]
    shingles.sort(reverse=True)
    # In a dict built from (bin, hash) pairs the last pair of each bin wins: the smallest.
    smallest = dict(zip(map(and_, shingles, repeat(BINS - 1)), shingles))
    return array("Q", [smallest.get(b, _EMPTY) for b in range(BINS)]).tobytes()


def signature(text: str) -> bytes:
    """The MinHash signature of a body of text (over its stemmed, folded, non-stop terms)."""
    return signature_of_words(text_terms(text))


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two signatures' shingle sets."""
    if not a or not b:
        return 0.0
    sa, sb = array("Q"), array("Q")
    sa.frombytes(a)
    sb.frombytes(b)
    both = same = 0
    for x, y in zip(sa, sb):
        if x == _EMPTY and y == _EMPTY:
            continue
        both += 1
        if x == y:
            same += 1
    return same / both if both else 0.0


def bands(sig: bytes) -> list[int]:
    """The LSH bucket keys of a signature (bands with an empty bin are left out)."""
    if not sig:
        return []
    values = array("Q")
    values.frombytes(sig)
    keys = []
    for band in range(BANDS):
        part = tuple(values[band * ROWS:(band + 1) * ROWS])
        if _EMPTY in part:
            continue
        keys.append(hash((band,) + part))
    return keys


class ClusterFinder:
    """An LSH table of signatures that assigns each new article to a story cluster."""

    def __init__(self) -> None:
        self._buckets: dict[int, list[str]] = {}
        self._signatures: dict[str, bytes] = {}
        self._cluster: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def load(self, rows: Iterable[tuple[str, bytes, str]]) -> None:
        """Add already-clustered articles: (id, signature, cluster)."""
        for article_id, sig, cluster in rows:
            self._add(article_id, sig, cluster)

    def _add(self, article_id: str, sig: bytes, cluster: str) -> None:
        self._cluster[article_id] = cluster
        if not sig:
            return
        self._signatures[article_id] = sig
        for key in bands(sig):
            self._buckets.setdefault(key, []).append(article_id)

    def remove(self, article_id: str) -> None:
        """Forget an article (its buckets drop it lazily)."""
        self._signatures.pop(article_id, None)
        self._cluster.pop(article_id, None)

    def assign(self, article_id: str, sig: bytes) -> str:
        """The cluster of a new article: that of its most similar earlier copy, else its own id."""
        self.remove(article_id)
        best, best_sim = article_id, THRESHOLD
        seen: set[str] = set()
        for key in bands(sig):
            for other in self._buckets.get(key, ()):
                if other in seen or other == article_id:
                    continue
                seen.add(other)
                other_sig = self._signatures.get(other)
                if other_sig is None:
                    continue
                sim = similarity(sig, other_sig)
                if sim >= best_sim:
                    best, best_sim = self._cluster[other], sim
        self._add(article_id, sig, best)
        return best

