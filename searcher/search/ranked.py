"""The ranked search: plan, match, count facets, order, one page of hits, and "did you mean"."""

from __future__ import annotations

import numpy as np

from .clusters import story_count
from .columns import doc_array
from .cursor import Cursor, decode_cursor, search_fingerprint
from .facets import DEFAULT_FACET_SIZE, facet_counts
from .filters import FILTER_OPTIONS
from .matching import match, plan_for
from .order import result_order
from .paging import page_of_hits
from .request import SearchRequest
from .results import SearchResults
from .session import Reading
from .spelling import did_you_mean

# A search finding fewer matches than this gets a "did you mean" when one exists.
FEW_RESULTS = 3


def ranked_search(
    reading: Reading,
    request: SearchRequest,
    facet_size: int = DEFAULT_FACET_SIZE,
) -> SearchResults:
    """One page of a ranked search, with facets over every match (the request is checked already)."""
    query, any, sort, fuzzy = request.query, request.any, request.sort, request.fuzzy
    limit, page, feedback, after = request.limit, request.page, request.feedback, request.after
    filters = request.filter_options()
    plan = plan_for(reading, query, any=any, fuzzy=fuzzy, blank_matches_all=False)
    every_filter = {name: filters.get(name) for name in FILTER_OPTIONS}
    fingerprint = search_fingerprint(
        query=query, any=any, sort=sort, fuzzy=fuzzy, feedback=feedback, **every_filter
    )
    generation = reading.generation_key()
    cursor = decode_cursor(after, generation, fingerprint) if after else None
    results = SearchResults(query=query, page=1 if cursor else page, limit=limit, sort=sort)
    found = match(reading, plan, filters, results.notes)
    # The matches as a sorted array: the story count and every facet read the columns with it.
    docs = found.ordered if found.ordered is not None else np.sort(doc_array(found.docs))
    results.expanded = {w: [alt for alt, _ in alts] for w, alts in plan.expansions.items()}
    results.total = len(docs)
    results.stories = story_count(docs, reading.stories())
    for name in request.facets:
        results.facets[name] = facet_counts(reading, name, docs, facet_size)
    if len(docs):
        highlighter = plan.highlighter()
        order = result_order(
            reading,
            plan.groups,
            found.memo,
            None,
            sort,
            feedback,
            results.notes,
            any_words=any,
            ordered=docs,
        )
        if cursor is None:
            ranked = order.ranked(page * limit)
            results.hits = page_of_hits(reading, ranked, page, limit, highlighter)
        else:
            ranked = order.after(cursor.key, limit)
            results.hits = page_of_hits(
                reading,
                ranked,
                1,
                limit,
                highlighter,
                first_rank=cursor.rank,
                earlier=order.cluster_shown_earlier,
            )
        last = results.hits[-1] if len(results.hits) == limit else None
        if last is not None and last.docnum is not None:
            results.next = Cursor(
                generation, fingerprint, order.key(last.docnum), last.rank
            ).encode()
    if results.total < FEW_RESULTS and page == 1 and not fuzzy and cursor is None:
        results.did_you_mean = did_you_mean(reading, plan, found.allowed, results.total)
    return results
