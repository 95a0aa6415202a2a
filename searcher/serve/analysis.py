"""The JSON API of the analyses: timeline, top terms, quote trails, and exports of every match (CSV, JSON lines)."""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, StreamingResponse

from ..errors import QueryError
from ..messages import message_parts
from ..search.options import ExportRequest, TermsRequest, TimelineRequest, TrailRequest
from ..search.request import QuotesRequest
from .api import web_json
from .params import read


def _searcher(request: Request) -> Any:
    return request.app.state.holder.get()


def run_trail(request: Request, asked: TrailRequest):
    """The quote trail of a checked request."""
    return _searcher(request).trail(asked)


def timeline(request: Request) -> JSONResponse:
    """GET /api/timeline: matching articles per period against all articles of the period."""
    asked = read(TimelineRequest, request.query_params)
    return JSONResponse(web_json(_searcher(request).timeline(asked)))


def terms(request: Request) -> JSONResponse:
    """GET /api/terms: the words and names most characteristic of the matches."""
    asked = read(TermsRequest, request.query_params)
    return JSONResponse(web_json(_searcher(request).terms(asked)))


def trail(request: Request) -> JSONResponse:
    """GET /api/trail: every article carrying a quotation, oldest first, with who is credited."""
    return JSONResponse(web_json(run_trail(request, read(TrailRequest, request.query_params))))


def export(request: Request) -> StreamingResponse:
    """GET /api/export: every matching article (kind=articles) or quotation (kind=quotes), streamed.

    format=csv: a header row, then one row a match; format=jsonl: one JSON record a line (the
    article record, or the quotation hit of /api/quotes).
    """
    from ..search.export import JSON_LINES, NOTES_HEADER, articles_csv, json_lines, quotes_csv

    asked = read(ExportRequest, request.query_params)
    searcher = _searcher(request)
    selection = asked.selection()
    notes: list[Any] = []
    rows: Any
    if isinstance(selection, QuotesRequest):
        rows = searcher.iter_quotes(selection, notes=notes)
        lines = quotes_csv(rows) if asked.format == "csv" else json_lines(rows)
    else:
        if not (selection.query or selection.has_filter()):
            raise QueryError("empty query: give words (q) or a filter whose matches to export")
        rows = searcher.iter_articles(selection, notes=notes)
        lines = articles_csv(rows) if asked.format == "csv" else json_lines(rows)
    # The first line is made here, so a bad query is a 400 before the 200 of the stream is sent.
    first = next(lines, "")
    return StreamingResponse(
        _chain(first, lines),
        media_type="text/csv; charset=utf-8"
        if asked.format == "csv"
        else JSON_LINES + "; charset=utf-8",
        headers={
            "content-disposition": f'attachment; filename="searcher-{asked.kind}.{asked.format}"',
            # ASCII JSON: a header is Latin-1 text
            NOTES_HEADER: json.dumps([message_parts(note) for note in notes]),
        },
    )


def _chain(first: str, rest):
    yield first
    yield from rest
