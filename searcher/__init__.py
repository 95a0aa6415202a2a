"""searcher: a full-text search engine for news articles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .article import Article, Quote
from .lazy import import_deferring, lazy_exports

__version__ = "0.1.0"

# Whoosh (pinned) imports urllib.request for a download helper, and through cached_property
# asyncio to tell coroutines apart: searcher calls neither, and importing them (http, ssl,
# email, logging, subprocess...) was a tenth of every command's start.
import_deferring("whoosh.compat", {"urllib.request": ("urlretrieve",)})
import_deferring("cached_property", {"asyncio": ()})

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
