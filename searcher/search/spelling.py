"""Spelling: fuzzy expansions of words the index lacks, and "did you mean" for searches finding little."""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np

from .. import fields as table
from ..errors import QueryError
from ..textfold import fold
from .analyzers import FieldAnalyzers
from .compiler import Expansions
from .docsets import query_array
from .fuzzy import correction, expansions
from .plan import QueryPlan
from .session import Reading
from .stats import CollectionStats
from .vocabulary import Vocabulary

_WORD = re.compile(r"\w+")


def fuzzy_expander(reading: Reading) -> Callable[[list[str]], Expansions]:
    """Expands the words of a query the index lacks to close words of its vocabulary."""
    return collection_expander(reading.analyzers(), reading.stats)


def collection_expander(
    analyzers: FieldAnalyzers, stats: CollectionStats
) -> Callable[[list[str]], Expansions]:
    """Expands the words of a query the collection lacks to close words of its vocabulary."""
    text_fields = [f for f in table.TEXT_FIELDS if f in analyzers.names]

    def matches_already(word: str) -> bool:
        # "computerized" may be missing from the unstemmed vocabulary yet match by its stem.
        return any(
            stats.doc_frequency(f, t) > 0 for f in text_fields for t in analyzers.terms(f, word)
        )

    def expand(words: list[str]) -> Expansions:
        return expansions(
            [w for w in words if not matches_already(w)], stats.vocabulary().bucketed()
        )

    return expand


def did_you_mean(
    reading: Reading, plan: QueryPlan, allowed: set[int] | None, total: int
) -> str | None:
    """The query with its misspelled words corrected, when that finds more than `total` matches."""
    found = respelling(reading, plan, allowed)
    return found[0] if found is not None and found[1] > total else None


def respelling(
    reading: Reading, plan: QueryPlan, allowed: set[int] | None
) -> tuple[str, int] | None:
    """The query with its misspelled words corrected (from the collection's vocabulary), and how
    many documents of this index it matches among those allowed; None when nothing to correct."""
    suggested = corrected_text(plan, reading.vocabulary())
    if suggested is None:
        return None
    count = respelled_matches(reading, plan, suggested, allowed)
    return (suggested, count) if count is not None else None


def corrected_text(plan: QueryPlan, vocabulary: Vocabulary) -> str | None:
    """The query with its misspelled words corrected; None when nothing to correct."""
    fixes = {}
    for word in plan.spelling:
        fixed = correction(word, vocabulary)
        if fixed and fixed != word:
            fixes[word] = fixed
    if not fixes:
        return None
    suggested = replace_words(plan.text, fixes)
    return suggested if suggested != plan.text else None


def respelled_matches(
    reading: Reading, plan: QueryPlan, suggested: str, allowed: set[int] | None
) -> int | None:
    """How many documents of this index another spelling of the query matches among those
    allowed (None when that spelling is no query)."""
    try:
        corrected = plan.respelled(suggested)
    except QueryError:
        return None
    # The session's postings: the words the search read already are not decoded again.
    new_docs = query_array(reading.searcher, corrected.query, reading.postings())
    if allowed is not None:
        return int(np.isin(new_docs, np.fromiter(allowed, np.int64, len(allowed))).sum())
    return len(new_docs)


def replace_words(query: str, fixes: dict[str, str]) -> str:
    """The query with each misspelled word replaced, keeping everything else as typed."""

    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        return fixes.get(fold(word), word)

    return _WORD.sub(swap, query)
