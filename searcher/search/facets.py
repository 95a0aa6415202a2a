"""Facet counts over every match: the most frequent values of a facet field among the matches."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from itertools import chain
from typing import TYPE_CHECKING

from .. import fields as table
from .columns import FacetColumn, period_column
from .results import Facet, FacetCount

if TYPE_CHECKING:
    from .session import Reading

# Facet name -> the index field whose terms are its values.
FACET_FIELDS: dict[str, str] = table.FACET_FIELDS
# Facets of the publication date: read from the date column, counted newest first.
PERIODS: tuple[str, ...] = ("year", "month")

DEFAULT_FACET_SIZE = 10


def count(name: str, docs: set[int], column: FacetColumn, size: int = DEFAULT_FACET_SIZE) -> Facet:
    """The most frequent values of one facet among the given documents."""
    return top_values(name, value_counts(docs, column), size)


def value_counts(docs: set[int], column: FacetColumn) -> Counter:
    """How many of the documents hold each value of a facet column."""
    counter = Counter(map(column.single.__getitem__, docs))
    counter.pop(None, None)
    multi = column.multi
    if multi:
        several = (
            [d for d in docs if d in multi]
            if len(docs) < len(multi)
            else [d for d in multi if d in docs]
        )
        counter.update(chain.from_iterable(map(multi.__getitem__, several)))
    return counter


def top_values(name: str, counter: Mapping[str, int], size: int) -> Facet:
    """A facet's `size` most frequent values (periods: the latest), from its value counts."""
    ordered = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
    if name in PERIODS:
        ordered = sorted(counter.items(), key=lambda kv: kv[0], reverse=True)
    return Facet(name, [FacetCount(v, c) for v, c in ordered[:size]])


def facet_counts(reading: Reading, name: str, matched: set[int], size: int) -> Facet:
    """The most frequent values of one facet among the matches."""
    return top_values(name, value_counts(matched, facet_column(reading, name)), size)


def facet_column(reading: Reading, name: str) -> FacetColumn:
    """Each document's values of a facet (a period of the date column, or a name field)."""
    if name in PERIODS:
        published = reading.published()
        return reading.cached(f"period:{name}", lambda: period_column(published, name))
    return reading.facet_column(FACET_FIELDS[name])
