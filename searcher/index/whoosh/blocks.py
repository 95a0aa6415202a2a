"""Posting lists written in Whoosh's W3 block format, with their terms table rows.

A term's postings arrive as ((field, term bytes), docnums, weights or None, values or
None), already in document order; the vocabulary field's arrive as its document
frequency alone. The block layout and the terms table row are the ones the package
docstring describes.
"""

from __future__ import annotations

import heapq
import pickle
import struct
import zlib
from array import array
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from ..gcpause import no_gc

BLOCK_LIMIT = 128
COMPRESSION = 3
# Blocks up to this many bytes are stored uncompressed (readers look at the block's flag).
SMALL_BLOCK = 96
# Terms with at most this many postings are stored inside the terms table.
INLINE_LIMIT = 1
# Posting lists at least this long get their block statistics from numpy.
NUMPY_POSTINGS = 256

_dumps = pickle.dumps
# Readers unpickle any protocol; protocol 2 (what Whoosh writes) stores bytes as latin-1 text.
_PROTOCOL = pickle.HIGHEST_PROTOCOL


def write_group(
    runs: list[Iterator[tuple]], schema: Any, field_lengths: dict, path: Path, lexicon: str
) -> None:
    """Merge runs into `<path>.pst` (postings from offset 0) and `<path>.rows` (terms table
    rows in (field, term) order, written as they are made: see read_batches)."""
    from whoosh.filedb.structfile import StructFile

    with no_gc(), open(f"{path}.rows", "wb", buffering=1 << 16) as rows:
        postfile = StructFile(open(f"{path}.pst", "wb", buffering=1 << 20))
        writer = TermWriter(postfile, schema, field_lengths, lexicon, RowSpill(rows))
        pending: list[tuple] = []
        pending_key: Any = None
        for item in heapq.merge(*runs, key=lambda item: item[0]):
            if item[0] != pending_key:
                if pending:
                    writer.write_term(pending_key, pending)
                pending = []
                pending_key = item[0]
            pending.append(item)
        if pending:
            writer.write_term(pending_key, pending)
        writer.spill.flush()
        postfile.close()


# Terms table rows are written to and read from a group's rows file in batches of this many.
ROW_BATCH = 4096


class RowSpill:
    """Terms table rows (field, term, terminfo bytes) written to a file in batches as they
    come: a segment's rows are never all in memory (there is one or more per article)."""

    def __init__(self, handle: Any):
        self.handle = handle
        self.batch: list[tuple[str, bytes, bytes]] = []

    def append(self, row: tuple[str, bytes, bytes]) -> None:
        """Add a row (rows come in (field, term) order)."""
        self.batch.append(row)
        if len(self.batch) >= ROW_BATCH:
            self.flush()

    def flush(self) -> None:
        """Write the rows added since the last flush."""
        if self.batch:
            pickle.dump(self.batch, self.handle, protocol=pickle.HIGHEST_PROTOCOL)
            self.batch = []


def read_batches(path: str | Path) -> Iterator[Any]:
    """The items of a file of pickled batches (lists), in order, one batch in memory at a time."""
    with open(path, "rb", buffering=1 << 16) as handle:
        while True:
            try:
                # pickle.load per batch: an Unpickler's memo would hold the whole file.
                batch = pickle.load(handle)
            except EOFError:
                return
            yield from batch


