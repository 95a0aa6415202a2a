"""BM25F ranking over the index fields: parameters, field weights, and the scorer."""

from __future__ import annotations

from dataclasses import dataclass, field
from math import log
from typing import TYPE_CHECKING

import numpy as np

# The field table's stemmed text fields and folded name fields, re-exported for the query side.
from ..fields import LENGTH_B, WEIGHTS
from ..fields import NAME_FIELDS as NAME_FIELDS
from ..fields import TEXT_FIELDS as TEXT_FIELDS
from ..index.whoosh import length_bytes, length_of_byte

if TYPE_CHECKING:
    from .stats import CollectionStats

# Fields a bare word is looked up in, with the weight of a match in each: the field table's
# BM25F weights (tuned with benchmarks/relevance.py).
FIELD_WEIGHTS = WEIGHTS


@dataclass(frozen=True)
class RankingParams:
    """BM25F parameters: saturation k1, length normalisation b (per field), field weights."""

    k1: float = 2.0
    b: float = 0.85
    field_b: dict[str, float] = field(default_factory=lambda: dict(LENGTH_B))
    weights: dict[str, float] = field(default_factory=lambda: dict(WEIGHTS))

    def b_of(self, fieldname: str) -> float:
        """Length normalisation of one field."""
        return self.field_b.get(fieldname, self.b)


DEFAULT_PARAMS = RankingParams()


@dataclass
class ScoreGroup:
    """One query word: the (field, token, weight) places it counts in, and the word's own weight."""

    members: list[tuple[str, str, float]]
    weight: float = 1.0


class FieldLengths:
    """Per-document length bytes of this index and the BM25 normaliser table for each field.

    The normaliser divides by the collection's average length (`stats`): a shard
    normalises by the average over all shards, as one index would.
    """

    def __init__(self, searcher, fields, params: RankingParams, stats: CollectionStats):
        lengths = length_of_byte()
        # Documents of this index (document numbers run below it).
        self.documents: int = searcher.doc_count_all()
        self.bytes: dict[str, bytes] = {}
        self.norm: dict[str, list[float]] = {}
        for name in fields:
            b = params.b_of(name)
            if b == 0:
                continue
            avg = stats.avg_field_length(name) or 1.0
            self.bytes[name] = length_bytes(searcher.reader(), name)
            self.norm[name] = [(1 - b) + b * length / avg for length in lengths]
        self._bytes_np = {
            name: np.frombuffer(raw, dtype=np.uint8) for name, raw in self.bytes.items()
        }
        self._inverse: dict[tuple[str, float], np.ndarray] = {}

    def bytes_array(self, fieldname: str) -> np.ndarray:
        """The length byte of each document in a field."""
        return self._bytes_np[fieldname]

    def inverse_array(self, fieldname: str, weight: float) -> np.ndarray:
        """weight / normaliser for each of the 256 length bytes of a field."""
        key = (fieldname, weight)
        found = self._inverse.get(key)
        if found is None:
            found = self._inverse[key] = np.array(
                [weight / n for n in self.norm[fieldname]], dtype=np.float64
            )
        return found


def idf(total: int, df: int) -> float:
    """Robertson–Sparck Jones idf, kept positive (Lucene's form)."""
    return log(1 + (total - df + 0.5) / (df + 0.5))
