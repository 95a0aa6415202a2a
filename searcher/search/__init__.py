"""Search: the Python API (`open_searcher`) over a searcher index, behind the SearchBackend protocol."""

from __future__ import annotations

from ..lazy import import_deferring

# whoosh.query imports its English word-variations table (many regexes compiled) for a
# query class searcher never builds: it is imported only if something uses it.
import_deferring("whoosh.query", {"whoosh.lang.morph_en": ("variations",)})

from .api import Searcher, open_searcher  # noqa: E402 - Whoosh's query module first, as above
from .backend import SearchBackend  # noqa: E402
from .request import QuotesRequest, SearchRequest  # noqa: E402
from .results import (  # noqa: E402
    AlsoIn,
    Facet,
    FacetCount,
    Hit,
    MatchedQuote,
    QuoteHit,
    QuoteResults,
    SearchResults,
    Snippet,
)

__all__ = [
    "AlsoIn",
    "Facet",
    "FacetCount",
    "Hit",
    "MatchedQuote",
    "QuoteHit",
    "QuoteResults",
    "QuotesRequest",
    "SearchBackend",
    "SearchRequest",
    "SearchResults",
    "Searcher",
    "Snippet",
    "open_searcher",
]
