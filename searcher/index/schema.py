"""The index schema and its version."""

from __future__ import annotations

from whoosh.fields import DATETIME, ID, KEYWORD, STORED, TEXT, Schema
from whoosh.formats import Existence

from .analysis import name_analyzer, text_analyzer, vocabulary_analyzer
from .postingformat import VarintPositions

# Bump whenever fields or analyzers change: an index with another version must be rebuilt.
SCHEMA_VERSION = 3


def vocabulary_field() -> TEXT:
    """Folded, unstemmed words of title, body and quotes, with their document frequencies.

    Fuzzy search and "did you mean" need the vocabulary and how many articles use each
    word (`reader.iter_field("words")`, `doc_frequency`), not which articles: segments
    written by the bulk writer (whoosh/blocks.py) store each word's document frequency and
    no postings, so the field is a lexicon to read, not a field to match documents
    on. It is not scored; rank expansions on title/body/quote instead.
    """
    field = TEXT(analyzer=vocabulary_analyzer(), phrase=False)
    field.format = Existence()
    field.scorable = False
    return field


def positional_text(analyzer, **options) -> TEXT:
    """A ranked text field whose positions are stored compactly (see postingformat.py)."""
    field = TEXT(analyzer=analyzer, **options)
    field.format = VarintPositions(field_boost=field.format.field_boost)
    return field


def build_schema() -> Schema:
    """The schema of a searcher index."""
    text = text_analyzer()
    names = name_analyzer()
    return Schema(
        id=ID(stored=True, unique=True),
        url=ID(stored=True),
        cluster=ID(stored=True),
        title=positional_text(text, field_boost=1.0),
        body=positional_text(text),
        quote=positional_text(text),
        author=positional_text(names),
        speaker=positional_text(names),
        outlet=positional_text(names),
        source=positional_text(names),
        tag=positional_text(names),
        author_exact=KEYWORD(commas=True, lowercase=False, scorable=False),
        speaker_exact=KEYWORD(commas=True, lowercase=False, scorable=False),
        outlet_exact=KEYWORD(commas=True, lowercase=False, scorable=False),
        source_exact=KEYWORD(commas=True, lowercase=False, scorable=False),
        tag_exact=KEYWORD(commas=True, lowercase=False, scorable=False),
        lang=ID(),
        year=ID(),
        month=ID(),
        published=DATETIME(sortable=True),
        # Unstemmed vocabulary with document frequencies, for fuzzy expansion and "did you mean".
        words=vocabulary_field(),
        record=STORED(),
    )
