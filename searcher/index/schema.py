"""The index schema and its version."""

from __future__ import annotations

from whoosh.fields import DATETIME, ID, KEYWORD, STORED, TEXT, Schema

from .analysis import name_analyzer, text_analyzer, vocabulary_analyzer

# Bump whenever fields or analyzers change: an index with another version must be rebuilt.
SCHEMA_VERSION = 1

# Fields a user can name in a query (`author:antonov`) and the index field behind each.
QUERY_FIELDS = {
    "title": "title",
    "body": "body",
    "quote": "quote",
    "author": "author",
    "speaker": "speaker",
    "outlet": "outlet",
    "source": "source",
    "tag": "tag",
    "lang": "lang",
}

# Exact-value fields for filters, facets and sorting (one value per name, commas between).
EXACT_FIELDS = ("author_exact", "speaker_exact", "outlet_exact", "source_exact", "tag_exact")


def build_schema() -> Schema:
    """The schema of a searcher index."""
    text = text_analyzer()
    names = name_analyzer()
    return Schema(
        id=ID(stored=True, unique=True),
        url=ID(stored=True),
        cluster=ID(stored=True),
        title=TEXT(analyzer=text, field_boost=1.0),
        body=TEXT(analyzer=text),
        quote=TEXT(analyzer=text),
        author=TEXT(analyzer=names),
        speaker=TEXT(analyzer=names),
        outlet=TEXT(analyzer=names),
        source=TEXT(analyzer=names),
        tag=TEXT(analyzer=names),
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
        words=TEXT(analyzer=vocabulary_analyzer(), phrase=False),
        record=STORED(),
    )
