"""Syndicated copies: hits of one cluster shown once, with the other outlets listed as "also in"."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from .columns import doc_array
from .docsets import term_docs
from .results import AlsoIn


def story_count(matched: Iterable[int], stories: np.ndarray) -> int:
    """How many stories the matches are when the copies of one story count once (see columns.story_column)."""
    keys = stories[doc_array(matched)]
    keyed = np.sort(keys[keys != 0])
    distinct = int(np.count_nonzero(keyed[1:] != keyed[:-1])) + 1 if keyed.size else 0
    return int(keys.size - keyed.size + distinct)


def copies_of(searcher, cluster: str | None, docnum: int, load) -> list[AlsoIn]:
    """The other articles of a cluster (one per outlet), given a `load(docnum) -> Article`."""
    if not cluster or searcher.doc_frequency("cluster", cluster) < 2:
        return []
    others = sorted(term_docs(searcher, "cluster", cluster) - {docnum})
    out: list[AlsoIn] = []
    seen_outlets: set[str | None] = set()
    for other in others:
        article = load(other)
        if article is None:
            continue
        key = (article.outlet or "").lower() or article.id
        if key in seen_outlets:
            continue
        seen_outlets.add(key)
        out.append(AlsoIn(article.id, article.outlet, article.url, article.published))
    return out
