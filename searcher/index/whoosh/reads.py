"""Postings and field lengths read straight from W3 segment files, without Whoosh's matchers."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator
from io import BytesIO
from itertools import accumulate, repeat
from pickle import load as pickle_load
from pickle import loads as pickle_loads
from typing import Any, NamedTuple

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, W3TermInfo, _lenfield
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import TermNotFound
from whoosh.util.numeric import byte_to_length

_INT_SIZE = 4
_unpack_int = struct.Struct("!i").unpack_from

Postings = tuple[list[int], list[float]]


def length_bytes(reader: Any, fieldname: str) -> bytes:
    """One length byte per document of a reader (all its segments), 0 where a field is empty."""
    chunks = []
    for leaf, _offset in reader.leaf_readers():
        size = leaf.doc_count_all()
        perdoc = getattr(leaf, "_perdoc", None)
        column = (
            perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
            if perdoc is not None
            else None
        )
        if column is None:
            chunks.append(bytes(size))
            continue
        count = min(column._count, size)
        raw = column._dbfile.get(column._basepos, count) if count else b""
        chunks.append(bytes(raw) + bytes(size - count))
    return b"".join(chunks)


def length_of_byte() -> list[int]:
    """The field length each of the 256 length bytes stands for."""
    return [byte_to_length(i) for i in range(256)]


def segment_postings(leaf: Any, fieldname: str, text: Any) -> Postings:
    """Document numbers (within the segment) containing a term, and its weight in each."""
    found = _direct_postings(leaf, fieldname, text)
    if found is not None:
        return found
    try:
        matcher = leaf.postings(fieldname, text)
    except TermNotFound:
        return [], []
    return _matcher_postings(matcher)


def _direct_postings(leaf: Any, fieldname: str, text: Any) -> Postings | None:
    """(ids, weights) read straight from a segment's term info, or None to use a matcher.

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
        inline_ids, inline_weights, _values = info.inlined_postings()
        ids = list(inline_ids)
        weights = list(inline_weights) if inline_weights else [1.0] * len(ids)
    else:
        offset, length = info.extent()
        ids, weights = _read_extent(postfile, offset, length)
    return _without(ids, weights, deleted_docs(leaf))


def deleted_docs(leaf: Any) -> frozenset[int]:
    """The deleted documents of a segment (Whoosh's cached property, asked only when there are some)."""
    # That property's first use imports asyncio (cached_property checks for coroutines).
    return leaf.deleted_docs_set if leaf.has_deletions() else frozenset()


def _matcher_postings(matcher: Any) -> Postings:
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
        ids: list[int] = []
        weights: list[float] = []
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            matcher.next()
        return ids, weights
    ids, weights = _read_extent(
        matcher._postfile, matcher._startoffset, matcher._length, matcher._byteids
    )
    return _without(ids, weights, deleted)


def _without(ids: list[int], weights: list[float], deleted: Any) -> Postings:
    """The postings minus those of deleted documents."""
    if not deleted:
        return ids, weights
    keep = [k for k, i in enumerate(ids) if i not in deleted]
    return [ids[k] for k in keep], [weights[k] for k in keep]


def extent_bytes(postfile: Any, offset: int, length: Any) -> bytes:
    """A term's whole extent of posting blocks, in one read."""
    if isinstance(length, tuple):
        # Whoosh's W3TermInfo.from_bytes leaves the extent's length as a 1-tuple.
        length = length[0]
    found: bytes = postfile.get(offset, length)
    return found


def block_headers(buf: bytes) -> Iterator[tuple[tuple, int, int]]:
    """(header, data start, data end) of each block of an extent.

    The layout is the one the package docstring describes: the magic, then per block its
    length, pickled header (count, last id, max weight, compression level, min and max
    length byte) and data.
    """
    stream = BytesIO(buf)
    pos = _INT_SIZE
    end = len(buf)
    while pos < end:
        size = _unpack_int(buf, pos)[0]
        nextpos = pos + _INT_SIZE + abs(size)
        stream.seek(pos + _INT_SIZE)
        header = pickle_load(stream)
        yield header, stream.tell(), nextpos
        if size < 0:
            break
        pos = nextpos


class BlockTable(NamedTuple):
    """Per block of an extent: its header's fields and where its data starts and ends."""

    postings: np.ndarray
    last: np.ndarray
    maxweight: np.ndarray
    compression: np.ndarray
    minlength: np.ndarray
    start: np.ndarray
    end: np.ndarray


# Pickle opcodes of a block header as searcher's writer pickles it (protocol 2).
_K, _M, _J, _G, _N = 0x4B, 0x4D, 0x4A, 0x47, 0x4E
_HEADER_START = np.frombuffer(b"\x80\x02(", dtype=np.uint8)
_HEADER_END = np.frombuffer(b"tq\x00.", dtype=np.uint8)


