"""The best matches by BM25F without scoring every match: block-max upper bounds, exact scores.

Document numbers are cut into windows of equal width. Each posting block's header bounds
what any of its documents can add to a word (its largest weight over its shortest field
length), so every window gets an upper bound of the score of any document in it, from
the block tables alone. Windows are scored exactly in descending order of their bound
(only the blocks holding their matches are decoded), and the search stops when the next
window's bound is below the score the k-th best document already has: what is left could
not enter the top. The answer is the exhaustive one: same documents, order and scores,
ties in document order.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import log2
from typing import TYPE_CHECKING

import numpy as np

from .docsets import Postings
from .postinglists import TermList
from .ranking import FieldLengths, RankingParams, ScoreGroup, idf

if TYPE_CHECKING:
    from .stats import CollectionStats

# About this many windows over the document numbers (each at least MIN_WINDOW wide).
WINDOWS = 2048
MIN_WINDOW = 64
# A bound is raised by this fraction so that rounding never puts a score above it.
BOUND_MARGIN = 1e-9
# Scores asked for one document at a time before every match is scored at once.
GETS_ONE_BY_ONE = 64
# Up to this many matches every one is scored (once, kept for later pages): that costs less
# than the bounds (at 100k articles, 51k matches of one word: 3.3 ms scored, 5.0 ms bounded).
EXACT_UP_TO = 32768


@dataclass(frozen=True)
class _Member:
    """One (field, term) of a word: its postings and what a weight counts in each length byte."""

    postings: TermList
    # weight / normaliser per length byte (None: the field is not length-normalised).
    inverse: np.ndarray | None
    lengths: np.ndarray | None
    weight: float


@dataclass(frozen=True)
class _Word:
    members: tuple[_Member, ...]
    factor: float


class RankedScores:
    """The BM25F scores of the matched documents, worked out only where they may reach the top."""

    def __init__(
        self,
        groups: list[ScoreGroup],
        memo: Postings,
        lengths: FieldLengths,
        stats: CollectionStats,
        params: RankingParams,
        matched: np.ndarray,
    ):
        """Idf reads the collection's statistics (`stats`); postings and lengths are this index's."""
        self.matched = matched
        self.k1 = params.k1
        self.size = max(lengths.documents, int(matched[-1]) + 1 if len(matched) else 0)
        total = stats.doc_count
        words = []
        for group in groups:
            members = []
            for fieldname, term, weight in group.members:
                postings = memo.term_list(fieldname, term)
                if not postings.live_count():
                    continue
                if fieldname in lengths.norm:
                    members.append(
                        _Member(
                            postings,
                            lengths.inverse_array(fieldname, weight),
                            lengths.bytes_array(fieldname),
                            weight,
                        )
                    )
                else:
                    members.append(_Member(postings, None, None, weight))
            if members:
                # The collection's document frequency (a word absent from this shard still counts).
                df = max(stats.doc_frequency(f, t) for f, t, _w in group.members)
                factor = group.weight * idf(total, df) * (self.k1 + 1)
                words.append(_Word(tuple(members), factor))
        self.words = tuple(words)
        # How many documents best() scored exactly (what the bounds spared is the rest).
        self.scored = 0
        self._gets = 0
        self._every: np.ndarray | None = None

    def __len__(self) -> int:
        """How many documents have a score (none when no word of the query is in the index)."""
        return len(self.matched) if self.words else 0

    def exact(self, docs: np.ndarray) -> np.ndarray:
        """The scores of the sorted `docs`.

        The operations and their order are those of the exhaustive scorer (per word,
        the members' weighted, normalised frequencies summed in order, then saturated;
        words summed in order), so the floats are the same.
        """
        k1 = self.k1
        scores: np.ndarray | None = None
        for word in self.words:
            acc: np.ndarray | None = None
            for m in word.members:
                tf = m.postings.weights_at(docs)
                if m.inverse is not None and m.lengths is not None:
                    values = tf * m.inverse[m.lengths[docs]]
                else:
                    values = tf * m.weight
                acc = values if acc is None else acc + values
            assert acc is not None
            saturated = acc / (acc + k1) * word.factor
            scores = saturated if scores is None else scores + saturated
        return scores if scores is not None else np.zeros(len(docs), dtype=np.float64)

    def get(self, doc: int, default: float = 0.0) -> float:
        """The score of a matched document (default for any other, or when nothing is scored).

        One at a time at first; after GETS_ONE_BY_ONE of them every match is scored at once.
        """
        matched = self.matched
        at = int(np.searchsorted(matched, doc))
        if not self.words or at == len(matched) or matched[at] != doc:
            return default
        if self._every is None:
            self._gets += 1
            if self._gets <= GETS_ONE_BY_ONE:
                return float(self.exact(matched[at : at + 1])[0])
            self._every = self.exact(matched)
        return float(self._every[at])

    def best(self, n: int, below: tuple | None = None) -> list[tuple[int, float]]:
        """The n highest (docnum, score), best first, ties in document order.

        `below`: only documents whose key (score, -docnum) is smaller (the page after a cursor).
        """
        matched = self.matched
        if n <= 0 or not self.words or not len(matched):
            return []
        if n * 2 >= len(matched) or len(matched) <= EXACT_UP_TO:
            if self._every is None:
                self.scored += len(matched)
                self._every = self.exact(matched)
            return _select(matched, self._every, n, below)
        shift = max(int(log2(MIN_WINDOW)), (self.size // WINDOWS).bit_length())
        count = (self.size >> shift) + 1
        # Where each window's matches start and end in the sorted matches.
        bounds_at = np.searchsorted(matched, np.arange(count + 1, dtype=np.int64) << shift)
        occupied = np.flatnonzero(bounds_at[1:] > bounds_at[:-1])
        limit = self.window_bounds(shift, count)[occupied] * (1 + BOUND_MARGIN)
        order = np.argsort(-limit, kind="stable")
        best_docs = np.zeros(0, dtype=np.int64)
        best_values = np.zeros(0, dtype=np.float64)
        floor = -np.inf
        done = 0
        batch = max(2 * n, 256)
        while done < len(order):
            # The next windows by bound, about `batch` matches' worth, none bounded below the floor.
            sizes = np.cumsum(
                bounds_at[occupied[order[done:]] + 1] - bounds_at[occupied[order[done:]]]
            )
            take = int(np.searchsorted(sizes, batch)) + 1
            chosen = order[done : done + take]
            chosen = chosen[limit[chosen] >= floor]
            if not len(chosen):
                break
            done += take
            windows = np.sort(occupied[chosen])
            docs = np.concatenate([matched[bounds_at[w] : bounds_at[w + 1]] for w in windows])
            values = self.exact(docs)
            self.scored += len(docs)
            best_docs, best_values = _merge(best_docs, best_values, docs, values, n, below)
            if len(best_docs) >= n:
                floor = best_values[n - 1]
            batch *= 2
        return list(zip(best_docs.tolist(), best_values.tolist(), strict=True))

    def window_bounds(self, shift: int, count: int) -> np.ndarray:
        """An upper bound of the score of any document in each window of 2**shift numbers."""
        k1 = self.k1
        total = np.zeros(count, dtype=np.float64)
        for word in self.words:
            acc = np.zeros(count, dtype=np.float64)
            for m in word.members:
                acc += _member_bounds(m, shift, count)
            total += acc / (acc + k1) * word.factor
        return total


def _member_bounds(m: _Member, shift: int, count: int) -> np.ndarray:
    """The most a member adds to its word's sum in each window, from its block table."""
    postings = m.postings
    out = np.zeros(count, dtype=np.float64)
    if not postings.blocks:
        return out
    if postings.size_estimate() <= count:
        # A short list: its block table is coarser than the windows, and decoding it is cheap,
        # so each window gets the most its own postings add.
        ids, weights = postings.all()
        if not len(ids):
            return out
        if m.inverse is not None and m.lengths is not None:
            values = weights * m.inverse[m.lengths[ids]]
        else:
            values = weights * m.weight
        window = ids >> shift
        starts = np.concatenate(([0], np.flatnonzero(np.diff(window)) + 1))
        out[window[starts]] = np.maximum.reduceat(values, starts)
        return out
    if m.inverse is not None:
        # The most a weight counts at a length byte or above (normalisers grow with length).
        most = np.maximum.accumulate(m.inverse[::-1])[::-1]
        block_bound = postings.maxweight * most[postings.minlength]
    else:
        block_bound = postings.maxweight * m.weight
    last = postings.last
    first = np.empty_like(last)
    first[0] = 0
    first[1:] = last[:-1] + 1
    lo = first >> shift
    span = (last >> shift) - lo + 1
    # Every (block, window) pair the block's range touches; few, as the blocks are disjoint.
    block = np.repeat(np.arange(len(last)), span)
    step = np.arange(len(block)) - np.repeat(np.cumsum(span) - span, span)
    window = lo[block] + step
    starts = np.concatenate(([0], np.flatnonzero(np.diff(window)) + 1))
    out[window[starts]] = np.maximum.reduceat(block_bound[block], starts)
    return out


