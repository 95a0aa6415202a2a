"""Sets of matching document numbers, computed from postings without scoring (totals, facets, filters)."""

from __future__ import annotations

import threading
from array import array
from collections import OrderedDict

from whoosh import query as wq

from ..index.whoosh import segment_postings


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
    """Decoded postings of recently used terms, shared by threads, bounded by size (LRU).

    Whoosh decodes postings block by block in Python; a frequent word's list costs
    milliseconds to read each time, and the same words come back query after query.
    """

    def __init__(self, max_postings: int = 4_000_000):
        self.max_postings = max_postings
        self._items: OrderedDict = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key, ids: list[int], weights: list[float]):
        stored = (array("i", ids), array("f", weights))
        with self._lock:
            if key in self._items or len(ids) > self.max_postings // 4:
                return stored
            self._items[key] = stored
            self._size += len(ids)
            while self._size > self.max_postings and self._items:
                _, (old_ids, _w) = self._items.popitem(last=False)
                self._size -= len(old_ids)
        return stored


class Postings:
    """Postings read once per search and shared by matching and scoring."""

    def __init__(self, searcher, cache: PostingsCache | None = None):
        self.searcher = searcher
        self.cache = cache
        self._postings: dict[tuple[str, object], tuple] = {}

    def postings(self, fieldname: str, text):
        """(ids, weights) of a term."""
        key = (fieldname, text)
        found = self._postings.get(key)
        if found is None:
            found = self.cache.get(key) if self.cache is not None else None
            if found is None:
                ids, weights = term_postings(self.searcher, fieldname, text)
                found = (
                    self.cache.put(key, ids, weights) if self.cache is not None else (ids, weights)
                )
            self._postings[key] = found
        return found


def term_docs(searcher, fieldname: str, text) -> set[int]:
    """Document numbers containing a term (across segments)."""
    return set(term_postings(searcher, fieldname, text)[0])


def all_docs(searcher) -> set[int]:
    """Every live document number."""
    return set(searcher.reader().all_doc_ids())


def query_docs(searcher, query, memo: Postings | None = None) -> set[int]:
    """Document numbers matching a Whoosh query tree, by set algebra over postings (a new set)."""
    if memo is None:
        memo = Postings(searcher)
    if isinstance(query, wq.Term):
        return set(memo.postings(query.fieldname, query.text)[0])
    if isinstance(query, wq.Or):
        out: set[int] = set()
        for sub in query.subqueries:
            if isinstance(sub, wq.Term):
                out.update(memo.postings(sub.fieldname, sub.text)[0])
            else:
                out |= query_docs(searcher, sub, memo)
        return out
    if isinstance(query, wq.And):
        subs = list(query.subqueries)
        if not subs:
            return set()
        # Only the rarest part becomes a set; the others just filter it (a set lookup per
        # posting costs less than inserting it), and an empty result ends it early.
        subs.sort(key=lambda sub: _size_estimate(sub, memo))
        out = query_docs(searcher, subs[0], memo)
        for sub in subs[1:]:
            if not out:
                break
            out = _restrict(searcher, out, sub, memo)
        return out
    if isinstance(query, wq.AndNot):
        positive = query_docs(searcher, query.a, memo)
        if positive:
            positive -= _restrict(searcher, positive, query.b, memo)
        return positive
    if isinstance(query, wq.Not):
        return all_docs(searcher) - query_docs(searcher, query.query, memo)
    if query is wq.NullQuery or isinstance(query, type(wq.NullQuery)):
        return set()
    if isinstance(query, wq.Every):
        return all_docs(searcher)
    return set(query.docs(searcher))


def _size_estimate(query, memo: Postings) -> float:
    """How many documents a part may match at most (postings lengths; unknown kinds last)."""
    if isinstance(query, wq.Term):
        return len(memo.postings(query.fieldname, query.text)[0])
    if isinstance(query, wq.Or):
        return sum(_size_estimate(sub, memo) for sub in query.subqueries)
    if isinstance(query, wq.And):
        return min((_size_estimate(sub, memo) for sub in query.subqueries), default=0)
    return float("inf")


def _restrict(searcher, docs: set[int], query, memo: Postings) -> set[int]:
    """The documents of `docs` that `query` matches."""
    if isinstance(query, wq.Term):
        return docs.intersection(memo.postings(query.fieldname, query.text)[0])
    if isinstance(query, wq.Or):
        out: set[int] = set()
        for sub in query.subqueries:
            out |= _restrict(searcher, docs, sub, memo)
        return out
    if isinstance(query, wq.And):
        for sub in query.subqueries:
            if not docs:
                break
            docs = _restrict(searcher, docs, sub, memo)
        return set(docs)
    return docs & query_docs(searcher, query, memo)
