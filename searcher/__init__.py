"""searcher: a full-text search engine for news articles."""

__version__ = "0.1.0"

from .article import Article, Quote  # noqa: E402

__all__ = ["Article", "Quote", "__version__"]
