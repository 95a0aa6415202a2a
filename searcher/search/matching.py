"""A query's plan on one index generation, and the documents it and the filters match."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from .compiler import Expansions
from .docsets import Postings, all_docs, query_array
from .filters import allowed_docs
from .plan import QueryPlan, plan_query
from .session import Reading
from .spelling import fuzzy_expander

STOP_WORDS_NOTE = "the query has only very common words, which are not indexed"


class Match:
    """The documents a plan and its filters match, with the postings read on the way."""

    def __init__(
        self,
        plan: QueryPlan,
        docs: set[int] | None,
        allowed: set[int] | None,
        memo: Postings,
        ordered: np.ndarray | None = None,
    ):
        """`docs` may be None when `ordered` holds them (the set is then made on first use)."""
        self.plan = plan
        self._docs = docs
        # The documents the filters allow (None: no filter is set).
        self.allowed = allowed
        self.memo = memo
        # The same documents as a sorted array (None: not worked out, as for a plan without words).
        self.ordered = ordered

    @property
    def docs(self) -> set[int]:
        """The matched documents as a set (an export walks `ordered` and never makes it)."""
        if self._docs is None:
            assert self.ordered is not None
            self._docs = set(self.ordered.tolist())
        return self._docs

    def __len__(self) -> int:
        """How many documents match."""
        if self._docs is not None:
            return len(self._docs)
        return len(self.ordered) if self.ordered is not None else 0


def plan_for(
    reading: Reading,
    text: str | None,
    *,
    any: bool = False,
    fuzzy: bool = False,
    fields: tuple[str, ...] | None = None,
    blank_matches_all: bool = True,
    expansions: Expansions | None = None,
) -> QueryPlan:
    """The plan of a query on this generation (fuzzy: unknown words expanded to its vocabulary).

    expansions: the fuzzy expansions, worked out already (a coordinator works them out
    once over the whole collection's vocabulary for all its shards).
    """
    expand = fuzzy_expander(reading) if fuzzy else None
    if expansions is not None:
        expand = lambda _words: expansions  # noqa: E731 - the words were expanded already
    return plan_query(
        text,
        reading.analyzers(),
        reading.params.weights,
        any=any,
        fields=fields,
        expand=expand,
        blank_matches_all=blank_matches_all,
    )


def match(
    reading: Reading,
    plan: QueryPlan,
    filters: Mapping[str, Any],
    notes: list[Any],
) -> Match:
    """The documents a plan (matches_all: every document) and the filters match."""
    allowed = allowed_docs(reading, filters, notes)
    memo = reading.postings()
    # Here, not in the ranked search, so that every analysis (timeline, terms, exports) says why nothing matched.
    if plan.stop_words_only:
        notes.append(STOP_WORDS_NOTE)
    if plan.matches_all:
        docs = set(allowed) if allowed is not None else all_docs(reading.searcher)
        return Match(plan, docs, allowed, memo)
    if allowed is not None and not allowed:
        ordered = np.zeros(0, dtype=np.int64)
    else:
        ordered = query_array(reading.searcher, plan.query, memo)
        if allowed is not None:
            ordered = ordered[np.isin(ordered, np.fromiter(allowed, np.int64, len(allowed)))]
    return Match(plan, None, allowed, memo, ordered)
