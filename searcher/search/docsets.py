"""Sets of matching document numbers, computed from postings without scoring (totals, facets, filters)."""

from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np
from whoosh import query as wq

from ..index.whoosh import segment_postings
from .postinglists import TermList


def term_postings(searcher, fieldname: str, text) -> tuple[list[int], list[float]]:
    """Document numbers containing a term and the term's weight (frequency) in each."""
    ids_out: list[int] = []
    weights_out: list[float] = []
    for leaf, offset in searcher.reader().leaf_readers():
        ids, weights = segment_postings(leaf, fieldname, text)
        ids_out.extend(ids if not offset else [i + offset for i in ids])
        weights_out.extend(weights)
    return ids_out, weights_out


class PostingsCache:
    """Posting lists of recently used terms (block tables and the blocks decoded so far), shared
    by threads, bounded by their number of postings (LRU).

    Whoosh decodes postings block by block in Python; a frequent word's list costs
    milliseconds to read each time, and the same words come back query after query.
    """

    def __init__(self, max_postings: int = 4_000_000):
        self.max_postings = max_postings
        self._items: OrderedDict = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key) -> TermList | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key, found: TermList) -> TermList:
        size = found.size_estimate()
        with self._lock:
            if key in self._items or size > self.max_postings // 4:
                return found
            self._items[key] = found
            self._size += size
            while self._size > self.max_postings and self._items:
                _, old = self._items.popitem(last=False)
                self._size -= old.size_estimate()
        return found


class Postings:
    """Posting lists read once per search and shared by matching and scoring."""

    def __init__(self, searcher, cache: PostingsCache | None = None):
        self.searcher = searcher
        self.cache = cache
        self._lists: dict[tuple[str, object], TermList] = {}

    def term_list(self, fieldname: str, text) -> TermList:
        """The posting list of a term (blocks decoded as they are needed)."""
        key = (fieldname, text)
        found = self._lists.get(key)
        if found is None:
            found = self.cache.get(key) if self.cache is not None else None
            if found is None:
                found = TermList.read(self.searcher, fieldname, text)
                if self.cache is not None:
                    found = self.cache.put(key, found)
            self._lists[key] = found
        return found

    def postings(self, fieldname: str, text) -> tuple[np.ndarray, np.ndarray]:
        """(document numbers, weights) of a term, every block decoded."""
        return self.term_list(fieldname, text).all()


def term_docs(searcher, fieldname: str, text) -> set[int]:
    """Document numbers containing a term (across segments)."""
    return set(term_postings(searcher, fieldname, text)[0])


def all_docs(searcher) -> set[int]:
    """Every live document number."""
    return set(searcher.reader().all_doc_ids())


def live_docs(searcher) -> np.ndarray:
    """Every live document number, sorted."""
    reader = searcher.reader()
    total = reader.doc_count_all()
    if not reader.has_deletions():
        return np.arange(total, dtype=np.int64)
    return np.fromiter(reader.all_doc_ids(), dtype=np.int64)


def query_docs(searcher, query, memo: Postings | None = None) -> set[int]:
    """Document numbers matching a Whoosh query tree, by set algebra over postings (a new set)."""
    return set(query_array(searcher, query, memo).tolist())


def query_array(searcher, query, memo: Postings | None = None) -> np.ndarray:
    """The sorted document numbers matching a Whoosh query tree, by set algebra over postings."""
    if memo is None:
        memo = Postings(searcher)
    if isinstance(query, wq.Term):
        return memo.postings(query.fieldname, query.text)[0]
    if isinstance(query, wq.Or):
        return _union([query_array(searcher, sub, memo) for sub in query.subqueries], searcher)
    if isinstance(query, wq.And):
        subs = list(query.subqueries)
        if not subs:
            return _NONE
        # Only the rarest part is read whole; the others are looked up at its documents,
        # decoding just the blocks that may hold them, and an empty result ends it early.
        subs.sort(key=lambda sub: _size_estimate(sub, memo))
        out = query_array(searcher, subs[0], memo)
        for sub in subs[1:]:
            if not len(out):
                break
            out = out[_within(searcher, out, sub, memo)]
        return out
    if isinstance(query, wq.AndNot):
        positive = query_array(searcher, query.a, memo)
        if len(positive):
            positive = positive[~_within(searcher, positive, query.b, memo)]
        return positive
    if isinstance(query, wq.Not):
        every = live_docs(searcher)
        return every[~_within(searcher, every, query.query, memo)]
    if query is wq.NullQuery or isinstance(query, type(wq.NullQuery)):
        return _NONE
    if isinstance(query, wq.Every):
        return live_docs(searcher)
    return np.unique(np.fromiter(query.docs(searcher), dtype=np.int64))


_NONE = np.zeros(0, dtype=np.int64)


def _union(parts: list[np.ndarray], searcher) -> np.ndarray:
    """The sorted union of sorted document number arrays."""
    parts = [p for p in parts if len(p)]
    if not parts:
        return _NONE
    if len(parts) == 1:
        return parts[0]
    total = sum(len(p) for p in parts)
    size = searcher.doc_count_all()
    if total * 16 < size:
        return np.unique(np.concatenate(parts))
    # Many documents: mark them in one flag per document (no sort).
    flags = np.zeros(size, dtype=bool)
    for p in parts:
        flags[p] = True
    return np.flatnonzero(flags).astype(np.int64, copy=False)


def _size_estimate(query, memo: Postings) -> float:
    """How many documents a part may match at most (block table sizes; unknown kinds last)."""
    if isinstance(query, wq.Term):
        return memo.term_list(query.fieldname, query.text).size_estimate()
    if isinstance(query, wq.Or):
        return sum(_size_estimate(sub, memo) for sub in query.subqueries)
    if isinstance(query, wq.And):
        return min((_size_estimate(sub, memo) for sub in query.subqueries), default=0)
    return float("inf")


def _within(searcher, docs: np.ndarray, query, memo: Postings) -> np.ndarray:
    """Which of the sorted `docs` `query` matches (a boolean per document)."""
    if isinstance(query, wq.Term):
        return memo.term_list(query.fieldname, query.text).contains(docs)
    if isinstance(query, wq.Or):
        out = np.zeros(len(docs), dtype=bool)
        for sub in query.subqueries:
            rest = ~out
            if not rest.any():
                break
            out[rest] = _within(searcher, docs[rest], sub, memo)
        return out
    if isinstance(query, wq.And):
        out = np.ones(len(docs), dtype=bool)
        for sub in query.subqueries:
            if not out.any():
                break
            out[out] = _within(searcher, docs[out], sub, memo)
        return out
    return np.isin(docs, query_array(searcher, query, memo), assume_unique=True)
