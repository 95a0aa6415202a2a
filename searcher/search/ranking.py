"""BM25F ranking over the index fields: parameters, field weights, and the scorer."""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections import deque
from dataclasses import dataclass, field
from itertools import compress, repeat
from math import log
from operator import add, mul, neg, truediv
from typing import TYPE_CHECKING

# The field table's stemmed text fields and folded name fields, re-exported for the query side.
from ..fields import LENGTH_B, WEIGHTS
from ..fields import NAME_FIELDS as NAME_FIELDS
from ..fields import TEXT_FIELDS as TEXT_FIELDS
from ..index.whoosh import length_bytes, length_of_byte

if TYPE_CHECKING:
    from .stats import CollectionStats

# Fields a bare word is looked up in, with the weight of a match in each: the field table's
# BM25F weights (tuned with benchmarks/relevance.py).
FIELD_WEIGHTS = WEIGHTS


@dataclass(frozen=True)
class RankingParams:
    """BM25F parameters: saturation k1, length normalisation b (per field), field weights."""

    k1: float = 2.0
    b: float = 0.85
    field_b: dict[str, float] = field(default_factory=lambda: dict(LENGTH_B))
    weights: dict[str, float] = field(default_factory=lambda: dict(WEIGHTS))

    def b_of(self, fieldname: str) -> float:
        """Length normalisation of one field."""
        return self.field_b.get(fieldname, self.b)


DEFAULT_PARAMS = RankingParams()


@dataclass
class ScoreGroup:
    """One query word: the (field, token, weight) places it counts in, and the word's own weight."""

    members: list[tuple[str, str, float]]
    weight: float = 1.0


class FieldLengths:
    """Per-document length bytes of this index and the BM25 normaliser table for each field.

    The normaliser divides by the collection's average length (`stats`): a shard
    normalises by the average over all shards, as one index would.
    """

    def __init__(self, searcher, fields, params: RankingParams, stats: CollectionStats):
        lengths = length_of_byte()
        # Documents of this index (document numbers run below it).
        self.documents: int = searcher.doc_count_all()
        self.bytes: dict[str, bytes] = {}
        self.norm: dict[str, list[float]] = {}
        for name in fields:
            b = params.b_of(name)
            if b == 0:
                continue
            avg = stats.avg_field_length(name) or 1.0
            self.bytes[name] = length_bytes(searcher.reader(), name)
            self.norm[name] = [(1 - b) + b * length / avg for length in lengths]
        self._inverse: dict[tuple[str, float], list[float]] = {}

    def inverse(self, fieldname: str, weight: float) -> list[float]:
        """weight / normaliser for each of the 256 length bytes of a field."""
        key = (fieldname, weight)
        found = self._inverse.get(key)
        if found is None:
            found = self._inverse[key] = [weight / n for n in self.norm[fieldname]]
        return found


def idf(total: int, df: int) -> float:
    """Robertson–Sparck Jones idf, kept positive (Lucene's form)."""
    return log(1 + (total - df + 0.5) / (df + 0.5))


def _frequencies_at(ids, tfs, docs: list[int]) -> list[float]:
    """The term frequency in each of the sorted `docs` (0.0 where absent), from sorted postings."""
    n = len(ids)
    if n == len(docs) and ids[0] == docs[0] and ids[-1] == docs[-1] and list(ids) == docs:
        return tfs
    if len(docs) * 8 < n:
        # Few documents against a long list: binary search beats building a dict of it.
        out = []
        lo = 0
        for d in docs:
            i = bisect_left(ids, d, lo)
            if i < n and ids[i] == d:
                out.append(tfs[i])
                lo = i + 1
            else:
                out.append(0.0)
                lo = i
        return out
    return list(map(dict(zip(ids, tfs, strict=False)).get, docs, repeat(0.0)))


def _dense_sums(members, lengths: FieldLengths, total: int, docs: list[int]) -> list[float]:
    """Each doc's sum of weighted, normalised field frequencies, by scatter-adding into a dense list."""
    sums = [0.0] * (max(total, max(docs) + 1))
    put, get = sums.__setitem__, sums.__getitem__
    for n, (fieldname, weight, ids, tfs) in enumerate(members):
        if fieldname in lengths.norm:
            inverse = lengths.inverse(fieldname, weight)
            values = map(
                mul, tfs, map(inverse.__getitem__, map(lengths.bytes[fieldname].__getitem__, ids))
            )
        else:
            values = map(mul, tfs, repeat(weight))
        # All C-level: a member's ids are distinct, so each read-add-write sees its own slot.
        deque(map(put, ids, values if n == 0 else map(add, map(get, ids), values)), maxlen=0)
    return list(map(get, docs))


