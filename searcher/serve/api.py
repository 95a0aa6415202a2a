"""The JSON API: search, quotes, one article, stats and health, over the Python search API."""

from __future__ import annotations

import re
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse

from ..errors import ArticleNotFound, QueryError
from ..messages import Param, spelled
from .backend import IndexUnavailable
from .errors import http_parameter
from .params import parse_quotes, parse_search

# Article ids are short hex digests; anything else cannot name an article.
ARTICLE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def _searcher(request: Request) -> Any:
    return request.app.state.holder.get()


def run_search(request: Request, *, strict: bool = True, facets: tuple[str, ...] | None = None):
    """Parse a search request and run it: (params, results), results None when there is no query."""
    params = parse_search(request.query_params, strict=strict)
    if facets is not None:
        params.facets = list(facets)
    if not params.q:
        return params, None
    return params, _searcher(request).search(params.q, **params.options())


def run_quotes(request: Request, *, strict: bool = True):
    """Parse a quotes request and run it: (params, results), results None without words or a speaker."""
    params = parse_quotes(request.query_params, strict=strict)
    if not (params.q or params.filters.get("speaker")):
        return params, None
    options = dict(
        params.filters,
        any=params.any,
        since=params.since,
        until=params.until,
        fuzzy=params.fuzzy,
        limit=params.limit,
        page=params.page,
    )
    return params, _searcher(request).quotes(params.q or None, **options)


def find_article(request: Request, article_id: str):
    """The article with this id, or ArticleNotFound."""
    if not ARTICLE_ID.match(article_id):
        raise ArticleNotFound(f"no article with id {article_id!r}")
    try:
        return _searcher(request).get(article_id)
    except ArticleNotFound:
        # The library's message names the index folder; the web says only what was asked for.
        raise ArticleNotFound(f"no article with id {article_id!r}") from None


def with_web_notes(results) -> dict:
    """A result page as JSON, its notes naming parameters as the HTTP API does."""
    data = results.to_dict()
    data["notes"] = [spelled(note, http_parameter) for note in results.notes]
    return data


def search(request: Request) -> JSONResponse:
    """GET /api/search: ranked hits, total, facets and a did-you-mean suggestion."""
    _, results = run_search(request)
    if results is None:
        raise QueryError("give a query: the ", Param("q"), " parameter is missing or empty")
    return JSONResponse(with_web_notes(results))


def quotes(request: Request) -> JSONResponse:
    """GET /api/quotes: quotations matching the query, with speaker and article."""
    _, results = run_quotes(request)
    if results is None:
        raise QueryError("give words to find (", Param("q"), ") or a ", Param("speaker"))
    return JSONResponse(with_web_notes(results))


def article(request: Request) -> JSONResponse:
    """GET /api/articles/{id}: one article record."""
    return JSONResponse(find_article(request, request.path_params["id"]).to_dict())


def stats(request: Request) -> JSONResponse:
    """GET /api/stats: what the index holds (without the server's file paths)."""
    return JSONResponse(request.app.state.holder.stats())


def health(request: Request) -> JSONResponse:
    """GET /api/health: 200 when the index can be searched, 503 otherwise."""
    try:
        articles = request.app.state.holder.article_count()
    except IndexUnavailable as exc:
        return JSONResponse({"status": "unavailable", "error": str(exc)}, status_code=503)
    return JSONResponse({"status": "ok", "articles": articles})
