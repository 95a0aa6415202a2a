"""The web's side of the requests: its limits, and the query-string parameters each request takes.

The requests themselves (what a parameter means, its checks and messages) are in
searcher.search.request and searcher.search.options; here they are read with the web's limits.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from ..search.request import HTTP, Request, replace

R = TypeVar("R", bound=Request)

MAX_QUERY_LENGTH: int = HTTP.text_length or 0
MAX_LIMIT: int = HTTP.maxima["limit"]
MAX_PAGE: int = HTTP.maxima["page"]


def parameter_names(request: type[Request]) -> tuple[str, ...]:
    """The query-string parameters a request takes, the query first."""
    return (request.QUERY, *(spec.name for spec in request.SPECS))


def read(request: type[R], query: Mapping[str, Any], *, strict: bool = True, **changes: Any) -> R:
    """The request in a query string, with the web's limits (and `changes` the page makes)."""
    checked = request.from_query(query, HTTP, strict)
    return replace(checked, **changes) if changes else checked
