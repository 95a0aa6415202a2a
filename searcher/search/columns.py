"""Per-document columns of a generation: each document's facet values and publication day.

Read from the columns stored beside each segment (searcher.index.columns, memory-mapped),
or computed from a segment's postings when it has none (an index written before them).
Deleted documents have no values and no day.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from weakref import WeakKeyDictionary

import numpy as np

from ..index.columns import (
    NO_DAY,
    NO_VALUE,
    SEVERAL,
    SegmentFacet,
    StoredColumns,
    compute_days,
    compute_facet,
    compute_story_keys,
    facet_of_pairs,
    open_columns,
)

# Each segment reader's stored columns (a reader of a new generation opens its own).
_OPENED: WeakKeyDictionary[Any, StoredColumns | None] = WeakKeyDictionary()
# Day ordinal of 1970-01-01: numpy's datetime64[D] counts from there.
_EPOCH = date(1970, 1, 1).toordinal()


def field_values(reader, fieldname: str) -> list[str]:
    """Every distinct term of a field, as text."""
    if fieldname not in reader.schema.names():
        return []
    out = []
    for term in reader.lexicon(fieldname):
        out.append(term.decode("utf-8") if isinstance(term, bytes) else term)
    return out


def doc_array(docs: Iterable[int]) -> np.ndarray:
    """Document numbers as an int64 array (from a set, a list or an array)."""
    if isinstance(docs, np.ndarray):
        return docs.astype(np.int64, copy=False)
    items = docs if isinstance(docs, (set, frozenset, list, tuple)) else list(docs)
    return np.fromiter(items, dtype=np.int64, count=len(items))


@dataclass
class ColumnPart:
    """One segment's share of a facet column: its documents' ordinals as stored, and the column's for them.

    `single` holds each document's one ordinal (NO_VALUE: none; SEVERAL: look in the pairs),
    (pair_docs, pair_values) the values of documents with several, sorted by document;
    all are the segment's own (documents from 0, its value ordinals). `remap` turns its
    ordinals into the column's (NO_VALUE: not counted), None when they are the same;
    `merges` says two of its ordinals are one value of the column (two spellings of a name).
    """

    offset: int
    single: np.ndarray
    pair_docs: np.ndarray
    pair_values: np.ndarray
    remap: np.ndarray | None = None
    merges: bool = False
    _pair_docs: np.ndarray | None = field(default=None, repr=False, compare=False)

    def pairs_of(self, local: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
        """(document, column ordinal) of each value the documents (the segment's numbers; None: all) hold."""
        if local is None:
            one = self.single >= 0
            docs, ords = np.flatnonzero(one), self.single[one]
            docs = np.concatenate([docs, self.pair_docs])
            ords = np.concatenate([ords, self.pair_values])
        else:
            single = self.single[local]
            one = single >= 0
            docs, ords = local[one], single[one]
            if self.pair_docs.size:
                rows = self._rows(local, single)
                docs = np.concatenate([docs, self.pair_docs[rows]])
                ords = np.concatenate([ords, self.pair_values[rows]])
        docs, ords = docs.astype(np.int64, copy=False), ords.astype(np.int64, copy=False)
        if self.remap is not None:
            ords = self.remap[ords].astype(np.int64, copy=False)
            kept = ords >= 0
            docs, ords = docs[kept], ords[kept]
            if self.merges:
                # Two spellings of one value in a document count once.
                width = int(ords.max()) + 1 if ords.size else 1
                both = _distinct(docs * width + ords)
                docs, ords = both // width, both % width
        return docs + self.offset if self.offset else docs, ords

    def counts(self, local: np.ndarray | None, width: int) -> np.ndarray:
        """How many of the documents (the segment's numbers; None: all) hold each of the column's `width` values."""
        if self.merges:
            return np.bincount(self.pairs_of(local)[1], minlength=width)
        size = width if self.remap is None else self.remap.size
        single = self.single if local is None else self.single[local]
        own = np.bincount(single[single >= 0], minlength=size)
        if self.pair_docs.size:
            several = (
                self.pair_values if local is None else self.pair_values[self._rows(local, single)]
            )
            own += np.bincount(several, minlength=size)
        if self.remap is None:
            return own
        kept = self.remap >= 0
        return np.bincount(self.remap[kept], weights=own[kept], minlength=width).astype(np.int64)

    def _rows(self, local: np.ndarray, single: np.ndarray) -> np.ndarray:
        """Which pairs are of these documents (their `single` ordinals given): a mask or positions."""
        if self._pair_docs is None:
            # The stored pairs are (document, ordinal) rows: a strided view of their documents
            # is bisected about a hundred times slower, and indexes slower, than an array of its own.
            self._pair_docs = np.ascontiguousarray(self.pair_docs, dtype=np.int64)
        keys = self._pair_docs
        if local.size * 2 * keys.size.bit_length() > keys.size:
            # Many documents: one pass over the pairs costs less than bisecting for each.
            wanted = np.zeros(self.single.size, dtype=bool)
            wanted[local] = True
            mask: np.ndarray = wanted[keys]
            return mask
        several = local[single == SEVERAL]
        start = np.searchsorted(keys, several, "left")
        lengths = np.searchsorted(keys, several, "right") - start
        before = np.cumsum(lengths) - lengths
        return np.repeat(start - before, lengths) + np.arange(int(lengths.sum()))


@dataclass
class FacetColumn:
    """Each document's facet values, as ordinals of `values`, in one part per segment.

    The parts are the segments' stored columns as they are (memory-mapped): making a
    column costs what its values do, and a question about some documents reads theirs.
    """

    values: list[str]
    parts: list[ColumnPart]
    size: int

    @classmethod
    def of(cls, values: list[tuple[str, ...]]) -> FacetColumn:
        """The column of per-document value tuples."""
        names = sorted({v for vs in values for v in vs})
        ordinal = {v: i for i, v in enumerate(names)}
        docs = [d for d, vs in enumerate(values) for _ in vs]
        ords = [ordinal[v] for vs in values for v in vs]
        facet = facet_of_pairs(
            names, len(values), np.array(docs, dtype=np.int64), np.array(ords, dtype=np.int32)
        )
        return cls(
            names, [ColumnPart(0, facet.single, facet.pair_docs, facet.pair_values)], len(values)
        )

    def __len__(self) -> int:
        return self.size

    def pairs_of(self, docs: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
        """(document, ordinal) of each value each of the documents (None: every one) holds, as two arrays."""
        found = [part.pairs_of(local) for part, local in self._split(docs)]
        if len(found) == 1:
            return found[0]
        return (
            _joined([held for held, _ords in found], np.dtype(np.int64)),
            _joined([ords for _held, ords in found], np.dtype(np.int64)),
        )

    def counts(self, docs: np.ndarray | None = None) -> np.ndarray:
        """How many of the documents (all when None) hold each value, by ordinal."""
        out = np.zeros(len(self.values), dtype=np.int64)
        for part, local in self._split(docs):
            out += part.counts(local, len(self.values))
        return out

    def _split(self, docs: np.ndarray | None) -> list[tuple[ColumnPart, np.ndarray | None]]:
        """Each part with the documents (None: all) that are its own, numbered from its first."""
        wanted = None if docs is None else doc_array(docs)
        if wanted is None or (len(self.parts) == 1 and not self.parts[0].offset):
            return [(part, wanted) for part in self.parts]
        out: list[tuple[ColumnPart, np.ndarray | None]] = []
        for part in self.parts:
            end = part.offset + part.single.size
            out.append((part, wanted[(wanted >= part.offset) & (wanted < end)] - part.offset))
        return out

    def docs_with(self, ordinal: int, docs: np.ndarray) -> np.ndarray:
        """The documents among `docs` (sorted) that hold the value with this ordinal."""
        held, ords = self.pairs_of(docs)
        return _distinct(held[ords == ordinal])


def facet_column(reader, fieldname: str) -> FacetColumn:
    """For each document number, its values of a facet field.

    Spellings that differ only by accents or case ("Anders Lovholt" on a page that
    drops diacritics, "Anders Løvholt" elsewhere) are one person: they count as one
    value, shown in the spelling most documents use (the accented one on a tie).
    """
    segments = [
        (_without_deleted(leaf, _segment_facet(leaf, fieldname)), offset, leaf.has_deletions())
        for leaf, offset in reader.leaf_readers()
    ]
    spellings: dict[str, set[str]] = {}
    for facet, _offset, _deleted in segments:
        for value, key in zip(facet.values, facet.keys, strict=True):
            spellings.setdefault(key, set()).add(value)
    # Documents per spelling: asked only when a name has several spellings, or when a
    # segment has deleted documents (a value only they held is no value), as it reads every document.
    counts: dict[str, int] = {}
    if any(len(v) > 1 for v in spellings.values()) or any(d for *_, d in segments):
        for facet, _offset, _deleted in segments:
            for value, n in zip(facet.values, _value_counts(facet).tolist(), strict=True):
                counts[value] = counts.get(value, 0) + n
    best = {}
    for key, variants in spellings.items():
        present = [v for v in variants if counts.get(v, 1)]
        if present:
            best[key] = max(present, key=lambda v: (counts.get(v, 1), not v.isascii(), v))
    shown = sorted(best.values())
    index = {v: i for i, v in enumerate(shown)}
    parts = []
    for facet, offset, _deleted in segments:
        remap = np.array(
            [
                index[best[key]] if counts.get(v, 1) else NO_VALUE
                for v, key in zip(facet.values, facet.keys, strict=True)
            ],
            dtype=np.int64,
        )
        kept = remap[remap >= 0]
        same = remap.size == len(shown) and np.array_equal(remap, np.arange(remap.size))
        merges = _distinct(kept).size < kept.size
        single, docs, ords = facet.single, facet.pair_docs, facet.pair_values
        parts.append(ColumnPart(offset, single, docs, ords, None if same else remap, merges))
    return FacetColumn(shown, parts, reader.doc_count_all())


def _value_counts(facet: SegmentFacet) -> np.ndarray:
    """How many documents of a segment hold each of its values."""
    counts = np.bincount(facet.single[facet.single >= 0], minlength=len(facet.values))
    if facet.pair_docs.size:
        counts += np.bincount(facet.pair_values, minlength=len(facet.values))
    return counts


def _joined(parts: list[np.ndarray], dtype) -> np.ndarray:
    """The parts end to end as one array of this type (one part of that type: itself, not a copy)."""
    if len(parts) == 1 and parts[0].dtype == dtype:
        return parts[0]
    return np.concatenate(parts).astype(dtype, copy=False) if parts else np.zeros(0, dtype)


def _distinct(values: np.ndarray) -> np.ndarray:
    """The sorted distinct values (np.unique without its first call's import of numpy.ma)."""
    ordered = np.sort(values)
    if ordered.size < 2:
        return ordered
    return ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))]


