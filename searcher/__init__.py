"""searcher: a full-text search engine for news articles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .article import Article, Quote
from .lazy import lazy_exports

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .remote import RemoteSearcher
    from .search import (
        QuoteResults,
        QuotesRequest,
        SearchBackend,
        Searcher,
        SearchRequest,
        SearchResults,
        open_searcher,
    )

__all__ = [
    "Article",
    "Quote",
    "QuoteResults",
    "QuotesRequest",
    "RemoteSearcher",
    "SearchBackend",
    "SearchRequest",
    "SearchResults",
    "Searcher",
    "__version__",
    "open_searcher",
]
# Imported on first use so that `import searcher` (and the CLI) stays fast.
__getattr__ = lazy_exports(
    __name__,
    {
        name: "remote" if name == "RemoteSearcher" else "search"
        for name in __all__
        if name not in ("Article", "Quote", "__version__")
    },
)
