"""Facet counts over every match: the most frequent values of a facet field among the matches."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import numpy as np

from .. import fields as table
from ..index.columns import PERIODS as PERIODS
from .columns import FacetColumn, doc_array, period_column
from .results import Facet, FacetCount

if TYPE_CHECKING:
    from .session import Reading

# Facet name -> the index field whose terms are its values.
FACET_FIELDS: dict[str, str] = table.FACET_FIELDS

DEFAULT_FACET_SIZE = 10


def count(
    name: str, docs: Iterable[int], column: FacetColumn, size: int = DEFAULT_FACET_SIZE
) -> Facet:
    """The most frequent values of one facet among the given documents."""
    return top_values(name, value_counts(docs, column), size)


def value_counts(docs: Iterable[int], column: FacetColumn) -> Counter:
    """How many of the documents hold each value of a facet column (values no document holds left out)."""
    counts = column.counts(doc_array(docs))
    present = np.flatnonzero(counts)
    values = column.values
    return Counter(
        {values[o]: n for o, n in zip(present.tolist(), counts[present].tolist(), strict=True)}
    )


def top_values(name: str, counter: Mapping[str, int], size: int) -> Facet:
    """A facet's `size` most frequent values (periods: the latest), from its value counts."""
    ordered = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
    if name in PERIODS:
        ordered = sorted(counter.items(), key=lambda kv: kv[0], reverse=True)
    return Facet(name, [FacetCount(v, c) for v, c in ordered[:size]])


def facet_counts(reading: Reading, name: str, matched: Iterable[int], size: int) -> Facet:
    """The most frequent values of one facet among the matches."""
    return top_values(name, value_counts(matched, facet_column(reading, name)), size)


def facet_column(reading: Reading, name: str) -> FacetColumn:
    """Each document's values of a facet (a period of the date column, or a name field)."""
    if name in PERIODS:
        days = reading.days()
        return reading.cached(f"period:{name}", lambda: period_column(days, name))
    return reading.facet_column(FACET_FIELDS[name])
