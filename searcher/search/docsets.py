"""Sets of matching document numbers, computed from postings without scoring (totals, facets, filters)."""

from __future__ import annotations

import threading
from array import array
from collections import OrderedDict
from itertools import accumulate, repeat

from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import TermNotFound


def term_postings(searcher, fieldname: str, text) -> tuple[list[int], list[float]]:
    """Document numbers containing a term and the term's weight (frequency) in each."""
    ids_out: list[int] = []
    weights_out: list[float] = []
    for leaf, offset in searcher.reader().leaf_readers():
        try:
            matcher = leaf.postings(fieldname, text)
        except TermNotFound:
            continue
        ids, weights = _leaf_postings(matcher)
        ids_out.extend(ids if not offset else [i + offset for i in ids])
        weights_out.extend(weights)
    return ids_out, weights_out


def _leaf_postings(matcher) -> tuple[list[int], list[float]]:
    """Ids and weights of a leaf matcher, a block at a time."""
    deleted = None
    if isinstance(matcher, FilterMatcher) and isinstance(matcher.child, W3LeafMatcher) and matcher._exclude:
        deleted = matcher._ids
        matcher = matcher.child
    if not isinstance(matcher, W3LeafMatcher):
        ids, weights = [], []
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            matcher.next()
        return ids, weights
    ids: list[int] = []
    weights: list[float] = []
    while not matcher._atend and matcher._i < matcher._blocklength:
        if matcher._data is None:
            matcher._read_data()
        raw_ids, raw_weights = matcher._data[0], matcher._data[1]
        # Whoosh undoes the delta coding of ids with a Python generator; accumulate() is C.
        ids.extend(raw_ids if matcher._byteids else accumulate(raw_ids))
        count = matcher._blocklength
        if raw_weights is None:
            weights.extend(repeat(1.0, count))
        elif isinstance(raw_weights, float):
            weights.extend(repeat(raw_weights, count))
        else:
            weights.extend(raw_weights)
        matcher._next_block()
    if deleted:
        keep = [k for k, i in enumerate(ids) if i not in deleted]
        ids = [ids[k] for k in keep]
        weights = [weights[k] for k in keep]
    return ids, weights


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
        self._sets: dict[tuple[str, object], set[int]] = {}

    def postings(self, fieldname: str, text):
        """(ids, weights) of a term."""
        key = (fieldname, text)
        found = self._postings.get(key)
        if found is None:
            found = self.cache.get(key) if self.cache is not None else None
            if found is None:
                ids, weights = term_postings(self.searcher, fieldname, text)
                found = self.cache.put(key, ids, weights) if self.cache is not None else (ids, weights)
            self._postings[key] = found
        return found

    def docs(self, fieldname: str, text) -> set[int]:
        """The set of documents holding a term."""
        key = (fieldname, text)
        found = self._sets.get(key)
        if found is None:
            found = self._sets[key] = set(self.postings(fieldname, text)[0])
        return found


def term_docs(searcher, fieldname: str, text) -> set[int]:
    """Document numbers containing a term (across segments)."""
    return set(term_postings(searcher, fieldname, text)[0])


def all_docs(searcher) -> set[int]:
    """Every live document number."""
    return set(searcher.reader().all_doc_ids())


def query_docs(searcher, query, memo: Postings | None = None) -> set[int]:
    """Document numbers matching a Whoosh query tree, by set algebra over postings."""
    if memo is None:
        memo = Postings(searcher)
    if isinstance(query, wq.Term):
        return set(memo.docs(query.fieldname, query.text))
    if isinstance(query, wq.Or):
        out: set[int] = set()
        for sub in query.subqueries:
            out |= query_docs(searcher, sub, memo)
        return out
    if isinstance(query, wq.And):
        subs = list(query.subqueries)
        if not subs:
            return set()
        # Intersect the cheapest terms first; an empty set ends it early.
        sets = []
        for sub in subs:
            found = query_docs(searcher, sub, memo)
            if not found:
                return set()
            sets.append(found)
        sets.sort(key=len)
        out = sets[0]
        for other in sets[1:]:
            out = out & other
            if not out:
                break
        return out
    if isinstance(query, wq.AndNot):
        positive = query_docs(searcher, query.a, memo)
        if positive:
            positive = positive - query_docs(searcher, query.b, memo)
        return positive
    if isinstance(query, wq.Not):
        return all_docs(searcher) - query_docs(searcher, query.query, memo)
    if query is wq.NullQuery or isinstance(query, type(wq.NullQuery)):
        return set()
    if isinstance(query, wq.Every):
        return all_docs(searcher)
    return set(query.docs(searcher))