def _merge(
    docs: np.ndarray,
    values: np.ndarray,
    more_docs: np.ndarray,
    more_values: np.ndarray,
    n: int,
    below: tuple | None,
) -> tuple[np.ndarray, np.ndarray]:
    """The n best of two scored sets (best first, ties in document order)."""
    if below is not None:
        keep = _below(more_docs, more_values, below)
        more_docs, more_values = more_docs[keep], more_values[keep]
    docs = np.concatenate((docs, more_docs))
    values = np.concatenate((values, more_values))
    if len(values) > 2 * n:
        # Only scores at or above the n-th best can be kept (ties with it too): sort just those.
        nth = np.partition(values, len(values) - n)[len(values) - n]
        keep = values >= nth
        docs, values = docs[keep], values[keep]
    order = np.lexsort((docs, -values))[:n]
    return docs[order], values[order]


def _below(docs: np.ndarray, values: np.ndarray, key: tuple) -> np.ndarray:
    """Which documents have a key (score, -docnum) smaller than `key`."""
    score, neg_doc = key
    return (values < score) | ((values == score) & (-docs < neg_doc))


def _select(
    docs: np.ndarray, values: np.ndarray, n: int, below: tuple | None
) -> list[tuple[int, float]]:
    """The n best of scored documents, best first, ties in document order."""
    best_docs, best_values = _merge(
        np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64), docs, values, n, below
    )
    return list(zip(best_docs.tolist(), best_values.tolist(), strict=True))


def top(scores: RankedScores, matched: set[int] | np.ndarray, n: int) -> list[tuple[int, float]]:
    """The n best (docnum, score) among the matched documents, best first.

    When no word of the query is in the index (a lang: or NOT-only query), nothing has a
    score: the matches come in document order, each scoring 0.0.
    """
    if len(scores):
        return scores.best(n)
    first = np.sort(np.fromiter(matched, dtype=np.int64, count=len(matched)))[:n]
    return [(d, 0.0) for d in first.tolist()]
