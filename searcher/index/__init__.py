"""The article index: build it from the corpus, update it, open it for searching.

from searcher.index import open_index, update, rebuild, stats, decode_record

report = update("corpus", "indexes/default")      # IndexReport
ix = open_index("indexes/default")                # ArticleIndex (ix.whoosh, ix.searcher())
with ix.searcher() as s:
    article = decode_record(s.document(id="…")["record"])
"""

from ..lazy import lazy_exports

# Names are imported from their modules on first use: a search should not pay
# for the build machinery (multiprocessing, sqlite3, the bulk writer) it never runs.
_EXPORTS = {
    "index_articles": "build",
    "normalizer_from": "build",
    "rebuild": "build",
    "update": "build",
    "decode_record": "records",
    "encode_record": "records",
    "IndexReport": "report",
    "PageFailure": "report",
    "ProgressEvent": "report",
    "SCHEMA_VERSION": "schema",
    "build_schema": "schema",
    "IndexStats": "summary",
    "stats": "summary",
    "ArticleIndex": "store",
    "open_index": "store",
}


__getattr__ = lazy_exports(__name__, _EXPORTS)


__all__ = [
    "ArticleIndex",
    "IndexReport",
    "IndexStats",
    "PageFailure",
    "ProgressEvent",
    "SCHEMA_VERSION",
    "build_schema",
    "decode_record",
    "encode_record",
    "index_articles",
    "normalizer_from",
    "open_index",
    "rebuild",
    "stats",
    "update",
]
