"""Syndicated copies: the same story published by several outlets, found as one cluster.

Each body gets a MinHash signature by one-permutation hashing (every 4-word shingle
is hashed once and kept as the minimum of one of 32 bins), so a signature costs one
pass over the words. Signatures are split into 8 bands of 4 bins (LSH): two articles
become candidates only when a whole band agrees, so finding a story's copies looks
up 8 buckets instead of comparing with every article. Candidates are confirmed by
their estimated Jaccard similarity.
"""

from __future__ import annotations

import zlib
from array import array
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
_P = 0x100000001B3


def _mix(h: int) -> int:
    # A 64-bit finalizer (splitmix64) so that bins and values are independent bits.
    h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9 & _MASK
    h = (h ^ (h >> 27)) * 0x94D049BB133111EB & _MASK
    return h ^ (h >> 31)


def signature_of_words(words: list[str]) -> bytes:
    """The MinHash signature of a list of folded words (empty bytes when too short)."""
    if len(words) < MIN_WORDS:
        return b""
    crc = zlib.crc32
    hashes = [crc(w.encode("utf-8")) for w in words]
    mins = [_EMPTY] * BINS
    for i in range(len(hashes) - SHINGLE + 1):
        h = _mix((((hashes[i] * _P + hashes[i + 1]) * _P + hashes[i + 2]) * _P + hashes[i + 3]) & _MASK)
        b = h & (BINS - 1)
        v = h >> 5
        if v < mins[b]:
            mins[b] = v
    return array("Q", mins).tobytes()


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

    def cluster_of(self, article_id: str) -> str | None:
        """The cluster an article was assigned to."""
        return self._cluster.get(article_id)
