"""An Article turned into the fields of one index document."""

from __future__ import annotations

from typing import Any

from ..article import Article
from ..fields import document, exact_values, parse_published, published_day, speakers_of
from .records import encode_record

__all__ = ["article_fields", "exact_values", "parse_published", "published_day", "speakers_of"]


def article_fields(article: Article, cluster: str | None = None) -> dict[str, Any]:
    """The index document of an article: text, exact names, dates, and the stored record."""
    return document(article, cluster=cluster or article.id, record=encode_record(article))
