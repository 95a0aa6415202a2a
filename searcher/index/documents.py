"""An Article turned into the fields of one index document."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..article import Article
from ..fields import document
from .records import encode_record

# The fields without a value of the article's own that the indexer computes from the
# article alone; the cluster needs the articles indexed before it and is passed in.
INDEXER_VALUES: dict[str, Callable[[Article], Any]] = {"record": encode_record}


def article_fields(article: Article, cluster: str | None = None) -> dict[str, Any]:
    """The index document of an article: text, exact names, dates, and the stored record."""
    values = {name: value_of(article) for name, value_of in INDEXER_VALUES.items()}
    return document(article, cluster=cluster or article.id, **values)
