"""A term's posting blocks in one segment: the block table read from the headers, each
block's ids and weights decoded only when asked for, as numpy arrays.

The block headers (the package docstring's W3 layout) carry each block's last id, its
largest weight and its shortest field length: enough to bound a block's BM25F
contribution and to tell which block holds a document, without unpickling the data.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable, Iterable
from pickle import loads as pickle_loads
from typing import Any

import numpy as np
from whoosh.codec.whoosh3 import W3TermInfo
from whoosh.reading import TermNotFound

from .reads import block_table, deleted_docs, extent_bytes, segment_postings

_unpack_double = struct.Struct(">d").unpack_from
_EMPTY_IDS = np.zeros(0, dtype=np.int64)
_EMPTY_WEIGHTS = np.zeros(0, dtype=np.float64)


class SegmentBlocks:
    """One term's blocks in one segment: ids local to the segment, deleted documents left out."""

    __slots__ = (
        "last",
        "count",
        "maxweight",
        "minlength",
        "_buf",
        "_spans",
        "_deleted",
        "_cache",
        "_all",
        "_undecoded",
    )

    def __init__(
        self,
        last: np.ndarray,
        count: np.ndarray,
        maxweight: np.ndarray,
        minlength: np.ndarray,
        buf: Any = None,
        spans: list[tuple[int, int, int]] | None = None,
        deleted: Any = None,
        decoded: list[tuple[np.ndarray, np.ndarray]] | None = None,
    ):
        # Per block: last id, postings (deleted ones included), largest weight, shortest length byte.
        self.last = last
        self.count = count
        self.maxweight = maxweight
        self.minlength = minlength
        self._buf = buf
        # Per block: (data start, data end, compression level) in buf.
        self._spans = spans or []
        self._deleted = deleted
        self._cache: list[tuple[np.ndarray, np.ndarray] | None] = (
            list(decoded) if decoded is not None else [None] * len(last)
        )
        self._all: tuple[np.ndarray, np.ndarray] | None = decoded[0] if decoded else None
        self._undecoded = 0 if decoded is not None else len(last)

    def __len__(self) -> int:
        return len(self.last)

    def decoded(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        """(ids, weights) of block i, decoded on first use."""
        found = self._cache[i]
        if found is None:
            self.decode(range(i, i + 1))
            found = self._cache[i]
            assert found is not None
        return found

    @property
    def has_deletions(self) -> bool:
        """True when deleted documents may be among the blocks' postings."""
        return bool(self._deleted)

    def decoded_count(self) -> int:
        """How many blocks have been decoded so far."""
        return sum(1 for c in self._cache if c is not None)

    def all(self) -> tuple[np.ndarray, np.ndarray]:
        """(ids, weights) of every block."""
        if self._all is None:
            self.decode(range(len(self)))
            if self._all is None:
                parts = [self.decoded(i) for i in range(len(self))]
                self._all = (
                    np.concatenate([p[0] for p in parts]),
                    np.concatenate([p[1] for p in parts]),
                )
        return self._all

    def decode(self, blocks: Iterable[int]) -> None:
        """Decode these blocks (those not decoded yet), together: a few numpy calls for all of them."""
        todo = [i for i in blocks if self._cache[i] is None]
        if not todo:
            return
        counts = self.count[todo].tolist()
        view = memoryview(self._buf)
        raws: list[bytes] = []
        rests: list[Any] = []
        for i, n in zip(todo, counts, strict=True):
            start, end, compression = self._spans[i]
            data = view[start:end]
            if compression:
                # Only the ids and weights are read: the positions after them stay compressed
                # (the decompressor is kept to finish a block read by pickle).
                rest = zlib.decompressobj()
                raws.append(rest.decompress(data, _prefix(n)))
                rests.append(rest)
            else:
                raws.append(bytes(data))
                rests.append(None)

        def whole(k: int) -> bytes:
            rest = rests[k]
            if rest is None:
                return raws[k]
            return raws[k] + rest.decompress(rest.unconsumed_tail) + rest.flush()

        ids, weights = _read_blocks(raws, counts, whole)
        # Each block's first id is whole, the others are deltas from the previous id: a running
        # sum over all the blocks, less what the earlier blocks summed to.
        np.cumsum(ids, out=ids)
        ends = np.cumsum(counts)
        before = np.zeros(len(counts), dtype=np.int64)
        before[1:] = ids[ends[:-1] - 1]
        ids -= np.repeat(before, counts)
        if len(todo) == len(self):
            self._all = _without(ids, weights, self._deleted)
        start = 0
        for i, end in zip(todo, ends.tolist(), strict=True):
            self._cache[i] = _without(ids[start:end], weights[start:end], self._deleted)
            start = end
        self._undecoded -= len(todo)
        if not self._undecoded:
            self._buf = None  # every block is decoded: the raw bytes are not needed again


# Pickle opcodes of the common layout of a block's data (protocol 5, as blocks.py writes it).
_PROTO_5 = b"\x80\x05"
_FRAME = 0x95
_MARK = 0x28
_TUPLE = 0x74
_BININT1, _BININT2, _BININT = 0x4B, 0x4D, 0x4A
_TUPLE_MEMO = b"t\x94"
_NONE, _BINFLOAT = 0x4E, 0x47


def _layout(raw: bytes, n: int) -> tuple[int, int, Any] | None:
    """Where the common layout keeps a block's ids and weights, or None when it is another one.

    The common layout: a protocol-5 pickle whose id tuple is the first id, then deltas
    below 256 (one BININT1 each); its weights are None, one float, or a tuple of floats
    (BINFLOAT each). Returns (first id, where the deltas' opcodes start, weights: None,
    a float, or where the weights' opcodes start as an int). The values (positions) after
    them are never read.
    """
    if n < 4 or raw[:2] != _PROTO_5:
        return None
    p = 11 if raw[2] == _FRAME else 2
    if raw[p] != _MARK:
        return None
    op = raw[p + 1]
    if op == _BININT1:
        first, p = raw[p + 2], p + 3
    elif op == _BININT2:
        first, p = int.from_bytes(raw[p + 2 : p + 4], "little"), p + 4
    elif op == _BININT:
        first, p = int.from_bytes(raw[p + 2 : p + 6], "little", signed=True), p + 6
    else:
        return None
    q = p + 2 * (n - 1)
    if raw[q : q + 2] != _TUPLE_MEMO or len(raw) <= q + 2:
        return None
    op = raw[q + 2]
    if op == _NONE:
        return first, p, None
    if op == _BINFLOAT:
        return first, p, _unpack_double(raw, q + 3)[0]
    end = q + 3 + 9 * n
    if op == _MARK and len(raw) > end and raw[end] == _TUPLE:
        return first, p, q + 3
    return None


def _prefix(n: int) -> int:
    """Bytes of a block's data of n postings that hold its ids and weights in the common layout.

    The pickle's frame and first id (at most 17 bytes), one 2-byte delta per later id, the
    tuple's end (2), then the weights: a tuple of 9-byte floats and its end, with room to spare.
    """
    return 11 * n + 32


def _steps(lengths: np.ndarray) -> np.ndarray:
    """0, 1, ... within each run of the given lengths, for all runs one after another."""
    return np.arange(int(lengths.sum())) - np.repeat(np.cumsum(lengths) - lengths, lengths)


def _read_blocks(
    raws: list[bytes], counts: list[int], whole: Callable[[int], bytes] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """The ids (each block's first whole, then deltas) and weights of blocks' data, in order.

    Blocks of the common layout (`_layout`) are read together in a few numpy passes over
    their joined bytes; others, and any whose deltas do not all fit a byte, by pickle.
    `whole(k)`: the k-th block's whole data when `raws` hold only its start (`_prefix`).
    """
    n = np.array(counts, dtype=np.int64)
    out_at = np.cumsum(n) - n
    ids = np.empty(int(n.sum()), dtype=np.int64)
    weights = np.ones(len(ids), dtype=np.float64)
    layouts = [_layout(raw, c) for raw, c in zip(raws, counts, strict=True)]
    quick = [k for k, found in enumerate(layouts) if found is not None]
    slow = [k for k, found in enumerate(layouts) if found is None]
    if quick:
        joined = np.frombuffer(b"".join(raws[k] for k in quick), dtype=np.uint8)
        sizes = np.array([len(raws[k]) for k in quick], dtype=np.int64)
        base = np.cumsum(sizes) - sizes
        found = [f for f in layouts if f is not None]
        qn = n[quick]
        rest = qn - 1
        step = _steps(rest)
        at = np.repeat(base + np.array([f[1] for f in found]), rest) + 2 * step
        fits = np.logical_and.reduceat(joined[at] == _BININT1, np.cumsum(rest) - rest)
        good = np.flatnonzero(fits)
        slow += [quick[k] for k in np.flatnonzero(~fits).tolist()]
        every = len(quick) == len(raws) and len(good) == len(quick)
        if len(good):
            starts = out_at[quick]
            if every:
                # The usual case, every block read here: the deltas fill all but each first slot.
                later = np.ones(len(ids), dtype=bool)
                later[starts] = False
                ids[later] = joined[at + 1]
            else:
                keep = np.repeat(fits, rest)
                ids[(np.repeat(starts + 1, rest) + step)[keep]] = joined[at[keep] + 1]
            ids[starts[good]] = [found[k][0] for k in good.tolist()]
            for k in good.tolist():
                kind = found[k][2]
                if isinstance(kind, float):
                    weights[starts[k] : starts[k] + qn[k]] = kind
            tupled = [k for k in good.tolist() if isinstance(found[k][2], int)]
            if tupled:
                tn = qn[tupled]
                tstep = _steps(tn)
                first_op = (
                    np.repeat(
                        base[tupled] + np.array([found[k][2] for k in tupled]),
                        tn,
                    )
                    + 9 * tstep
                )
                floats_ok = np.logical_and.reduceat(
                    joined[first_op] == _BINFLOAT, np.cumsum(tn) - tn
                )
                if not floats_ok.all():
                    slow += [quick[tupled[k]] for k in np.flatnonzero(~floats_ok).tolist()]
                # Each weight's 8 bytes as one row of a sliding window over the bytes (no copy):
                # one gather of rows, then read as big-endian doubles.
                rows = np.lib.stride_tricks.sliding_window_view(joined, 8)
                values = rows[first_op + 1].view(">f8").ravel().astype(np.float64)
                if every and len(tupled) == len(good):
                    weights = values  # every block has a tuple of weights: they are in order
                else:
                    weights[np.repeat(starts[tupled], tn) + tstep] = values
    for k in slow:
        raw_ids, raw_weights = pickle_loads(raws[k] if whole is None else whole(k))[:2]
        start, end = int(out_at[k]), int(out_at[k] + n[k])
        ids[start:end] = raw_ids
        weights[start:end] = 1.0 if raw_weights is None else raw_weights
    return ids, weights


def _without(ids: np.ndarray, weights: np.ndarray, deleted: Any) -> tuple[np.ndarray, np.ndarray]:
    """The postings minus those of deleted documents."""
    if not deleted:
        return ids, weights
    gone = np.fromiter(deleted, dtype=np.int64, count=len(deleted))
    keep = ~np.isin(ids, gone)
    return ids[keep], weights[keep]


def _whole(ids: Any, weights: Any) -> SegmentBlocks:
    """Postings already decoded, as one block."""
    ids_np = np.asarray(ids, dtype=np.int64)
    weights_np = np.asarray(weights, dtype=np.float64)
    if not len(ids_np):
        return SegmentBlocks(
            _EMPTY_IDS, np.zeros(0, np.int64), _EMPTY_WEIGHTS, np.zeros(0, np.uint8)
        )
    return SegmentBlocks(
        np.array([ids_np[-1]], dtype=np.int64),
        np.array([len(ids_np)], dtype=np.int64),
        np.array([weights_np.max()], dtype=np.float64),
        # Length byte 0: the bound assumes the shortest field, which holds for every document.
        np.zeros(1, dtype=np.uint8),
        decoded=[(ids_np, weights_np)],
    )


def segment_blocks(leaf: Any, fieldname: str, text: Any) -> SegmentBlocks:
    """The blocks of a term in one segment (empty when the segment lacks it)."""
    postfile = getattr(getattr(leaf, "_terms", None), "_postfile", None)
    if postfile is None or fieldname not in leaf.schema or getattr(leaf, "is_closed", False):
        return _whole(*segment_postings(leaf, fieldname, text))
    try:
        info = leaf.term_info(fieldname, text)
    except TermNotFound:
        return _whole([], [])
    if not isinstance(info, W3TermInfo) or info.is_inlined():
        return _whole(*segment_postings(leaf, fieldname, text))
    buf = extent_bytes(postfile, *info.extent())
    table = block_table(buf)
    spans = list(
        zip(table.start.tolist(), table.end.tolist(), table.compression.tolist(), strict=True)
    )
    deleted = deleted_docs(leaf)
    return SegmentBlocks(
        table.last,
        table.postings,
        table.maxweight,
        table.minlength.astype(np.uint8),
        buf,
        spans,
        deleted,
    )
