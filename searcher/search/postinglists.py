"""A term's posting list across an index's segments: the block table at once, blocks decoded when needed."""

from __future__ import annotations

import numpy as np

from ..index.whoosh.blocklists import SegmentBlocks, segment_blocks

_NO_IDS = np.zeros(0, dtype=np.int64)
_NO_WEIGHTS = np.zeros(0, dtype=np.float64)


class TermList:
    """One term's postings in document-number order; blocks are decoded on first use and kept.

    The table says, per block, the last document it holds, how many postings it has,
    its largest weight and its shortest field length (a length byte): what upper bounds
    of a block's score and the block that may hold a document are worked out from.
    """

    __slots__ = ("last", "count", "maxweight", "minlength", "_parts", "_firsts", "_all")

    def __init__(self, parts: list[tuple[int, SegmentBlocks]]):
        # (document number offset, blocks) per segment that has the term.
        self._parts = [(offset, blocks) for offset, blocks in parts if len(blocks)]
        if self._parts:
            self.last = np.concatenate([b.last + offset for offset, b in self._parts])
            self.count = np.concatenate([b.count for _o, b in self._parts])
            self.maxweight = np.concatenate([b.maxweight for _o, b in self._parts])
            self.minlength = np.concatenate([b.minlength for _o, b in self._parts])
        else:
            self.last, self.count = _NO_IDS, _NO_IDS
            self.maxweight, self.minlength = _NO_WEIGHTS, np.zeros(0, dtype=np.uint8)
        # The number of each part's first block in the whole list.
        sizes = [len(b) for _o, b in self._parts]
        self._firsts = np.cumsum([0, *sizes[:-1]]).astype(np.int64)
        self._all: tuple[np.ndarray, np.ndarray] | None = None

    @classmethod
    def read(cls, searcher, fieldname: str, text) -> TermList:
        """The term's blocks in every segment of the searcher's reader."""
        return cls(
            [
                (offset, segment_blocks(leaf, fieldname, text))
                for leaf, offset in searcher.reader().leaf_readers()
            ]
        )

    @property
    def blocks(self) -> int:
        """How many blocks the list has."""
        return len(self.last)

    def size_estimate(self) -> int:
        """Postings in the blocks (deleted documents included): an upper bound of the length."""
        return int(self.count.sum())

    def live_count(self) -> int:
        """How many live documents hold the term (decodes the blocks of segments with deletions)."""
        count = 0
        for _offset, blocks in self._parts:
            if blocks.has_deletions:
                count += len(blocks.all()[0])
            else:
                count += int(blocks.count.sum())
        return count

    def block(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        """(document numbers, weights) of block i."""
        k = int(np.searchsorted(self._firsts, i, side="right")) - 1
        offset, blocks = self._parts[k]
        ids, weights = blocks.decoded(i - int(self._firsts[k]))
        return (ids + offset if offset else ids), weights

    def all(self) -> tuple[np.ndarray, np.ndarray]:
        """Every (document number, weight), decoding the blocks not decoded yet."""
        if self._all is None:
            if not self.blocks:
                self._all = (_NO_IDS, _NO_WEIGHTS)
            else:
                parts = [
                    (ids + offset if offset else ids, weights)
                    for offset, (ids, weights) in ((o, b.all()) for o, b in self._parts)
                ]
                self._all = (
                    np.concatenate([p[0] for p in parts]),
                    np.concatenate([p[1] for p in parts]),
                )
        return self._all

    def decoded_blocks(self) -> int:
        """How many blocks were decoded so far."""
        return sum(b.decoded_count() for _o, b in self._parts)

    def _around(self, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The postings of the blocks that may hold any of the sorted `docs`."""
        if self._all is not None:
            return self._all
        at = np.searchsorted(self.last, docs)
        needed = np.unique(at[at < self.blocks])
        if len(needed) * 2 >= self.blocks:
            return self.all()
        if not len(needed):
            return _NO_IDS, _NO_WEIGHTS
        part_of = np.searchsorted(self._firsts, needed, side="right") - 1
        ids_parts, weight_parts = [], []
        for k, (offset, blocks) in enumerate(self._parts):
            local = (needed[part_of == k] - self._firsts[k]).tolist()
            if not local:
                continue
            blocks.decode(local)
            for i in local:
                ids, weights = blocks.decoded(i)
                ids_parts.append(ids + offset if offset else ids)
                weight_parts.append(weights)
        return np.concatenate(ids_parts), np.concatenate(weight_parts)

    def weights_at(self, docs: np.ndarray) -> np.ndarray:
        """The term's weight in each of the sorted `docs` (0.0 where absent), decoding only their blocks."""
        ids, weights = self._around(docs)
        if not len(ids):
            return np.zeros(len(docs), dtype=np.float64)
        at = np.searchsorted(ids, docs)
        np.minimum(at, len(ids) - 1, out=at)
        return np.where(ids[at] == docs, weights[at], 0.0)

    def contains(self, docs: np.ndarray) -> np.ndarray:
        """Which of the sorted `docs` the term is in (a boolean per document)."""
        ids, _weights = self._around(docs)
        if not len(ids):
            return np.zeros(len(docs), dtype=bool)
        at = np.searchsorted(ids, docs)
        np.minimum(at, len(ids) - 1, out=at)
        return ids[at] == docs
