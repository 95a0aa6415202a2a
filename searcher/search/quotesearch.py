"""Quote search: the quotations of the matching articles, best article first, each story's quotation once."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from hashlib import blake2b
from typing import Any

from ..article import Article, Quote
from ..textfold import fold
from .columns import NO_DAY
from .filters import speaker_names
from .matching import Match, match, plan_for
from .order import result_order
from .request import QuotesRequest
from .results import QuoteHit, QuoteResults
from .session import Reading
from .snippets import Highlighter

# Bare words of a quote search look in the quotations only.
QUOTE_FIELDS = ("quote",)


def quote_matches(reading: Reading, request: QuotesRequest, notes: list[Any]) -> Match:
    """The articles a quote search matches; QueryError when it has neither words nor a speaker."""
    request.require_quotations_asked()
    plan = plan_for(
        reading, request.query, any=request.any, fuzzy=request.fuzzy, fields=QUOTE_FIELDS
    )
    return match(reading, plan, request.filter_options(), notes)


def quotes_of(reading: Reading, found: Match, speaker: Any) -> Iterator[QuoteHit]:
    """The quotations of the matched articles, in order, each story's quotation once."""
    if not len(found):
        return
    speakers = speaker_names(reading, speaker)
    highlighter = None if found.plan.matches_all else found.plan.highlighter()
    order, _key = quote_order(reading, found)
    found_count = 0
    # Digests, not the texts: an export of millions of quotations keeps 16 bytes for each.
    seen_texts: set[bytes] = set()
    for docnum, score in order:
        article = reading.load(docnum)
        if article is None:
            continue
        for _n, quote, spans in article_quotes(article, speakers, highlighter):
            # A syndicated copy repeats the same quote: count it once.
            key = quote_key(quote)
            if key in seen_texts:
                continue
            seen_texts.add(key)
            found_count += 1
            yield QuoteHit(quote, article, score, rank=found_count, highlights=spans)


def quote_order(
    reading: Reading, found: Match
) -> tuple[Iterator[tuple[int, float]], Callable[[int], tuple]]:
    """The matched articles best first (newest first without words), and their sort key."""
    if found.plan.matches_all:
        column = reading.days()

        def newest_first(doc: int) -> tuple:
            day = int(column[doc])
            return (day != NO_DAY, day if day != NO_DAY else 0)

        order = sorted(found.docs, key=newest_first, reverse=True)
        return ((d, 0.0) for d in order), newest_first
    # With the matches as an array, their set is not made (see articles_of).
    as_set = found.docs if found.ordered is None else None
    ranking = result_order(
        reading, found.plan.groups, found.memo, as_set, "relevance", ordered=found.ordered
    )
    return ranking.every(), ranking.key


def article_quotes(
    article: Article, speakers: set[str] | None, highlighter: Highlighter | None
) -> Iterator[tuple[int, Quote, list[tuple[int, int]]]]:
    """(position, quotation, highlighted spans) of an article's quotations that match."""
    for n, quote in enumerate(article.quotes):
        if speakers is not None and (not quote.speaker or fold(quote.speaker) not in speakers):
            continue
        spans = highlighter.spans(quote.text) if highlighter is not None else []
        if highlighter is not None and not spans:
            continue
        yield n, quote, spans


def quote_key(quote: Quote) -> bytes:
    """What makes two quotations the same one (a syndicated copy repeats it): a digest of both."""
    same = f"{fold(quote.text).strip()}\0{fold(quote.speaker or '')}"
    return blake2b(same.encode("utf-8"), digest_size=16).digest()


def page_of_quotes(
    hits: Iterator[QuoteHit], results: QuoteResults, limit: int, page: int
) -> QuoteResults:
    """`results` with one page of the quotations and their total."""
    skip = (page - 1) * limit
    found = 0
    for hit in hits:
        found += 1
        if skip < found <= skip + limit:
            results.hits.append(hit)
    results.total = found
    return results
