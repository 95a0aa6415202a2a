"""searcher: a full-text search engine for news articles."""

__version__ = "0.1.0"

from .article import Article, Quote  # noqa: E402

__all__ = ["Article", "Quote", "__version__"]


def __getattr__(name: str):
    # Imported on first use so that `import searcher` (and the CLI) stays fast.
    if name == "open_searcher":
        from .search import open_searcher

        return open_searcher
    raise AttributeError(f"module 'searcher' has no attribute {name!r}")