# From this many blocks on, numpy reads the headers faster than pickle one by one.
VECTOR_HEADERS = 40


def block_table(buf: bytes) -> BlockTable:
    """Every block header of an extent at once (what block_headers yields, as arrays).

    Only the chain of block lengths is walked in Python; the headers are read together
    with numpy when all of them have the layout searcher's writer gives them (small ints,
    one float, None for absent lengths), else one by one with pickle.
    """
    where = []
    pos, end = _INT_SIZE, len(buf)
    while pos < end:
        size = _unpack_int(buf, pos)[0]
        where.append((pos, size))
        if size < 0:
            break
        pos += _INT_SIZE + size
    if not where:
        empty = np.zeros(0, dtype=np.int64)
        return BlockTable(empty, empty, empty.astype(np.float64), empty, empty, empty, empty)
    found = _vector_headers(buf, where) if len(where) >= VECTOR_HEADERS else None
    if found is not None:
        return found
    rows = list(block_headers(buf))
    return BlockTable(
        np.array([h[0] for h, _s, _e in rows], dtype=np.int64),
        np.array([h[1] for h, _s, _e in rows], dtype=np.int64),
        np.array([h[2] for h, _s, _e in rows], dtype=np.float64),
        np.array([h[3] for h, _s, _e in rows], dtype=np.int64),
        np.array([h[4] or 0 for h, _s, _e in rows], dtype=np.int64),
        np.array([s for _h, s, _e in rows], dtype=np.int64),
        np.array([e for _h, _s, e in rows], dtype=np.int64),
    )


def _vector_headers(buf: bytes, where: list[tuple[int, int]]) -> BlockTable | None:
    """The block table read with numpy, or None when a header has another layout."""
    raw = np.frombuffer(buf, dtype=np.uint8)
    top = len(raw) - 1
    pos = np.array([p for p, _s in where], dtype=np.int64)
    ends = pos + _INT_SIZE + np.abs(np.array([s for _p, s in where], dtype=np.int64))

    def at(i: np.ndarray) -> np.ndarray:
        return raw[np.minimum(i, top)].astype(np.int64)

    h = pos + _INT_SIZE
    ok = (raw[np.minimum(h[:, None] + np.arange(3), top)] == _HEADER_START).all(axis=1)
    # count: one or two bytes
    op = at(h + 3)
    ok &= (op == _K) | (op == _M)
    count = np.where(op == _K, at(h + 4), at(h + 4) | at(h + 5) << 8)
    c = h + np.where(op == _K, 5, 6)
    # last id: one, two or four bytes (signed)
    op = at(c)
    ok &= (op == _K) | (op == _M) | (op == _J)
    four = at(c + 1) | at(c + 2) << 8 | at(c + 3) << 16 | at(c + 4) << 24
    four = np.where(four >= 1 << 31, four - (1 << 32), four)
    last = np.where(op == _K, at(c + 1), np.where(op == _M, at(c + 1) | at(c + 2) << 8, four))
    c = c + np.where(op == _K, 2, np.where(op == _M, 3, 5))
    ok &= at(c) == _G
    rows = np.lib.stride_tricks.sliding_window_view(raw, 8)
    maxweight = rows[np.minimum(c + 1, len(rows) - 1)].view(">f8").ravel().astype(np.float64)
    c = c + 9
    small = []
    for _field in range(3):  # compression level, min and max length byte: a byte or None
        op = at(c)
        ok &= (op == _K) | (op == _N)
        small.append(np.where(op == _K, at(c + 1), 0))
        c = c + np.where(op == _K, 2, 1)
    ok &= (raw[np.minimum(c[:, None] + np.arange(4), top)] == _HEADER_END).all(axis=1)
    start = c + 4
    ok &= start <= ends
    if not ok.all():
        return None
    return BlockTable(count, last, maxweight, small[0], small[1], start, ends)


def _read_extent(postfile: Any, offset: int, length: Any, byteids: bool = False) -> Postings:
    """Ids and weights of all a term's posting blocks, from one read of its whole extent.

    Whoosh's matcher seeks and reads three times per block (length, header, data); a
    frequent word has hundreds of blocks.
    """
    buf = extent_bytes(postfile, offset, length)
    ids: list[int] = []
    weights: list[float] = []
    for (count, _last, _maxweight, compression, _mn, _mx), start, end in block_headers(buf):
        data = buf[start:end]
        raw_ids, raw_weights = pickle_loads(zlib.decompress(data) if compression else data)[:2]
        # Whoosh undoes the delta coding of ids with a Python generator; accumulate() is C.
        ids.extend(raw_ids if byteids else accumulate(raw_ids))
        if raw_weights is None:
            weights.extend(repeat(1.0, count))
        elif isinstance(raw_weights, float):
            weights.extend(repeat(raw_weights, count))
        else:
            weights.extend(raw_weights)
    return ids, weights
