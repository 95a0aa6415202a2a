"""Per-segment columns stored beside each Whoosh segment: facet ordinals and publication days.

Facets, date filters, date sorts and the timeline read each document's facet values and
day. Inverting the postings of every facet value (and decoding every stored date) costs
seconds at a million articles, so each committed segment gets one file,
`<segment id>.cols`, computed from the written segment and memory-mapped on open:

    8 bytes   MAGIC (version in it)
    arrays    little-endian, each 8-byte aligned: "days" (int32 day ordinal per document,
              NO_DAY when undated), "stories" (int64 hash of each document's cluster id,
              see compute_story_keys) and per facet field "<field>.single" (int32 value
              ordinal per document; NO_VALUE, or SEVERAL when the document has more than
              one) and "<field>.pairs" ((document, ordinal) int32 pairs of those documents)
    JSON      {"docs": n, "arrays": {name: [dtype, offset, shape]},
               "values": {field: [each distinct value, in term order]},
               "keys": {field: [each value folded (accents, case), in the same order]}}
    8 bytes   the JSON's offset (little-endian uint64)

The name starts with the segment id, so Whoosh's file cleanup deletes it with its segment
(after a merge) and keeps it while the segment lives, and the manifest records it like any
segment file. Readers fall back to computing the same columns when a segment has none.
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np

from ..fields import DATE_FIELD, FACET_FIELDS
from ..textfold import fold
from .whoosh import segment_postings

MAGIC = b"SRCHCOL2"
SUFFIX = ".cols"
# The facets of the publication date: read from the day column, not from their own field.
PERIODS: tuple[str, ...] = ("year", "month")
# The fields whose values facets count, filters and the timeline's splits read.
FACET_COLUMNS: tuple[str, ...] = tuple(
    sorted({field for name, field in FACET_FIELDS.items() if name not in PERIODS})
)
# Syndicated copies of one story share this field's value (the first copy's id).
CLUSTER_FIELD = "cluster"
NO_DAY = np.iinfo(np.int32).min
NO_VALUE = -1
SEVERAL = -2
# Dates outside these years are the column's default for undated documents, or garbage.
_FIRST_DAY = datetime(1001, 1, 1).toordinal()
_END_DAY = datetime(3000, 1, 1).toordinal()
_TAIL = struct.Struct("<Q")


@dataclass
class SegmentFacet:
    """One segment's values of a facet field: its distinct values and each document's ordinal(s)."""

    values: list[str]
    # Each value folded (accents and case): spellings with one key are one value.
    keys: list[str]
    single: np.ndarray
    pair_docs: np.ndarray
    pair_values: np.ndarray


def column_path(folder: str | os.PathLike, segment_id: str) -> Path:
    """Where a segment's columns are stored."""
    return Path(folder) / f"{segment_id}{SUFFIX}"


def compute_days(leaf: Any) -> np.ndarray:
    """Each document's publication day (date ordinal; NO_DAY when undated), from the segment's date column."""
    size = leaf.doc_count_all()
    days = np.full(size, NO_DAY, dtype=np.int32)
    if DATE_FIELD not in leaf.schema.names() or not leaf.has_column(DATE_FIELD):
        return days
    field = leaf.schema[DATE_FIELD]
    seen: dict[Any, int] = {}
    # Untranslated: an undated document's default value overflows datetime when translated.
    for doc, raw in enumerate(leaf.column_reader(DATE_FIELD, translate=False)):
        if doc >= size:
            break
        day = seen.get(raw)
        if day is None:
            day = seen[raw] = _day_of(field, raw)
        days[doc] = day
    return days


def _day_of(field: Any, raw: Any) -> int:
    try:
        value = raw if isinstance(raw, datetime) else field.from_column_value(raw) if raw else None
    except (ValueError, OverflowError, TypeError):
        return NO_DAY
    if not isinstance(value, datetime):
        return NO_DAY
    day = value.toordinal()
    return day if _FIRST_DAY <= day < _END_DAY else NO_DAY


