"""Syndicated copies: hits of one cluster shown once, with the other outlets listed as "also in"."""

from __future__ import annotations

from .docsets import term_docs
from .results import AlsoIn


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
