"""The analyses' requests (timeline, terms, trail, export): the search request's filters plus their own options.

Each is checked once at construction, by the same specs and messages as a search request
(see request.py); the CLI, the HTTP API and the OpenAPI description are derived from them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from .. import fields
from .request import FILTER_SPECS, WORD_SPECS, QuotesRequest, Request, SearchRequest, Spec

PERIODS = ("day", "week", "month", "year")
SPLITS = fields.SPLITS
EXPORTS = ("articles", "quotes")
DEFAULT_TOP, MAX_TOP = 5, 50
DEFAULT_SIZE, MAX_SIZE = 15, 200
DEFAULT_SIMILARITY, MIN_SIMILARITY = 85, 50

BY = Spec("by", "choice", "Length of a period.", "month", choices=PERIODS)
SPLIT = Spec(
    "split",
    "choice",
    "One series per value of this field (the most frequent `top` values).",
    choices=SPLITS,
)
TOP = Spec("top", "whole", "Series shown with split.", DEFAULT_TOP, low=1, high=MAX_TOP)
SIZE = Spec(
    "size", "whole", "How many words and how many names.", DEFAULT_SIZE, low=1, high=MAX_SIZE
)
MIN_SIMILARITY_SPEC = Spec(
    "min_similarity",
    "number",
    "How close a quotation must be to the text (rapidfuzz ratio after folding).",
    DEFAULT_SIMILARITY,
    low=MIN_SIMILARITY,
    high=100,
)
KIND = Spec("kind", "choice", "Rows of articles or of quotations.", EXPORTS[0], choices=EXPORTS)
FORMAT = Spec(
    "format",
    "choice",
    "The format of the rows: CSV, or JSON lines (one record a line).",
    "csv",
    choices=("csv", "jsonl"),
)
EXPORT_SORT = Spec("sort", "choice", "Row order (articles).", fields.SORTS[0], choices=fields.SORTS)


@dataclass(frozen=True, kw_only=True)
class TimelineRequest(Request):
    """Matching articles per period: the query and filters, the period, and an optional split."""

    SPECS: ClassVar[tuple[Spec, ...]] = (*WORD_SPECS, *FILTER_SPECS, BY, SPLIT, TOP)

    any: bool = False
    fuzzy: bool = False
    by: str = "month"
    split: str | None = None
    top: int = DEFAULT_TOP


@dataclass(frozen=True, kw_only=True)
class TermsRequest(Request):
    """The words and names most characteristic of the matches of a query and filters."""

    SPECS: ClassVar[tuple[Spec, ...]] = (*WORD_SPECS, *FILTER_SPECS, SIZE)

    any: bool = False
    fuzzy: bool = False
    size: int = DEFAULT_SIZE


@dataclass(frozen=True, kw_only=True)
class TrailRequest(Request):
    """A quotation to trace through the articles the filters allow."""

    SPECS: ClassVar[tuple[Spec, ...]] = (*FILTER_SPECS, MIN_SIMILARITY_SPEC)

    min_similarity: float = DEFAULT_SIMILARITY


@dataclass(frozen=True, kw_only=True)
class ExportRequest(Request):
    """Every match as CSV rows, of articles (in a sort order) or of quotations."""

    SPECS: ClassVar[tuple[Spec, ...]] = (*WORD_SPECS, *FILTER_SPECS, KIND, EXPORT_SORT, FORMAT)

    any: bool = False
    fuzzy: bool = False
    kind: str = EXPORTS[0]
    sort: str = fields.SORTS[0]
    format: str = "csv"

    def selection(self) -> SearchRequest | QuotesRequest:
        """The search whose every match is a row: of articles in the export's order, or of quotations."""
        common: dict[str, Any] = dict(
            filters=self.filters, since=self.since, until=self.until, limits=self.limits
        )
        if self.kind == "quotes":
            return QuotesRequest(self.query, any=self.any, fuzzy=self.fuzzy, **common)
        return SearchRequest(self.query, any=self.any, fuzzy=self.fuzzy, sort=self.sort, **common)
