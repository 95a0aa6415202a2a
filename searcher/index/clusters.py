"""Syndicated copies: the same story published by several outlets, found as one cluster.

Each body gets a MinHash signature by one-permutation hashing (every 4-term shingle
is hashed once and kept as the minimum of one of 32 bins), so a signature costs one
pass over the words. Signatures are split into 8 bands of 4 bins (LSH): two articles
become candidates only when a whole band agrees, so finding a story's copies looks
up 8 buckets instead of comparing with every article. Candidates are confirmed by
their estimated Jaccard similarity.
"""

from __future__ import annotations

import sqlite3
import zlib
from array import array
from collections.abc import Iterable, Iterator
from itertools import chain
from pathlib import Path

import numpy as np

from .fastanalysis import text_terms

BINS = 32
BANDS = 8
ROWS = BINS // BANDS
SHINGLE = 4
# Estimated Jaccard similarity of shingles above which two bodies are one story.
THRESHOLD = 0.5
# Bodies shorter than this many words are too short to call copies of anything.
MIN_WORDS = 12

# Articles loaded into a ClusterFinder per statement.
_LOAD_BATCH = 10_000

_EMPTY = (1 << 64) - 1
_MASK = (1 << 64) - 1


class _TermHashes(dict):
    """Term -> CRC32 of its UTF-8 bytes, computed on first lookup."""

    def __missing__(self, term: str) -> int:
        if len(self) > 500_000:
            self.clear()
        value = self[term] = zlib.crc32(term.encode("utf-8"))
        return value


_term_hashes = _TermHashes()

# CPython's tuple hash (xxHash's round, 64-bit): a shingle's hash is hash() of the
# tuple of its four terms' CRC32s, computed here for all shingles at once.
_PRIME_1 = np.uint64(11400714785074694791)
_PRIME_2 = np.uint64(14029467366897019727)
_PRIME_5 = np.uint64(2870177450012600261)
_LENGTH_MIX = np.uint64(SHINGLE ^ (2870177450012600261 ^ 3527539))


