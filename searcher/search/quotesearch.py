"""Quote search: the quotations of the matching articles, best article first, each story's quotation once."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..textfold import fold
from .filters import speaker_names
from .matching import Match, match, plan_for
from .order import result_order
from .request import QuotesRequest
from .results import QuoteHit, QuoteResults
from .session import Reading

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
    matched, plan = found.docs, found.plan
    if not matched:
        return
    speakers = speaker_names(reading, speaker)
    highlighter = None if plan.matches_all else plan.highlighter()
    if plan.matches_all:
        column = reading.published()

        def newest_first(doc: int) -> tuple[bool, float]:
            moment = column[doc]
            return (moment is not None, moment.timestamp() if moment is not None else 0.0)

        order = sorted(matched, key=newest_first, reverse=True)
        ranked: Iterator[tuple[int, float]] = ((d, 0.0) for d in order)
    else:
        ranking = result_order(reading, plan.groups, found.memo, matched, "relevance")
        ranked = ranking.ranked(len(matched))
    found_count = 0
    seen_texts: set[tuple[str, str]] = set()
    for docnum, score in ranked:
        article = reading.load(docnum)
        if article is None:
            continue
        for quote in article.quotes:
            if speakers is not None and (not quote.speaker or fold(quote.speaker) not in speakers):
                continue
            spans = highlighter.spans(quote.text) if highlighter is not None else []
            if highlighter is not None and not spans:
                continue
            # A syndicated copy repeats the same quote: count it once.
            key = (fold(quote.text).strip(), fold(quote.speaker or ""))
            if key in seen_texts:
                continue
            seen_texts.add(key)
            found_count += 1
            yield QuoteHit(quote, article, score, rank=found_count, highlights=spans)


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