class TermWriter:
    """Writes merged posting lists in Whoosh's W3 block format, and hands their terms table
    rows ((field, term, terminfo bytes), offsets into its postings file) to `spill`."""

    def __init__(
        self,
        postfile: Any,
        schema: Any,
        field_lengths: dict[str, array],
        lexicon: str,
        spill: Any,
    ):
        from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC
        from whoosh.util.numeric import length_to_byte

        self.postfile = postfile
        self.spill = spill
        self.schema = schema
        self.field_lengths = field_lengths
        # The vocabulary field: its terms get document frequencies and no postings.
        self.lexicon = lexicon
        self.magic = WHOOSH3_HEADER_MAGIC
        self.length_to_byte = length_to_byte
        self.field: str | None = None
        self.fixed: int | None = None
        self.lengths: array | None = None
        self.lengths_np: np.ndarray | None = None

    def _start_field(self, name: str) -> None:
        fieldobj = self.schema[name]
        self.field = name
        self.fixed = fieldobj.format.fixed_value_size()
        self.lengths = self.field_lengths.get(name)
        self.lengths_np = (
            None if self.lengths is None else np.frombuffer(self.lengths, dtype=np.uint32)
        )

    def write_term(self, key: tuple[str, bytes], parts: list[tuple]) -> None:
        """Write one term's postings, gathered from the runs that have it (in docnum order)."""
        field, term = key
        if field != self.field:
            self._start_field(field)
        if field == self.lexicon:
            # Readers combining several segments' stats need ids; no postings point anywhere.
            df = sum(part[1] for part in parts)
            self.spill.append(
                (field, term, terminfo(True, float(df), df, 0, 0, 1.0, 0, 0, _EMPTY_INLINE))
            )
            return
        if len(parts) == 1:
            _, ids, weights, values = parts[0]
        else:
            ids = array("I")
            for part in parts:
                ids.extend(part[1])
            if parts[0][2] is None:
                weights = values = None
            else:
                weights, values = array("f"), []
                for part in parts:
                    weights.extend(part[2])
                    values.extend(part[3])
        n = len(ids)
        if weights is None:
            total, maxweight = float(n), 1.0
        else:
            total, maxweight = float(sum(weights)), max(weights)
        if n <= INLINE_LIMIT:
            flen = self.lengths
            length = flen[ids[0]] if flen is not None else None
            inlined = _dumps(
                (
                    tuple(ids),
                    tuple(weights) if weights is not None else (1.0,) * n,
                    tuple(values) if values is not None else (b"",) * n,
                ),
                2,
            )
            to_byte = self.length_to_byte
            self.spill.append(
                (
                    field,
                    term,
                    terminfo(
                        True,
                        total,
                        n,
                        0 if length is None else to_byte(length),
                        to_byte(length or 0),
                        maxweight,
                        ids[0],
                        ids[-1],
                        inlined,
                    ),
                )
            )
            return
        minlength, maxlength, start, size = self._write_blocks(ids, weights, values)
        self.spill.append(
            (
                field,
                term,
                terminfo(
                    False,
                    total,
                    n,
                    minlength,
                    maxlength,
                    maxweight,
                    ids[0],
                    ids[-1],
                    _OFFSET.pack(start) + _LENGTH.pack(size),
                ),
            )
        )

    def _write_blocks(
        self, ids: array, weights: array | None, values: list | None
    ) -> tuple[int, int, int, int]:
        """Write a posting list as blocks; returns (min length byte, max length byte, offset, size)."""
        n = len(ids)
        postfile = self.postfile
        to_byte = self.length_to_byte
        start = postfile.tell()
        postfile.write(self.magic)
        fixed = self.fixed
        # Only fields without values (fixed size 0) come without them.
        vals = values if values is not None else []
        cuts = range(0, n, BLOCK_LIMIT)
        # Per-block statistics of long lists in a few numpy passes; short ones in Python.
        if n >= NUMPY_POSTINGS:
            ids_np = np.frombuffer(ids, dtype=np.uint32)
            deltas_np = ids_np.astype(np.int64)
            deltas_np[1:] -= ids_np[:-1]
            deltas_np[cuts] = ids_np[cuts]
            deltas_all = deltas_np.tolist()
            if self.lengths_np is not None:
                lengths_np = self.lengths_np[ids_np]
                block_min = np.minimum.reduceat(lengths_np, cuts).tolist()
                block_max = np.maximum.reduceat(lengths_np, cuts).tolist()
        else:
            deltas_all = None
            if self.lengths is not None:
                flen = self.lengths
                doc_lengths = [flen[i] for i in ids]
        min_byte, max_byte = 255, 0
        for k, b in enumerate(cuts):
            e = b + BLOCK_LIMIT
            bids = ids[b:e]
            if deltas_all is not None:
                deltas = tuple(deltas_all[b:e])
            else:
                deltas = (bids[0], *[y - x for x, y in zip(bids, bids[1:], strict=False)])
            if weights is None:
                mw, maxw = None, 1.0
            else:
                bw = weights[b:e]
                first = bw[0]
                maxw = max(bw)
                if maxw == 1.0 and min(bw) == 1.0:
                    mw = None
                elif maxw == first and min(bw) == first:
                    mw = first
                else:
                    mw = tuple(bw)
            mv: Any
            if fixed is None or fixed < 0:
                mv = tuple(vals[b:e])
            elif fixed == 0:
                mv = None
            else:
                mv = b"".join(vals[b:e])
            data = _dumps((deltas, mw, mv), _PROTOCOL)
            # Small blocks (most of them: rare terms) gain nothing from zlib but cost its time.
            comp = COMPRESSION if len(data) > SMALL_BLOCK else 0
            if comp:
                data = zlib.compress(data, comp)
            if self.lengths is None:
                minl = maxl = 0
            elif deltas_all is not None:
                minl, maxl = to_byte(block_min[k]), to_byte(block_max[k])
            else:
                bl = doc_lengths[b:e]
                minl, maxl = to_byte(min(bl)), to_byte(max(bl))
            if self.lengths is not None:
                min_byte = min(min_byte, minl)
                max_byte = max(max_byte, maxl)
            blockinfo = _dumps((len(bids), bids[-1], maxw, comp, minl, maxl), 2)
            size = len(blockinfo) + len(data)
            postfile.write_int(-size if e >= n else size)
            postfile.write(blockinfo)
            postfile.write(data)
        if self.lengths is None:
            min_byte = 0
        return min_byte, max_byte, start, postfile.tell() - start


# W3TermInfo's fixed part: flags, total weight, doc frequency, min and max length
# bytes, max weight, first and last id; then inlined postings or offset and size.
_TERMINFO = struct.Struct("!BfIBBfII")
_OFFSET = struct.Struct("!q")
_LENGTH = struct.Struct("!i")
_EMPTY_INLINE = pickle.dumps(((), (), ()), 2)
# Where a terms-table row keeps its postings offset: after the W3TermInfo struct.
_OFFSET_AT = _TERMINFO.size


def terminfo(
    inlined: bool,
    weight: float,
    df: int,
    minlength: int,
    maxlength: int,
    maxweight: float,
    minid: int,
    maxid: int,
    tail: bytes,
) -> bytes:
    """A terms table row's value, as W3TermInfo.to_bytes writes it."""
    return _TERMINFO.pack(inlined, weight, df, minlength, maxlength, maxweight, minid, maxid) + tail


def rebased(
    rows: Iterator[tuple[str, bytes, bytes]], base: int
) -> Iterator[tuple[str, bytes, bytes]]:
    """Terms table rows with their postings offsets moved by `base` (inlined rows as they are)."""
    for field, term, info in rows:
        if info[0] == 0 and base:  # not inlined: move the postings offset
            offset = _OFFSET.unpack_from(info, _OFFSET_AT)[0] + base
            info = info[:_OFFSET_AT] + _OFFSET.pack(offset) + info[_OFFSET_AT + _OFFSET.size :]
        yield field, term, info
