"""The JSON API: search, quotes, one article, stats and health, over the Python search API."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse

from ..article import ARTICLE_ID
from ..errors import ArticleNotFound, QueryError
from ..messages import Param, message_parts, spelled
from ..search.request import QuotesRequest, SearchRequest
from .backend import IndexUnavailable
from .errors import http_parameter
from .params import read


def _searcher(request: Request) -> Any:
    return request.app.state.holder.get()


def run_search(request: Request, *, strict: bool = True, facets: tuple[str, ...] | None = None):
    """Read a search request and run it: (request, results), results None when there is no query."""
    changes = {} if facets is None else {"facets": facets}
    asked = read(SearchRequest, request.query_params, strict=strict, **changes)
    if not asked.query:
        return asked, None
    return asked, _searcher(request).search(asked)


def run_quotes(request: Request, *, strict: bool = True, required: bool = False):
    """Read a quotes request and run it: (request, results), results None without words or a speaker.

    required: a request without either is an error (the API's), not an empty form (the page's).
    """
    asked = read(QuotesRequest, request.query_params, strict=strict)
    if required:
        asked.require_quotations_asked()
    if not asked.asks_for_quotations():
        return asked, None
    return asked, _searcher(request).quotes(asked)


def find_article(request: Request, article_id: str, by: str = "id"):
    """The article with this id (by="id"), or this URL or id (by="id or URL"); else ArticleNotFound."""
    if by == "id" and not ARTICLE_ID.match(article_id):
        raise ArticleNotFound(f"no article with id {article_id!r}")
    try:
        return _searcher(request).get(article_id)
    except ArticleNotFound:
        # The library's message names the index folder; the web says only what was asked for.
        raise ArticleNotFound(f"no article with {by} {article_id!r}") from None


def web_json(result) -> dict:
    """A result as the API's JSON: notes naming parameters as the HTTP API does, and their parts.

    "note_parts" lets a client (the remote backend) name the parameters its own way (`--since`).
    """
    data = result.to_dict()
    data["notes"] = [spelled(note, http_parameter) for note in result.notes]
    data["note_parts"] = [message_parts(note) for note in result.notes]
    return data


def search(request: Request) -> JSONResponse:
    """GET /api/search: ranked hits, total, facets and a did-you-mean suggestion."""
    _, results = run_search(request)
    if results is None:
        raise QueryError("empty query: the ", Param("q"), " parameter is missing or empty")
    return JSONResponse(web_json(results))


def quotes(request: Request) -> JSONResponse:
    """GET /api/quotes: quotations matching the query, with speaker and article."""
    _, results = run_quotes(request, required=True)
    return JSONResponse(web_json(results))


def article(request: Request) -> JSONResponse:
    """GET /api/articles/{id}: one article record."""
    return JSONResponse(find_article(request, request.path_params["id"]).to_dict())


def article_by_url(request: Request) -> JSONResponse:
    """GET /api/articles?url=URL: the article with this URL (or id), as `searcher show` finds it."""
    urls = request.query_params.getlist("url")
    if len(urls) != 1 or len(request.query_params) != 1:
        raise QueryError("give the article's URL (once) and nothing else: /api/articles?url=URL")
    return JSONResponse(find_article(request, urls[0], "id or URL").to_dict())


def stats(request: Request) -> JSONResponse:
    """GET /api/stats: what the index holds (without the server's file paths)."""
    return JSONResponse(request.app.state.holder.stats())


def health(request: Request) -> JSONResponse:
    """GET /api/health: 200 when the index can be searched, 503 otherwise."""
    try:
        stats = request.app.state.holder.stats()
    except IndexUnavailable as exc:
        return JSONResponse({"status": "unavailable", "error": str(exc)}, status_code=503)
    # A sharded index with shards down still answers, and says which are missing.
    partial = {"partial": stats["partial"]} if "partial" in stats else {}
    return JSONResponse({"status": "ok", "articles": int(stats["articles"]), **partial})
