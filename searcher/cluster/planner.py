"""The parts of a query's plan that read the whole collection, worked out once by the coordinator.

Fuzzy expansions and "did you mean" search the collection's vocabulary (GlobalStats), the
same for every shard: the coordinator works them out once and sends them down, and the
shards only match, score and snippet. The coordinator plans with the schema every shard
is built with (`cluster index` builds them all with this code's schema).
"""

from __future__ import annotations

from typing import Any

from ..index.schema import build_schema
from ..search.analyzers import FieldAnalyzers
from ..search.plan import QueryPlan, plan_query
from ..search.ranking import DEFAULT_PARAMS
from ..search.request import SearchRequest
from ..search.spelling import collection_expander, corrected_text
from ..search.stats import GlobalStats


class Planner:
    """Plans a sharded index's queries as each of its shards would."""

    def __init__(self, stats: GlobalStats):
        self.stats = stats
        self.analyzers = FieldAnalyzers(build_schema())

    def plan(self, request: SearchRequest) -> QueryPlan:
        """The plan of a ranked search (fuzzy: expanded over the collection's vocabulary)."""
        expand = collection_expander(self.analyzers, self.stats) if request.fuzzy else None
        return plan_query(
            request.query,
            self.analyzers,
            DEFAULT_PARAMS.weights,
            any=request.any,
            expand=expand,
            blank_matches_all=False,
        )

    def correction(self, plan: QueryPlan) -> str | None:
        """The query with its misspelled words corrected over the collection's vocabulary."""
        return corrected_text(plan, self.stats.vocabulary())


def plan_json(plan: QueryPlan) -> dict[str, Any]:
    """What a shard takes from the coordinator's plan: the expansions and the words to highlight."""
    return {
        "expansions": {w: [list(a) for a in alts] for w, alts in plan.expansions.items()},
        "highlight": [sorted(plan.highlight_forms), sorted(plan.highlight_stems)],
    }


def expansions_of(data: dict[str, Any]) -> dict[str, list[tuple[str, float]]]:
    """A plan's expansions as plan_json gave them."""
    return {w: [(alt, weight) for alt, weight in alts] for w, alts in data["expansions"].items()}
