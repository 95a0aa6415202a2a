"""Per-document columns read once from a generation's index: each document's facet values and date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..textfold import fold
from .docsets import term_docs


def field_values(reader, fieldname: str) -> list[str]:
    """Every distinct term of a field, as text."""
    if fieldname not in reader.schema.names():
        return []
    out = []
    for term in reader.lexicon(fieldname):
        out.append(term.decode("utf-8") if isinstance(term, bytes) else term)
    return out


@dataclass
class FacetColumn:
    """Each document's facet values: the one value (or None) in `single`, several in `multi`.

    Most documents have one value (one outlet, one year), so counting looks up one item
    per document with no tuple to iterate; the few with several are counted apart.
    """

    single: list
    multi: dict

    @classmethod
    def of(cls, values: list[tuple[str, ...]]) -> FacetColumn:
        """The column of per-document value tuples."""
        single = [v[0] if len(v) == 1 else None for v in values]
        multi = {d: v for d, v in enumerate(values) if len(v) > 1}
        return cls(single, multi)


def value_column(searcher, fieldname: str) -> FacetColumn:
    """For each document number, the field's values (inverted from the postings once).

    Spellings that differ only by accents or case ("Anders Lovholt" on a page that
    drops diacritics, "Anders Løvholt" elsewhere) are one person: they count as one
    value, shown in the spelling most documents use (the accented one on a tie).
    """
    reader = searcher.reader()
    size = reader.doc_count_all()
    postings = {
        value: [d for d in term_docs(searcher, fieldname, value) if d < size]
        for value in field_values(reader, fieldname)
    }
    spellings: dict[str, list[str]] = {}
    for value in postings:
        spellings.setdefault(fold(value), []).append(value)
    column: list[tuple[str, ...]] = [()] * size
    for variants in spellings.values():
        shown = max(variants, key=lambda v: (len(postings[v]), not v.isascii(), v))
        for value in variants:
            for doc in postings[value]:
                if shown not in column[doc]:
                    column[doc] = column[doc] + (shown,)
    return FacetColumn.of(column)


def published_column(searcher) -> list[datetime | None]:
    """For each document number, its publication time (None when unknown)."""
    reader = searcher.reader()
    size = reader.doc_count_all()
    if "published" not in reader.schema.names() or not reader.has_column("published"):
        return [None] * size
    field = reader.schema["published"]
    out: list[datetime | None] = []
    # Untranslated: an undated document's default value overflows datetime when translated.
    for raw in reader.column_reader("published", translate=False):
        try:
            value = (
                raw if isinstance(raw, datetime) else field.from_column_value(raw) if raw else None
            )
        except (ValueError, OverflowError, TypeError):
            value = None
        # Documents without a date hold the column's default, far outside any real date.
        out.append(value if isinstance(value, datetime) and 1000 < value.year < 3000 else None)
    return out[:size] + [None] * (size - len(out))


def period_column(published: list[datetime | None], name: str) -> FacetColumn:
    """For each document number, its year ("2015") or month ("2015-12")."""
    fmt = "%04d" if name == "year" else "%04d-%02d"
    single = [
        None if m is None else fmt % ((m.year,) if name == "year" else (m.year, m.month))
        for m in published
    ]
    return FacetColumn(single, {})
