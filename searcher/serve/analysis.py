"""The JSON API of the analyses: timeline, top terms, quote trails, and CSV exports of every match."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, StreamingResponse

from ..errors import QueryError
from ..search.options import ExportRequest, TermsRequest, TimelineRequest, TrailRequest
from ..search.request import QuotesRequest
from .params import read


def _searcher(request: Request) -> Any:
    return request.app.state.holder.get()


def run_trail(request: Request, asked: TrailRequest):
    """The quote trail of a checked request."""
    return _searcher(request).trail(asked)


def timeline(request: Request) -> JSONResponse:
    """GET /api/timeline: matching articles per period against all articles of the period."""
    asked = read(TimelineRequest, request.query_params)
    return JSONResponse(_searcher(request).timeline(asked).to_dict())


def terms(request: Request) -> JSONResponse:
    """GET /api/terms: the words and names most characteristic of the matches."""
    asked = read(TermsRequest, request.query_params)
    return JSONResponse(_searcher(request).terms(asked).to_dict())


def trail(request: Request) -> JSONResponse:
    """GET /api/trail: every article carrying a quotation, oldest first, with who is credited."""
    return JSONResponse(run_trail(request, read(TrailRequest, request.query_params)).to_dict())


def export(request: Request) -> StreamingResponse:
    """GET /api/export: every matching article (kind=articles) or quotation (kind=quotes) as CSV, streamed."""
    from ..search.export import articles_csv, quotes_csv

    asked = read(ExportRequest, request.query_params)
    searcher = _searcher(request)
    selection = asked.selection()
    if isinstance(selection, QuotesRequest):
        lines = quotes_csv(searcher.iter_quotes(selection))
    else:
        if not selection.query:
            raise QueryError("give a query: the q parameter is missing or empty")
        lines = articles_csv(searcher.iter_articles(selection))
    # The first line is made here, so a bad query is a 400 before the 200 of the stream is sent.
    first = next(lines)
    return StreamingResponse(
        _chain(first, lines),
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="searcher-{asked.kind}.csv"'},
    )


def _chain(first: str, rest):
    yield first
    yield from rest
