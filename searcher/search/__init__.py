"""Search: the Python API (`open_searcher`) over a searcher index."""

from __future__ import annotations

from .api import Searcher, open_searcher
from .results import Facet, FacetCount, Hit, QuoteHit, QuoteResults, SearchResults, Snippet

__all__ = [
    "Searcher",
    "open_searcher",
    "SearchResults",
    "Hit",
    "Snippet",
    "Facet",
    "FacetCount",
    "QuoteHit",
    "QuoteResults",
]
