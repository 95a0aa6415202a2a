"""One page of ranked hits: a story's copies shown once, each hit with its snippet and matched quotations."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..article import Article
from .clusters import copies_of
from .results import Hit, MatchedQuote
from .session import Reading
from .snippets import Highlighter


def page_of_hits(
    reading: Reading,
    ranked: Iterable[tuple[int, float]],
    page: int,
    limit: int,
    highlighter: Highlighter,
    first_rank: int = 0,
    earlier: Callable[[int, str], bool] | None = None,
) -> list[Hit]:
    """One page of hits, a story's copies shown once; `earlier(doc, cluster)` says a copy was on a previous page."""
    s = reading.searcher
    hits: list[Hit] = []
    seen_clusters: set[str] = set()
    skip = (page - 1) * limit
    rank = first_rank
    for docnum, score in ranked:
        stored = s.stored_fields(docnum)
        cluster = stored.get("cluster")
        if cluster:
            if cluster in seen_clusters or (earlier is not None and earlier(docnum, cluster)):
                continue
            seen_clusters.add(cluster)
        rank += 1
        if rank <= skip:
            continue
        article = reading.load(docnum, stored)
        if article is None:
            continue
        hit = hit_of(article, score, rank, highlighter)
        hit.cluster, hit.docnum = cluster, docnum
        hit.also_in = copies_of(s, cluster, docnum, reading.load)
        hits.append(hit)
        if len(hits) >= limit:
            break
    return hits


def hit_of(article: Article, score: float, rank: int, highlighter: Highlighter) -> Hit:
    """A hit of an article: its snippet and the quotations holding query words, with their spans."""
    hit = Hit(article=article, score=score, rank=rank)
    body = article.body
    hit.snippet, body_spans = highlighter.snippet_and_spans(body or article.title)
    for quote in article.quotes:
        if body and body_spans and body[quote.start : quote.end] == quote.text:
            # A quotation that is its span of the body: its matches were found already.
            spans = [
                (a - quote.start, b - quote.start)
                for a, b in body_spans
                if a >= quote.start and b <= quote.end
            ]
        else:
            spans = highlighter.spans(quote.text)
        if spans:
            hit.matched_quotes.append(MatchedQuote(quote, spans))
    return hit
