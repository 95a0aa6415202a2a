"""How failures become responses: JSON {"error": message} under /api, an HTML page elsewhere."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ..errors import ArticleNotFound, QueryError, SearcherError
from .backend import UNAVAILABLE, IndexUnavailable
from .security import HEADERS

_REASONS = {
    400: "Bad request",
    404: "Not found",
    405: "Method not allowed",
    500: "Server error",
    503: "Index unavailable",
}


def status_of(exc: Exception) -> int:
    """The HTTP status for a library error."""
    if isinstance(exc, (IndexUnavailable, *UNAVAILABLE)):
        return 503
    if isinstance(exc, ArticleNotFound):
        return 404
    if isinstance(exc, (QueryError, SearcherError)):
        return 400
    return 500


def error_response(request: Request, status: int, message: str) -> Response:
    """The error as JSON for API clients, as a page for people."""
    if request.url.path.startswith("/api/") or request.url.path == "/api":
        return JSONResponse({"error": message}, status_code=status)
    templates = request.app.state.templates
    return templates.TemplateResponse(
        request,
        "error.html",
        {"status": status, "reason": _REASONS.get(status, "Error"), "message": message},
        status_code=status,
    )


def http_parameter(name: str) -> str:
    """A parameter as the HTTP API knows it: the query-string parameter's name, as the caller wrote it."""
    return name


def message_of(exc: Exception) -> str:
    """A library error's message, its parameters named as the HTTP API's."""
    return exc.spelled(http_parameter) if isinstance(exc, QueryError) else str(exc)


async def searcher_error_handler(request: Request, exc: Exception) -> Response:
    """A SearcherError raised by an endpoint, as a one-line message with the right status."""
    return error_response(request, status_of(exc), message_of(exc))


async def http_error_handler(request: Request, exc: Exception) -> Response:
    """Starlette's own errors (unknown path, wrong method) in the same shape as ours."""
    assert isinstance(exc, HTTPException)
    message = exc.detail if isinstance(exc.detail, str) else _REASONS.get(exc.status_code, "error")
    if exc.status_code == 404:
        message = f"no such page: {request.url.path}"
    response = error_response(request, exc.status_code, message)
    if exc.headers:
        response.headers.update(exc.headers)
    return response


async def server_error_handler(request: Request, exc: Exception) -> Response:
    """An unexpected failure: a short message (details stay in the server log) and the usual headers."""
    response = error_response(
        request, 500, "internal error: the server could not answer this request"
    )
    # This handler runs outside the middleware that adds the security headers.
    response.headers.update(HEADERS)
    return response
