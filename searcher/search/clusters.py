"""Syndicated copies: hits of one cluster shown once, with the other outlets listed as "also in"."""

from __future__ import annotations

from .columns import field_values
from .docsets import term_docs
from .results import AlsoIn


def copy_groups(searcher) -> dict[int, str]:
    """Document number -> cluster, for the documents of clusters with copies only (few: build once per generation)."""
    out: dict[int, str] = {}
    for cluster in field_values(searcher.reader(), "cluster"):
        if searcher.doc_frequency("cluster", cluster) > 1:
            for docnum in term_docs(searcher, "cluster", cluster):
                out[docnum] = cluster
    return out


def story_count(matched: set[int], groups: dict[int, str]) -> int:
    """How many stories the matches are when the copies of one story count once."""
    if len(groups) < len(matched):
        members = [cluster for docnum, cluster in groups.items() if docnum in matched]
    else:
        members = [groups[docnum] for docnum in matched if docnum in groups]
    return len(matched) - len(members) + len(set(members))


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