def _segment_facet(leaf, fieldname: str) -> SegmentFacet:
    stored = _stored(leaf)
    facet = stored.facet(fieldname) if stored is not None else None
    return facet if facet is not None else compute_facet(leaf, fieldname)


def _stored(leaf) -> StoredColumns | None:
    """A segment reader's stored columns, opened once for all the columns read from it."""
    try:
        return _OPENED[leaf]
    except KeyError:
        stored = _OPENED[leaf] = open_columns(leaf)
        return stored


def _without_deleted(leaf, facet: SegmentFacet) -> SegmentFacet:
    """A segment's facet with the values of its deleted documents dropped."""
    if not leaf.has_deletions():
        return facet
    live = _live_mask(leaf)
    keep = live[facet.pair_docs]
    single = np.where(live, facet.single, NO_VALUE).astype(np.int32)
    return SegmentFacet(
        facet.values, facet.keys, single, facet.pair_docs[keep], facet.pair_values[keep]
    )


def _live_mask(leaf) -> np.ndarray:
    """True for each document of a segment that is not deleted."""
    live = np.ones(leaf.doc_count_all(), dtype=bool)
    if leaf.has_deletions():
        deleted = np.fromiter(leaf.segment().deleted_docs(), dtype=np.int64)
        live[deleted[deleted < live.size]] = False
    return live