def _shingle_hashes(h: np.ndarray) -> np.ndarray:
    """hash((h[i], h[i+1], h[i+2], h[i+3])) & MASK for every i, for hashes below 2**32."""
    n = len(h) - SHINGLE + 1
    acc = np.full(n, _PRIME_5, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(SHINGLE):
            acc += h[k : k + n] * _PRIME_2
            acc = (acc << np.uint64(31)) | (acc >> np.uint64(33))
            acc *= _PRIME_1
        acc += _LENGTH_MIX
    # hash() never returns -1: CPython maps that one value to 1546275796.
    acc[acc == np.uint64(_EMPTY)] = 1546275796
    return acc


def signatures_of(sequences: list[list[str]]) -> list[bytes]:
    """The MinHash signature of each list of terms (empty bytes when too short).

    A shingle's hash is the hash of the tuple of its terms' CRC32s; its bin is the low
    5 bits; the signature keeps the smallest hash of each bin.
    """
    lengths = np.fromiter(map(len, sequences), dtype=np.int64, count=len(sequences))
    tokens = list(chain.from_iterable(sequences))
    h = np.fromiter(map(_term_hashes.__getitem__, tokens), dtype=np.uint64, count=len(tokens))
    return signatures_of_hashes(h, lengths)


def signatures_of_hashes(h: np.ndarray, lengths: np.ndarray) -> list[bytes]:
    """signatures_of for the CRC32s of all lists' terms laid end to end, and each list's length.

    All lists are hashed together in a few numpy passes: this runs once per article on
    every build.
    """
    out = [b""] * len(lengths)
    if len(h) < SHINGLE:
        return out
    h = h.astype(np.uint64, copy=False)
    shingles = _shingle_hashes(h)
    doc = np.repeat(np.arange(len(lengths)), lengths)
    # A shingle counts when its four terms are in one document.
    keep = doc[: len(shingles)] == doc[SHINGLE - 1 :]
    cells = doc[: len(shingles)][keep] * BINS + (shingles[keep] & np.uint64(BINS - 1)).astype(
        np.int64
    )
    flat = np.full(len(lengths) * BINS, _EMPTY, dtype=np.uint64)
    np.minimum.at(flat, cells, shingles[keep])
    table = flat.reshape(len(lengths), BINS)
    for n in np.flatnonzero(lengths >= MIN_WORDS).tolist():
        out[n] = table[n].tobytes()
    return out


def signature_of_words(words: list[str]) -> bytes:
    """The MinHash signature of one list of terms (see signatures_of)."""
    return signatures_of([words])[0]


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
    for x, y in zip(sa, sb, strict=False):
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
        part = tuple(values[band * ROWS : (band + 1) * ROWS])
        if _EMPTY in part:
            continue
        keys.append(hash((band,) + part))
    return keys


class ClusterFinder:
    """An LSH table of signatures that assigns each new article to a story cluster.

    The table is a SQLite database (in memory, or in a file for a bulk build, so that
    its memory does not grow with the corpus); candidates are visited in the order of
    the article's bands, each bucket in the order its articles were added.
    """

    def __init__(self, path: str | Path | None = None) -> None:
        self._db = sqlite3.connect(":memory:" if path is None else str(path), isolation_level=None)
        self._db.executescript(
            """
            PRAGMA journal_mode=OFF;
            PRAGMA synchronous=OFF;
            PRAGMA cache_size=-32768;
            CREATE TABLE IF NOT EXISTS signatures (id TEXT PRIMARY KEY, sig BLOB, cluster TEXT);
            CREATE TABLE IF NOT EXISTS buckets (key INTEGER, id TEXT);
            CREATE INDEX IF NOT EXISTS buckets_key ON buckets (key);
            """
        )
        self._db.execute("BEGIN")
        self._signed = 0

    def __len__(self) -> int:
        return self._signed

    def load(self, rows: Iterable[tuple[str, bytes, str]]) -> None:
        """Add already-clustered articles: (id, signature, cluster), a batch per statement."""
        batch: list[tuple[str, bytes, str]] = []
        for row in rows:
            if row[1]:
                batch.append(row)
            if len(batch) >= _LOAD_BATCH:
                self._add_many(batch)
                batch = []
        self._add_many(batch)

    def _add_many(self, rows: list[tuple[str, bytes, str]]) -> None:
        self._db.executemany("INSERT OR REPLACE INTO signatures VALUES (?, ?, ?)", rows)
        self._db.executemany(
            "INSERT INTO buckets VALUES (?, ?)",
            ((key, article_id) for article_id, sig, _ in rows for key in bands(sig)),
        )
        self._signed += len(rows)

    def _add(self, article_id: str, sig: bytes, cluster: str) -> None:
        if not sig:
            return
        self._db.execute(
            "INSERT OR REPLACE INTO signatures VALUES (?, ?, ?)", (article_id, sig, cluster)
        )
        self._db.executemany(
            "INSERT INTO buckets VALUES (?, ?)", [(key, article_id) for key in bands(sig)]
        )
        self._signed += 1

    def remove(self, article_id: str) -> None:
        """Forget an article (its buckets drop it lazily)."""
        self._signed -= self._db.execute(
            "DELETE FROM signatures WHERE id = ?", (article_id,)
        ).rowcount

    def _candidates(self, article_id: str, keys: list[int]) -> Iterator[tuple[bytes, str]]:
        """(signature, cluster) of the articles sharing a bucket, each once, in bucket order."""
        if not keys:
            return
        marks = ",".join("?" * len(keys))
        rows = self._db.execute(
            f"SELECT b.key, b.rowid, b.id, s.sig, s.cluster FROM buckets b "
            f"JOIN signatures s ON s.id = b.id WHERE b.key IN ({marks})",
            keys,
        ).fetchall()
        where = {key: n for n, key in reversed(list(enumerate(keys)))}
        rows.sort(key=lambda row: (where[row[0]], row[1]))
        seen: set[str] = set()
        for _key, _rowid, other, other_sig, other_cluster in rows:
            if other in seen or other == article_id:
                continue
            seen.add(other)
            yield other_sig, other_cluster

    def assign(self, article_id: str, sig: bytes) -> str:
        """The cluster of a new article: that of its most similar earlier copy, else its own id."""
        self.remove(article_id)
        best, best_sim = article_id, THRESHOLD
        for other_sig, other_cluster in self._candidates(article_id, bands(sig)):
            sim = similarity(sig, other_sig)
            if sim >= best_sim:
                best, best_sim = other_cluster, sim
        self._add(article_id, sig, best)
        return best

    def close(self) -> None:
        """Close the table (a file-backed one stays for its owner to remove)."""
        self._db.close()
