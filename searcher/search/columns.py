"""Per-document columns of a generation: each document's facet values and publication day.

Read from the columns stored beside each segment (searcher.index.columns, memory-mapped),
or computed from a segment's postings when it has none (an index written before them).
Deleted documents have no values and no day.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import numpy as np

from ..index.columns import (
    NO_DAY,
    NO_VALUE,
    SEVERAL,
    SegmentFacet,
    compute_days,
    compute_facet,
    compute_story_keys,
    facet_of_pairs,
    open_columns,
)

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
class FacetColumn:
    """Each document's facet values as ordinals of `values`.

    `single` holds the one ordinal of most documents (NO_VALUE: none; SEVERAL: look in the
    pairs), and (pair_docs, pair_values) the values of documents with several, sorted by document.
    """

    values: list[str]
    single: np.ndarray
    pair_docs: np.ndarray
    pair_values: np.ndarray

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
        return cls(names, facet.single, facet.pair_docs.astype(np.int64), facet.pair_values)

    def __len__(self) -> int:
        return int(self.single.size)

    def counts(self, docs: np.ndarray | None = None) -> np.ndarray:
        """How many of the documents (all when None) hold each value, by ordinal."""
        single = self.single if docs is None else self.single[docs]
        out = np.bincount(single[single >= 0], minlength=len(self.values))
        if self.pair_docs.size:
            if docs is None:
                several = self.pair_values
            else:
                wanted = np.zeros(self.single.size, dtype=bool)
                wanted[docs] = True
                several = self.pair_values[wanted[self.pair_docs]]
            out += np.bincount(several, minlength=len(self.values))
        return out

    def pairs_of(self, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(document, ordinal) of each value each of the documents holds, as two arrays."""
        single = self.single[docs]
        one = single >= 0
        if not self.pair_docs.size:
            return docs[one], single[one]
        wanted = np.zeros(self.single.size, dtype=bool)
        wanted[docs] = True
        several = wanted[self.pair_docs]
        return (
            np.concatenate([docs[one], self.pair_docs[several]]),
            np.concatenate([single[one], self.pair_values[several]]),
        )

    def docs_with(self, ordinal: int, docs: np.ndarray) -> np.ndarray:
        """The documents among `docs` (sorted) that hold the value with this ordinal."""
        mine = docs[self.single[docs] == ordinal]
        if self.pair_docs.size:
            holders = self.pair_docs[self.pair_values == ordinal]
            mine = np.union1d(mine, np.intersect1d(holders, docs))
        return mine


def facet_column(reader, fieldname: str) -> FacetColumn:
    """For each document number, its values of a facet field.

    Spellings that differ only by accents or case ("Anders Lovholt" on a page that
    drops diacritics, "Anders Løvholt" elsewhere) are one person: they count as one
    value, shown in the spelling most documents use (the accented one on a tie).
    """
    segments = []
    for leaf, offset in reader.leaf_readers():
        segments.append((_without_deleted(leaf, _segment_facet(leaf, fieldname)), offset))
    # Documents per spelling, over every segment, and the spelling each folded name shows.
    raw_counts: dict[str, int] = {}
    keys: dict[str, str] = {}
    for facet, _offset in segments:
        counts = np.bincount(facet.single[facet.single >= 0], minlength=len(facet.values))
        if facet.pair_docs.size:
            counts += np.bincount(facet.pair_values, minlength=len(facet.values))
        for value, key, n in zip(facet.values, facet.keys, counts.tolist(), strict=True):
            raw_counts[value] = raw_counts.get(value, 0) + n
            keys[value] = key
    spellings: dict[str, list[str]] = {}
    for value, n in raw_counts.items():
        if n:
            spellings.setdefault(keys[value], []).append(value)
    best = {
        key: max(variants, key=lambda v: (raw_counts[v], not v.isascii(), v))
        for key, variants in spellings.items()
    }
    shown = sorted(best.values())
    index = {v: i for i, v in enumerate(shown)}
    ordinal = {v: index[best[key]] for key, variants in spellings.items() for v in variants}
    singles, pair_docs, pair_ords = [], [], []
    for facet, offset in segments:
        remap = np.array(
            [SEVERAL, NO_VALUE] + [ordinal.get(v, NO_VALUE) for v in facet.values], dtype=np.int32
        )
        singles.append(remap[facet.single + 2])
        pair_docs.append(facet.pair_docs + offset if offset else facet.pair_docs)
        pair_ords.append(remap[facet.pair_values + 2])
    single = _joined(singles, np.dtype(np.int32))
    docs = _joined(pair_docs, np.dtype(np.int64))
    ords = _joined(pair_ords, np.dtype(np.int64))
    # Two spellings of one value in a document count once, and a document left with one value
    # is single: only values spelt several ways can repeat, so only their pairs are sorted.
    width = max(len(shown), 1)
    merged = np.zeros(width, dtype=bool)
    merged[[index[best[key]] for key, variants in spellings.items() if len(variants) > 1]] = True
    again = merged[ords]
    if again.any():
        pairs = _distinct(docs[again] * width + ords[again])
        docs = np.concatenate([docs[~again], pairs // width])
        ords = np.concatenate([ords[~again], pairs % width])
        per_doc = np.bincount(docs, minlength=single.size)
        one = per_doc[docs] == 1
        single[docs[one]] = ords[one]
        docs, ords = docs[~one], ords[~one]
    return FacetColumn(shown, single, docs, ords.astype(np.int32))


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
    stored = open_columns(leaf)
    facet = stored.facet(fieldname) if stored is not None else None
    return facet if facet is not None else compute_facet(leaf, fieldname)


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
        stored = open_columns(leaf)
        days = stored.days() if stored is not None else compute_days(leaf)
        if leaf.has_deletions():
            days = np.where(_live_mask(leaf), days, NO_DAY)
        parts.append(days)
    return _joined(parts, np.dtype(np.int32))


def story_column(reader) -> np.ndarray:
    """For each document number, the 64-bit key of the story it is a copy of (0: none)."""
    parts = []
    for leaf, _offset in reader.leaf_readers():
        stored = open_columns(leaf)
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
    empty = np.zeros(0, dtype=np.int64)
    return FacetColumn(labels, single, empty, empty.astype(np.int32))


__all__ = [
    "NO_DAY",
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
