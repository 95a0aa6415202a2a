"""Quote search: the quotations of the matching articles, best article first, each story's quotation once."""

from __future__ import annotations

from collections.abc import Callable, Iterator
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
    if not found.docs:
        return
    speakers = speaker_names(reading, speaker)
    highlighter = None if found.plan.matches_all else found.plan.highlighter()
    order, _key = quote_order(reading, found)
    found_count = 0
    seen_texts: set[tuple[str, str]] = set()
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
    matched = found.docs
    if found.plan.matches_all:
        column = reading.days()

        def newest_first(doc: int) -> tuple:
            day = int(column[doc])
            return (day != NO_DAY, day if day != NO_DAY else 0)

        order = sorted(matched, key=newest_first, reverse=True)
        return ((d, 0.0) for d in order), newest_first
    ranking = result_order(
        reading, found.plan.groups, found.memo, matched, "relevance", ordered=found.ordered
    )
    return ranking.ranked(len(matched)), ranking.key


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


def quote_key(quote: Quote) -> tuple[str, str]:
    """What makes two quotations the same one (a syndicated copy repeats it)."""
    return (fold(quote.text).strip(), fold(quote.speaker or ""))


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