def compute_facet(leaf: Any, fieldname: str) -> SegmentFacet:
    """A segment's values of a facet field, inverted from its postings (deleted documents have none)."""
    size = leaf.doc_count_all()
    values: list[str] = []
    id_parts: list[np.ndarray] = []
    ord_parts: list[np.ndarray] = []
    if fieldname in leaf.schema.names():
        for term in leaf.lexicon(fieldname):
            text = term.decode("utf-8") if isinstance(term, bytes) else term
            ids = np.asarray(segment_postings(leaf, fieldname, text)[0], dtype=np.int64)
            ids = ids[ids < size]
            id_parts.append(ids)
            ord_parts.append(np.full(ids.size, len(values), dtype=np.int32))
            values.append(text)
    return facet_of_pairs(values, size, _joined(id_parts, np.int64), _joined(ord_parts, np.int32))


def _joined(parts: list[np.ndarray], dtype: Any) -> np.ndarray:
    return np.concatenate(parts).astype(dtype) if parts else np.zeros(0, dtype=dtype)


def facet_of_pairs(
    values: list[str], size: int, docs: np.ndarray, ords: np.ndarray
) -> SegmentFacet:
    """The facet of (document, value ordinal) pairs, each pair once: single-valued documents apart."""
    per_doc = np.bincount(docs, minlength=size)[:size] if docs.size else np.zeros(size, np.int64)
    single = np.full(size, NO_VALUE, dtype=np.int32)
    one = per_doc[docs] == 1
    single[docs[one]] = ords[one]
    several = ~one
    single[per_doc > 1] = SEVERAL
    order = np.lexsort((ords[several], docs[several]))
    return SegmentFacet(
        values,
        [fold(v) for v in values],
        single,
        docs[several][order].astype(np.int32),
        ords[several][order].astype(np.int32),
    )


def compute_story_keys(leaf: Any) -> np.ndarray:
    """Each document's story (its cluster id) as a 64-bit hash (0: none), from the segment's postings.

    Copies of one story share a cluster id across segments; a hash compares the same
    everywhere, where a value table would have to be merged (and a million ids parsed).
    """
    size = leaf.doc_count_all()
    keys = np.zeros(size, dtype=np.int64)
    if CLUSTER_FIELD not in leaf.schema.names():
        return keys
    for term in leaf.lexicon(CLUSTER_FIELD):
        text = term.decode("utf-8") if isinstance(term, bytes) else term
        ids = np.asarray(segment_postings(leaf, CLUSTER_FIELD, text)[0], dtype=np.int64)
        keys[ids[ids < size]] = story_key(text)
    return keys


def story_key(cluster: str) -> int:
    """The 64-bit hash of a cluster id (never 0, which means none)."""
    digest = hashlib.blake2b(cluster.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True) or 1


def compute_columns(leaf: Any) -> tuple[np.ndarray, np.ndarray, dict[str, SegmentFacet]]:
    """A segment's day, story and facet columns, computed from the written segment."""
    facets = {f: compute_facet(leaf, f) for f in FACET_COLUMNS}
    return compute_days(leaf), compute_story_keys(leaf), facets


def write_columns(folder: str | os.PathLike, segment: Any, schema: Any) -> Path:
    """Compute a committed segment's columns from its files and store them beside it (atomically).

    Every path that commits a segment calls this (through write_missing_columns): the bulk
    build, live updates and merges; the file is written before the manifest records it.
    """
    from whoosh.filedb.filestore import FileStorage
    from whoosh.reading import SegmentReader

    storage = FileStorage(str(folder))
    leaf = SegmentReader(storage, schema, segment)
    try:
        days, stories, facets = compute_columns(leaf)
    finally:
        leaf.close()
    return store_columns(column_path(folder, segment.segment_id()), days, stories, facets)


