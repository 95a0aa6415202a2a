"""The JSON API of the analyses: timeline, top terms, quote trails, and CSV exports of every match."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, StreamingResponse

from ..errors import QueryError
from .params import DATES, FILTERS, _Reader

PERIODS = ("day", "week", "month", "year")
SPLITS = ("outlet", "author", "speaker", "lang")
EXPORTS = ("articles", "quotes")
SORTS = ("relevance", "newest", "oldest")

TIMELINE_PARAMS = ("q", "any", *FILTERS, *DATES, "fuzzy", "by", "split", "top")
TERMS_PARAMS = ("q", "any", *FILTERS, *DATES, "fuzzy", "size")
TRAIL_PARAMS = ("q", *FILTERS, *DATES, "min_similarity")
EXPORT_PARAMS = ("q", "any", *FILTERS, *DATES, "fuzzy", "sort", "kind", "format")


@dataclass
class AnalysisParams:
    """A checked analysis request: the query, its filters, and the analysis' own options."""

    q: str = ""
    any: bool = False
    fuzzy: bool = False
    filters: dict[str, str] = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)

    def word_options(self) -> dict[str, Any]:
        """The filters plus any and fuzzy, as keyword options of the Python API."""
        return dict(self.filters, any=self.any, fuzzy=self.fuzzy)


def _filters(read: _Reader) -> dict[str, str]:
    return {name: value for name in (*FILTERS, *DATES) if (value := read.text(name))}


def parse_timeline(query: Mapping[str, Any], *, strict: bool = True) -> AnalysisParams:
    """Check a timeline request's parameters."""
    read = _Reader(query, TIMELINE_PARAMS, strict)
    split = read.text("split")
    if split is not None and split not in SPLITS:
        raise QueryError(f"parameter 'split' must be one of {', '.join(SPLITS)}, not {split!r}")
    return AnalysisParams(
        read.text("q") or "",
        read.flag("any"),
        read.flag("fuzzy"),
        _filters(read),
        {
            "by": read.choice("by", PERIODS, "month"),
            "split": split,
            "top": read.integer("top", 5, 1, 50),
        },
    )


def parse_terms(query: Mapping[str, Any], *, strict: bool = True) -> AnalysisParams:
    """Check a top-terms request's parameters."""
    read = _Reader(query, TERMS_PARAMS, strict)
    return AnalysisParams(
        read.text("q") or "",
        read.flag("any"),
        read.flag("fuzzy"),
        _filters(read),
        {"size": read.integer("size", 15, 1, 200)},
    )


def parse_trail(query: Mapping[str, Any], *, strict: bool = True) -> AnalysisParams:
    """Check a quote-trail request's parameters."""
    read = _Reader(query, TRAIL_PARAMS, strict)
    return AnalysisParams(
        read.text("q") or "",
        filters=_filters(read),
        options={"min_similarity": read.integer("min_similarity", 85, 50, 100)},
    )


def parse_export(query: Mapping[str, Any]) -> AnalysisParams:
    """Check an export request's parameters."""
    read = _Reader(query, EXPORT_PARAMS, True)
    read.choice("format", ("csv",), "csv")
    return AnalysisParams(
        read.text("q") or "",
        read.flag("any"),
        read.flag("fuzzy"),
        _filters(read),
        {
            "kind": read.choice("kind", EXPORTS, "articles"),
            "sort": read.choice("sort", SORTS, "relevance"),
        },
    )


def _searcher(request: Request) -> Any:
    return request.app.state.holder.get()


def run_timeline(request: Request, params: AnalysisParams):
    """The timeline of a checked request."""
    return _searcher(request).timeline(params.q or None, **params.options, **params.word_options())


def run_terms(request: Request, params: AnalysisParams):
    """The top terms of a checked request."""
    return _searcher(request).terms(params.q or None, **params.options, **params.word_options())


def run_trail(request: Request, params: AnalysisParams):
    """The quote trail of a checked request."""
    if not params.q:
        raise QueryError("give the quotation to trace (q)")
    return _searcher(request).trail(params.q, **params.options, **params.filters)


def timeline(request: Request) -> JSONResponse:
    """GET /api/timeline: matching articles per period against all articles of the period."""
    return JSONResponse(run_timeline(request, parse_timeline(request.query_params)).to_dict())


def terms(request: Request) -> JSONResponse:
    """GET /api/terms: the words and names most characteristic of the matches."""
    params = parse_terms(request.query_params)
    if not params.q and not params.filters:
        raise QueryError("give a query (q) or a filter whose matches to describe")
    return JSONResponse(run_terms(request, params).to_dict())


def trail(request: Request) -> JSONResponse:
    """GET /api/trail: every article carrying a quotation, oldest first, with who is credited."""
    return JSONResponse(run_trail(request, parse_trail(request.query_params)).to_dict())


def export(request: Request) -> StreamingResponse:
    """GET /api/export: every matching article (kind=articles) or quotation (kind=quotes) as CSV, streamed."""
    from ..search.export import articles_csv, quotes_csv

    params = parse_export(request.query_params)
    searcher = _searcher(request)
    kind, sort = params.options["kind"], params.options["sort"]
    if kind == "quotes":
        if not params.q and not params.filters.get("speaker"):
            raise QueryError("give words to find (q) or a speaker")
        rows = searcher.iter_quotes(params.q or None, **params.word_options())
        lines = quotes_csv(rows)
    else:
        if not params.q:
            raise QueryError("give a query: the q parameter is missing or empty")
        lines = articles_csv(searcher.iter_articles(params.q, sort=sort, **params.word_options()))
    # The first line is made here, so a bad query is a 400 before the 200 of the stream is sent.
    first = next(lines)
    return StreamingResponse(
        _chain(first, lines),
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="searcher-{kind}.csv"'},
    )


def _chain(first: str, rest):
    yield first
    yield from rest
