"""searcher: a full-text search engine for news articles."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

from .article import Article, Quote  # noqa: E402

if TYPE_CHECKING:
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
    "SearchBackend",
    "SearchRequest",
    "SearchResults",
    "Searcher",
    "__version__",
    "open_searcher",
]
# Imported on first use so that `import searcher` (and the CLI) stays fast.
_SEARCH = frozenset(__all__) - {"Article", "Quote", "__version__"}


def __getattr__(name: str) -> Any:
    if name in _SEARCH:
        from . import search

        return getattr(search, name)
    raise AttributeError(f"module 'searcher' has no attribute {name!r}")
