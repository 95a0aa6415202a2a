"""The index schema, derived from the field table by kind, and its version."""

from __future__ import annotations

from typing import Any

from whoosh.fields import DATETIME, ID, KEYWORD, STORED, TEXT, FieldType, Schema
from whoosh.formats import Existence

from ..fields import FIELDS, Field
from .analysis import BY_KIND, whoosh_analyzer
from .postingformat import VarintPositions

# Bump whenever fields or analyzers change: an index with another version must be rebuilt.
SCHEMA_VERSION = 3


def vocabulary_field(analyzer: Any) -> TEXT:
    """Folded, unstemmed words of title, body and quotes, with their document frequencies.

    Fuzzy search and "did you mean" need the vocabulary and how many articles use each
    word (`reader.iter_field("words")`, `doc_frequency`), not which articles: segments
    written by the bulk writer (whoosh/blocks.py) store each word's document frequency
    and no postings, so the field is a lexicon to read, not a field to match documents
    on. It is not scored; rank expansions on title/body/quote instead.
    """
    field = TEXT(analyzer=analyzer, phrase=False)
    field.format = Existence()
    field.scorable = False
    return field


def positional_text(analyzer: Any) -> TEXT:
    """A ranked text field whose positions are stored compactly (see postingformat.py)."""
    field = TEXT(analyzer=analyzer)
    field.format = VarintPositions(field_boost=field.format.field_boost)
    return field


def field_type(field: Field, analyzers: dict[str, Any]) -> FieldType:
    """The Whoosh field type of a row of the field table, by its kind."""
    kind = field.kind
    if kind in ("text", "name"):
        return positional_text(analyzers[kind])
    if kind == "vocabulary":
        return vocabulary_field(analyzers[kind])
    if kind == "exact" and field.several:
        return KEYWORD(commas=True, lowercase=False, scorable=False)
    if kind in ("exact", "id"):
        return ID(stored=field.stored, unique=field.unique)
    if kind == "date":
        return DATETIME(sortable=field.sortable)
    return STORED()


def build_schema() -> Schema:
    """The schema of a searcher index: one Whoosh field per row of searcher.fields.FIELDS."""
    # One analyzer per kind, shared by its fields (the pickled schema stores it once).
    analyzers = {kind: whoosh_analyzer(analysis) for kind, analysis in BY_KIND.items()}
    return Schema(**{f.name: field_type(f, analyzers) for f in FIELDS})