def _sparse_sums(members, lengths: FieldLengths, docs: list[int]) -> list[float]:
    """Each doc's sum of weighted, normalised field frequencies, member by member."""
    acc: list[float] = []
    for n, (fieldname, weight, ids, tfs) in enumerate(members):
        tf_of_docs = _frequencies_at(ids, tfs, docs)
        if fieldname in lengths.norm:
            inverse = lengths.inverse(fieldname, weight)
            values = map(
                mul,
                tf_of_docs,
                map(inverse.__getitem__, map(lengths.bytes[fieldname].__getitem__, docs)),
            )
        else:
            values = map(mul, tf_of_docs, repeat(weight))
        acc = list(values) if n == 0 else list(map(add, acc, values))
    return acc


def bm25f_scores(
    groups: list[ScoreGroup],
    postings,
    lengths: FieldLengths,
    stats: CollectionStats,
    params: RankingParams,
    only: set[int] | None = None,
) -> Scores:
    """BM25F: per word, field frequencies are weighted and length-normalised, summed, then saturated.

    Idf reads the collection's statistics (`stats`); postings and lengths are this index's.

    With `only` (the matching documents), just those are scored, as lists aligned with
    the sorted documents and computed with C-level map() (no per-posting Python loop).
    """
    if only is None:
        only = set()
        for group in groups:
            for f, t, _w in group.members:
                only.update(postings.postings(f, t)[0])
    total, documents = stats.doc_count, lengths.documents
    # Many matches: sum each word's field values in a list indexed by document number
    # (no need to sort the documents then; `Scores.top` breaks ties by document number).
    dense = len(only) * 8 > documents
    docs = list(only) if dense else sorted(only)
    if not docs:
        return Scores([], [])
    k1 = params.k1
    scores: list[float] | None = None
    for group in groups:
        members = [(f, w, *postings.postings(f, t)) for f, t, w in group.members]
        members = [m for m in members if len(m[2])]
        if not members:
            continue
        # The collection's document frequency (a word absent from this shard still counts).
        df = max(stats.doc_frequency(f, t) for f, t, _w in group.members)
        factor = group.weight * idf(total, df) * (k1 + 1)
        if dense:
            acc = _dense_sums(members, lengths, documents, docs)
        else:
            acc = _sparse_sums(members, lengths, docs)
        # factor * x / (k1 + x), saturating the word's summed field frequencies.
        saturated = map(mul, map(truediv, acc, map(add, acc, repeat(k1))), repeat(factor))
        scores = list(saturated) if scores is None else list(map(add, scores, saturated))
    if scores is None:
        return Scores([], [])
    # Documents no scored word reached (a lang: or NOT-only part) score 0.0: `top` puts them
    # last in document order, as it does for matches missing from the scores.
    return Scores(docs, scores)


class Scores:
    """BM25F scores of documents as two parallel lists; a dict is only built if asked for."""

    __slots__ = ("docs", "values", "_by_doc")

    def __init__(self, docs: list[int], values: list[float]):
        self.docs = docs
        self.values = values
        self._by_doc: dict[int, float] | None = None

    def __len__(self) -> int:
        return len(self.docs)

    def __contains__(self, doc: int) -> bool:
        return doc in self._mapping()

    def _mapping(self) -> dict[int, float]:
        if self._by_doc is None:
            self._by_doc = dict(zip(self.docs, self.values, strict=False))
        return self._by_doc

    def get(self, doc: int, default: float = 0.0) -> float:
        """The score of a document (default when it has none)."""
        return self._mapping().get(doc, default)

    def best(self, n: int) -> list[tuple[int, float]]:
        """The n highest (docnum, score), best first, ties in document order."""
        docs, values = self.docs, self.values
        if n <= 0 or not docs:
            return []
        if len(docs) > 8 * n + 256:
            # Keep only scores above a threshold (C-level passes), lowered until n pass;
            # heapq.nlargest over tens of thousands of scores is a Python loop.
            sample = sorted(values[:: max(1, len(values) // 512)], reverse=True)
            rank = min(len(sample) - 1, (4 * n * len(sample)) // len(values) + 1)
            while True:
                threshold = sample[rank]
                if sum(map(threshold.__le__, values)) >= n:
                    break
                if rank == len(sample) - 1:
                    threshold = min(values)
                    break
                rank = min(len(sample) - 1, rank * 2 + 1)
            keep = list(map(threshold.__le__, values))
            docs = list(compress(docs, keep))
            values = list(compress(values, keep))
        best = heapq.nlargest(n, zip(values, map(neg, docs), strict=False))
        return [(-d, v) for v, d in best]


def top(scores: Scores, matched: set[int], n: int) -> list[tuple[int, float]]:
    """The n best (docnum, score) among the matched documents, best first (scores hold matched ones only)."""
    best = scores.best(n)
    if len(best) < n and len(scores) < len(matched):
        # Matches that no scored word reached (a lang: or NOT-only part) come last.
        scored = set(scores.docs)
        best.extend(
            (d, 0.0) for d in sorted(d for d in matched if d not in scored)[: n - len(best)]
        )
    return best
