"""The article index: build it from the corpus, update it, open it for searching.

    from searcher.index import open_index, update, rebuild, stats, decode_record

    report = update("corpus", "indexes/default")      # IndexReport
    ix = open_index("indexes/default")                # ArticleIndex (ix.whoosh, ix.searcher())
    with ix.searcher() as s:
        article = decode_record(s.document(id="…")["record"])
"""

from .build import index_articles, normalizer_from, rebuild, update
from .records import decode_record, encode_record
from .report import IndexReport, PageFailure, ProgressEvent
from .schema import SCHEMA_VERSION, build_schema
from .stats import IndexStats, stats
from .store import ArticleIndex, open_index

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
