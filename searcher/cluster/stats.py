"""The statistics a coordinator ranks with: document frequencies and field lengths, per index and summed.

Shards partition the articles, so a term's document frequency and a field's total
length over all shards are the sums of the shards' own: the coordinator scores BM25F
with the same numbers as a single index holding every article.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

from .. import fields as table
from ..index import open_index

# The unstemmed vocabulary field: its terms and document frequencies are what fuzzy
# search and "did you mean" read (see the index schema).
VOCABULARY_FIELD = "words"
# The exact-value fields of the name filters: their values are what a typed name resolves to.
NAME_VALUE_FIELDS = frozenset(f.exact for f in table.FIELDS if f.exact)

TERMS_SCHEMA = pa.schema(
    [
        ("field", pa.string()),
        ("term", pa.string()),
        ("doc_frequency", pa.int64()),
        ("frequency", pa.float64()),
    ]
)


@dataclass
class FieldLengths:
    """A field's length statistics: the sum of its length over documents, and the extremes."""

    total: int = 0
    minimum: int = 0
    maximum: int = 0

    def merged(self, other: FieldLengths, first: bool) -> FieldLengths:
        """The statistics of two disjoint sets of documents together."""
        if first:
            return FieldLengths(other.total, other.minimum, other.maximum)
        return FieldLengths(
            self.total + other.total,
            min(self.minimum, other.minimum),
            max(self.maximum, other.maximum),
        )


@dataclass
class IndexStatistics:
    """An index's documents, per-field lengths, and (field, term) frequencies."""

    documents: int = 0
    fields: dict[str, FieldLengths] = field(default_factory=dict)
    terms: pa.Table = field(default_factory=TERMS_SCHEMA.empty_table)

    def field_table(self) -> dict[str, dict[str, Any]]:
        """The field-length statistics as JSON-ready values, with the average length."""
        return {
            name: {
                "total": f.total,
                "average": f.total / self.documents if self.documents else 0.0,
                "min": f.minimum,
                "max": f.maximum,
            }
            for name, f in sorted(self.fields.items())
        }


def _term_text(term: Any) -> str:
    return term.decode("utf-8") if isinstance(term, bytes) else str(term)


def index_statistics(path: str | Path) -> IndexStatistics:
    """The statistics of the searcher index at `path`: every scored field, the vocabulary and
    the values of the name filters' exact fields."""
    stats = IndexStatistics()
    columns: dict[str, list] = {name: [] for name in TERMS_SCHEMA.names}
    with open_index(path) as ix, ix.reader() as reader:
        stats.documents = reader.doc_count()
        schema = reader.schema
        for name in sorted(schema.names()):
            scored = schema[name].scorable
            if not scored and name != VOCABULARY_FIELD and name not in NAME_VALUE_FIELDS:
                continue
            if scored:
                total = reader.field_length(name)
                # A field no document of this index has has no length column to read.
                stats.fields[name] = (
                    FieldLengths(
                        total, reader.min_field_length(name), reader.max_field_length(name)
                    )
                    if total
                    else FieldLengths()
                )
            for term, info in reader.iter_field(name):
                columns["field"].append(name)
                columns["term"].append(_term_text(term))
                columns["doc_frequency"].append(info.doc_frequency())
                columns["frequency"].append(float(info.weight()))
    stats.terms = pa.Table.from_pydict(columns, schema=TERMS_SCHEMA)
    return stats


def merge_statistics(parts: list[IndexStatistics]) -> IndexStatistics:
    """The statistics of indexes holding disjoint articles, taken together."""
    merged = IndexStatistics()
    for part in parts:
        merged.documents += part.documents
        for name, lengths in part.fields.items():
            known = merged.fields.get(name)
            base = known or FieldLengths()
            merged.fields[name] = base.merged(lengths, first=known is None)
    tables = [p.terms for p in parts if p.terms.num_rows]
    if tables:
        summed = (
            pa.concat_tables(tables)
            .group_by(["field", "term"])
            .aggregate([("doc_frequency", "sum"), ("frequency", "sum")])
            .rename_columns(["field", "term", "doc_frequency", "frequency"])
        )
        merged.terms = summed.select(TERMS_SCHEMA.names).sort_by(
            [("field", "ascending"), ("term", "ascending")]
        )
    return merged