def store_columns(
    target: Path, days: np.ndarray, stories: np.ndarray, facets: dict[str, SegmentFacet]
) -> Path:
    """Write a segment's columns to `target` in the format above (atomically)."""
    # A dot name: Whoosh's cleanup and the manifest both pass over it until it is complete.
    tmp = target.with_name(f".{target.name}.tmp")
    arrays: dict[str, np.ndarray] = {"days": days, "stories": stories}
    for field, facet in facets.items():
        arrays[f"{field}.single"] = facet.single
        arrays[f"{field}.pairs"] = np.stack([facet.pair_docs, facet.pair_values], axis=1)
    table: dict[str, Any] = {
        "docs": int(days.size),
        "arrays": {},
        "values": {f: facet.values for f, facet in facets.items()},
        "keys": {f: facet.keys for f, facet in facets.items()},
    }
    with open(tmp, "wb") as handle:
        handle.write(MAGIC)
        for name, array in arrays.items():
            data = np.ascontiguousarray(array, dtype=array.dtype.newbyteorder("<"))
            table["arrays"][name] = [data.dtype.str, handle.tell(), list(data.shape)]
            handle.write(data.tobytes())
            handle.write(bytes(-handle.tell() % 8))
        start = handle.tell()
        handle.write(json.dumps(table, ensure_ascii=False).encode("utf-8"))
        handle.write(_TAIL.pack(start))
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, target)
    return target


def write_missing_columns(folder: str | os.PathLike) -> list[str]:
    """Columns for each segment of the folder's current Whoosh commit that has none; their segment ids.

    Call after every commit, before the manifest is written (its files then include them).
    """
    from whoosh.filedb.filestore import FileStorage
    from whoosh.index import TOC

    toc = TOC.read(FileStorage(str(folder)), "MAIN")
    written = []
    for segment in toc.segments:
        if not column_path(folder, segment.segment_id()).exists():
            write_columns(folder, segment, toc.schema)
            written.append(segment.segment_id())
    return written


class StoredColumns:
    """A segment's stored columns, memory-mapped: arrays are read from the page cache as used."""

    def __init__(self, path: Path):
        self.path = path
        self._map = np.memmap(path, dtype=np.uint8, mode="r")
        if self._map.size < len(MAGIC) + _TAIL.size or bytes(self._map[: len(MAGIC)]) != MAGIC:
            raise ValueError(f"{path.name} is not a columns file of this version")
        (start,) = _TAIL.unpack(bytes(self._map[-_TAIL.size :]))
        table = json.loads(bytes(self._map[start : self._map.size - _TAIL.size]).decode("utf-8"))
        self.doc_count: int = table["docs"]
        self._arrays: dict[str, list] = table["arrays"]
        self._values: dict[str, list[str]] = table["values"]
        self._keys: dict[str, list[str]] = table["keys"]

    def array(self, name: str) -> np.ndarray:
        """One stored array (a view of the mapped file)."""
        dtype, offset, shape = self._arrays[name]
        count = int(np.prod(shape)) if shape else 0
        flat = np.frombuffer(self._map, dtype=np.dtype(dtype), count=count, offset=offset)
        return flat.reshape(shape)

    def days(self) -> np.ndarray:
        """Each document's day ordinal (NO_DAY: undated)."""
        return self.array("days")

    def story_keys(self) -> np.ndarray:
        """Each document's story key (see compute_story_keys)."""
        return self.array("stories")

    def facet(self, fieldname: str) -> SegmentFacet | None:
        """The stored values of a facet field (None when this file has none of it)."""
        if fieldname not in self._values:
            return None
        pairs = self.array(f"{fieldname}.pairs")
        return SegmentFacet(
            self._values[fieldname],
            self._keys[fieldname],
            self.array(f"{fieldname}.single"),
            pairs[:, 0],
            pairs[:, 1],
        )


def open_columns(leaf: Any) -> StoredColumns | None:
    """The stored columns of a Whoosh segment reader, or None (older index, or not written yet)."""
    folder = getattr(leaf.storage(), "folder", None)
    if folder is None:
        return None
    path = column_path(folder, leaf.segment().segment_id())
    try:
        stored = StoredColumns(path)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return stored if stored.doc_count == leaf.doc_count_all() else None