def day_column(reader) -> np.ndarray:
    """For each document number, its publication day as a date ordinal (NO_DAY: undated or deleted)."""
    parts = []
    for leaf, _offset in reader.leaf_readers():
        stored = _stored(leaf)
        days = stored.days() if stored is not None else compute_days(leaf)
        if leaf.has_deletions():
            days = np.where(_live_mask(leaf), days, NO_DAY)
        parts.append(days)
    return _joined(parts, np.dtype(np.int32))


def story_column(reader) -> np.ndarray:
    """For each document number, the 64-bit key of the story it is a copy of (0: none)."""
    parts = []
    for leaf, _offset in reader.leaf_readers():
        stored = _stored(leaf)
        parts.append(stored.story_keys() if stored is not None else compute_story_keys(leaf))
    return _joined(parts, np.dtype(np.int64))


def period_codes(days: np.ndarray, by: str) -> np.ndarray:
    """Each day's period as an integer counting periods (-1 when undated): day ordinal, week, month or year.

    Weeks start on Mondays (ordinal 1, 0001-01-01, is a Monday); months count from year 0.
    """
    dated = days != NO_DAY
    codes = np.full(days.size, -1, dtype=np.int64)
    d = days[dated].astype(np.int64)
    if by == "day":
        codes[dated] = d
    elif by == "week":
        codes[dated] = (d - 1) // 7
    else:
        moments = (d - _EPOCH).astype("datetime64[D]")
        if by == "month":
            codes[dated] = moments.astype("datetime64[M]").astype(np.int64) + 1970 * 12
        else:
            codes[dated] = moments.astype("datetime64[Y]").astype(np.int64) + 1970
    return codes


def period_column(days: np.ndarray, name: str) -> FacetColumn:
    """For each document number, its year ("2015") or month ("2015-12") as a facet column."""
    codes = period_codes(days, name)
    present = _distinct(codes[codes >= 0])
    labels = [
        f"{c:04d}" if name == "year" else f"{c // 12:04d}-{c % 12 + 1:02d}"
        for c in present.tolist()
    ]
    single = np.full(codes.size, NO_VALUE, dtype=np.int32)
    dated = codes >= 0
    single[dated] = np.searchsorted(present, codes[dated])
    empty = np.zeros(0, dtype=np.int32)
    return FacetColumn(labels, [ColumnPart(0, single, empty, empty)], int(codes.size))


__all__ = [
    "NO_DAY",
    "ColumnPart",
    "SEVERAL",
    "FacetColumn",
    "day_column",
    "doc_array",
    "facet_column",
    "field_values",
    "period_codes",
    "period_column",
    "story_column",
]
