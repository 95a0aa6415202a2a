"""Search: the Python API (`open_searcher`) over a searcher index, behind the SearchBackend protocol."""

from __future__ import annotations

from .api import Searcher, open_searcher
from .backend import SearchBackend
from .request import QuotesRequest, SearchRequest
from .results import (
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
