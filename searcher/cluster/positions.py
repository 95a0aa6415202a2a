"""Where a shard's documents stand in the whole collection: their place in the run and their story.

`cluster index` numbers the articles in record order (clusters.parquet's `position`: the
document number each has in one index of the same records) and assigns story clusters
across shards. A shard's documents are built in that order too, so within a shard the
document number and the position rise together: ties broken by document number inside
a shard are broken by position, and a coordinator merging the shards by
(key, position) orders them as the single index does.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import SearcherError
from .shards import CLUSTERS

# Stored ids compared with clusters.parquet when a shard is opened (evenly spaced).
CHECKED_IDS = 64


@dataclass
class Positions:
    """One shard's documents: run position and story cluster per document number."""

    positions: list[int]
    clusters: list[str]
    # Document number -> story, for the stories with copies (in any shard) only.
    copies: dict[int, str]

    def __post_init__(self) -> None:
        # The documents of `copies` as a sorted array, to find those among matches at once.
        self.copy_docs = np.array(sorted(self.copies), dtype=np.int64)

    def copies_among(self, ordered: np.ndarray) -> list[tuple[int, str]]:
        """(document, story) of the documents with copies among sorted document numbers."""
        docs = self.copy_docs
        if not len(docs) or not len(ordered):
            return []
        at = np.minimum(np.searchsorted(ordered, docs), len(ordered) - 1)
        copies = self.copies
        return [(d, copies[d]) for d in docs[ordered[at] == docs].tolist()]

    def key(self, local: tuple, sort: str, doc: int) -> list:
        """A result-order key of this shard (last part: ±document number) made collection-wide."""
        key = list(local)
        position = self.positions[doc]
        key[-1] = position if sort == "oldest" else -position
        return key

    def local_key(self, key: list, sort: str) -> tuple:
        """A collection-wide key as this shard's: the same documents of the shard come after it."""
        local = list(key)
        if sort == "oldest":  # after: a smaller position among equal dates
            local[-1] = bisect_left(self.positions, key[-1]) - 0.5
        else:  # after: a larger position among equal scores or dates
            local[-1] = -bisect_right(self.positions, -key[-1]) + 0.5
        return tuple(local)


def load_positions(shards: Path, shard: int, reading: Any) -> Positions:
    """The positions and stories of shard `shard`'s documents, checked against its stored ids."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    table = pq.read_table(shards / CLUSTERS, columns=["id", "shard", "cluster", "position"])
    sizes = table.group_by("cluster").aggregate([("id", "count")])
    stories = {
        c
        for c, n in zip(sizes["cluster"].to_pylist(), sizes["id_count"].to_pylist(), strict=True)
        if n > 1
    }
    mine = table.filter(pc.equal(table["shard"], shard))
    ids: list[str] = mine["id"].to_pylist()
    positions: list[int] = mine["position"].to_pylist()
    clusters: list[str] = mine["cluster"].to_pylist()
    searcher = reading.searcher
    count = searcher.doc_count_all()
    step = max(1, count // CHECKED_IDS)
    checked = [*range(0, count, step), count - 1] if count else []
    in_order = len(ids) == count and all(
        searcher.stored_fields(d).get("id") == ids[d] for d in checked
    )
    if not in_order:
        raise SearcherError(
            f"shard {shard} ({reading.path}) does not hold the articles clusters.parquet "
            "lists for it, in that order: build the shards again with `searcher cluster index`"
        )
    copies = {d: c for d, c in enumerate(clusters) if c in stories}
    return Positions(positions, clusters, copies)
