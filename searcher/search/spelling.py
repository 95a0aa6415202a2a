"""Spelling: fuzzy expansions of words the index lacks, and "did you mean" for searches finding little."""

from __future__ import annotations

import re
from collections.abc import Callable

from .. import fields as table
from ..errors import QueryError
from ..textfold import fold
from .compiler import Expansions
from .docsets import query_docs
from .fuzzy import correction, expansions
from .plan import QueryPlan
from .session import Reading

_WORD = re.compile(r"\w+")


def fuzzy_expander(reading: Reading) -> Callable[[list[str]], Expansions]:
    """Expands the words of a query the index lacks to close words of its vocabulary."""
    analyzers = reading.analyzers()
    stats = reading.stats
    text_fields = [f for f in table.TEXT_FIELDS if f in analyzers.names]

    def matches_already(word: str) -> bool:
        # "computerized" may be missing from the unstemmed vocabulary yet match by its stem.
        return any(
            stats.doc_frequency(f, t) > 0 for f in text_fields for t in analyzers.terms(f, word)
        )

    def expand(words: list[str]) -> Expansions:
        return expansions([w for w in words if not matches_already(w)], reading.vocabulary())

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
    vocabulary = reading.vocabulary()
    fixes = {}
    for word in plan.spelling:
        fixed = correction(word, vocabulary)
        if fixed and fixed != word:
            fixes[word] = fixed
    if not fixes:
        return None
    suggested = replace_words(plan.text, fixes)
    if suggested == plan.text:
        return None
    try:
        corrected = plan.respelled(suggested)
    except QueryError:
        return None
    new_docs = query_docs(reading.searcher, corrected.query)
    if allowed is not None:
        new_docs &= allowed
    return suggested, len(new_docs)


def replace_words(query: str, fixes: dict[str, str]) -> str:
    """The query with each misspelled word replaced, keeping everything else as typed."""

    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        return fixes.get(fold(word), word)

    return _WORD.sub(swap, query)
