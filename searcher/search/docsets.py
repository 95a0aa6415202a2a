"""Sets of matching document numbers, computed from postings without scoring (totals, facets, filters)."""

from __future__ import annotations

import struct
import threading
import zlib
from array import array
from collections import OrderedDict
from io import BytesIO
from itertools import accumulate, repeat
from pickle import load as pickle_load
from pickle import loads as pickle_loads

from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher, W3TermInfo
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import TermNotFound

_INT_SIZE = 4
_unpack_int = struct.Struct("!i").unpack_from


def term_postings(searcher, fieldname: str, text) -> tuple[list[int], list[float]]:
    """Document numbers containing a term and the term's weight (frequency) in each."""
    ids_out: list[int] = []
    weights_out: list[float] = []
    for leaf, offset in searcher.reader().leaf_readers():
        found = _direct_postings(leaf, fieldname, text)
        if found is None:
            try:
                matcher = leaf.postings(fieldname, text)
            except TermNotFound:
                continue
            found = _leaf_postings(matcher)
        ids, weights = found
        ids_out.extend(ids if not offset else [i + offset for i in ids])
        weights_out.extend(weights)
    return ids_out, weights_out


def _direct_postings(leaf, fieldname: str, text):
    """(ids, weights) read straight from a Whoosh 3 segment's term info, or None to use a matcher.

    Building a matcher reads the first block's header only to be thrown away here, and a
    plain word is looked up in eight fields, in most of which it is not.
    """
    postfile = getattr(getattr(leaf, "_terms", None), "_postfile", None)
    if postfile is None or fieldname not in leaf.schema or getattr(leaf, "is_closed", False):
        return None
    try:
        info = leaf.term_info(fieldname, text)
    except TermNotFound:
        return [], []
    if not isinstance(info, W3TermInfo):
        return None
    if info.is_inlined():
        ids, weights, _values = info.inlined_postings()
        ids = list(ids)
        weights = list(weights) if weights else [1.0] * len(ids)
    else:
        offset, length = info.extent()
        ids, weights = _read_extent(postfile, offset, length)
    return _without(ids, weights, leaf.deleted_docs_set)


def _leaf_postings(matcher) -> tuple[list[int], list[float]]:
    """Ids and weights of a leaf matcher, a block at a time."""
    deleted = None
    if (
        isinstance(matcher, FilterMatcher)
        and isinstance(matcher.child, W3LeafMatcher)
        and matcher._exclude
    ):
        deleted = matcher._ids
        matcher = matcher.child
    if not isinstance(matcher, W3LeafMatcher):
        ids, weights = [], []
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            matcher.next()
        return ids, weights
    ids, weights = _read_extent(
        matcher._postfile, matcher._startoffset, matcher._length, matcher._byteids
    )
    return _without(ids, weights, deleted)


def _without(ids: list[int], weights: list[float], deleted) -> tuple[list[int], list[float]]:
    """The postings minus those of deleted documents."""
    if not deleted:
        return ids, weights
    keep = [k for k, i in enumerate(ids) if i not in deleted]
    return [ids[k] for k in keep], [weights[k] for k in keep]


def _read_extent(postfile, offset: int, length, byteids=None) -> tuple[list[int], list[float]]:
    """Ids and weights of all a term's posting blocks, from one read of its whole extent.

    Whoosh's matcher seeks and reads three times per block (length, header, data); a
    frequent word has hundreds of blocks. The layout read here is Whoosh 3's: a 4-byte
    tag, then per block a signed length (negative on the last block), a pickled header
    (count, max id, max weight, compression, lengths) and the (compressed) pickled data.
    """
    if isinstance(length, tuple):
        # Whoosh's W3TermInfo.from_bytes leaves the extent's length as a 1-tuple.
        length = length[0]
    buf = postfile.get(offset, length)
    stream = BytesIO(buf)
    ids: list[int] = []
    weights: list[float] = []
    pos = _INT_SIZE
    end = len(buf)
    while pos < end:
        length = _unpack_int(buf, pos)[0]
        last = length < 0
        nextpos = pos + _INT_SIZE + abs(length)
        stream.seek(pos + _INT_SIZE)
        count, _maxid, _maxweight, compression, _mn, _mx = pickle_load(stream)
        data = buf[stream.tell() : nextpos]
        raw_ids, raw_weights = pickle_loads(zlib.decompress(data) if compression else data)[:2]
        # Whoosh undoes the delta coding of ids with a Python generator; accumulate() is C.
        ids.extend(raw_ids if byteids else accumulate(raw_ids))
        if raw_weights is None:
            weights.extend(repeat(1.0, count))
        elif isinstance(raw_weights, float):
            weights.extend(repeat(raw_weights, count))
        else:
            weights.extend(raw_weights)
        if last:
            break
        pos = nextpos
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
