"""Direct quotations in an article body, with their speakers."""

from searcher.quotes.extract import extract_quotes

__all__ = ["extract_quotes"]
