"""The web application: the JSON API under /api, the search pages for people, static files."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from ..errors import SearcherError
from . import analysis, analysis_pages, api, links, openapi, pages
from .backend import SearcherHolder
from .errors import http_error_handler, searcher_error_handler, server_error_handler
from .hosts import AllowedHostsMiddleware
from .security import SecurityHeadersMiddleware

HERE = Path(__file__).parent


def _templates() -> Jinja2Templates:
    # Autoescape everything: article text comes from arbitrary web pages.
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["url_with"] = links.url_with
    env.globals["field_query"] = links.field_query
    env.globals["article_link"] = pages.article_link
    env.globals["trail_link"] = analysis_pages.trail_link
    env.filters["day"] = pages.day
    return Jinja2Templates(env=env)


def create_app(
    index_path: str | os.PathLike,
    *,
    allowed_hosts: Sequence[str] | None = None,
    opener: Callable[[Path], Any] | None = None,
) -> Starlette:
    """A read-only app over the index at `index_path` (opened on first request, followed through rebuilds).

    `allowed_hosts` limits the Host header (against DNS rebinding of a local server); None allows any.
    """
    get = ["GET"]  # HEAD comes with GET; nothing here writes.
    routes = [
        Route("/", pages.search_page, methods=get, name="search"),
        Route("/quotes", pages.quotes_page, methods=get, name="quotes"),
        Route("/articles/{id}", pages.article_page, methods=get, name="article"),
        Route("/trail", analysis_pages.trail_page, methods=get, name="trail"),
        Route("/api/search", api.search, methods=get),
        Route("/api/quotes", api.quotes, methods=get),
        Route("/api/articles", api.article_by_url, methods=get),
        Route("/api/articles/{id}", api.article, methods=get),
        Route("/api/timeline", analysis.timeline, methods=get),
        Route("/api/terms", analysis.terms, methods=get),
        Route("/api/trail", analysis.trail, methods=get),
        Route("/api/export", analysis.export, methods=get),
        Route("/api/stats", api.stats, methods=get),
        Route("/api/health", api.health, methods=get),
        Route("/api/openapi.json", openapi.endpoint, methods=get),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    app = Starlette(
        routes=routes,
        middleware=[
            Middleware(SecurityHeadersMiddleware),
            *(
                [Middleware(AllowedHostsMiddleware, allowed_hosts=list(allowed_hosts))]
                if allowed_hosts
                else []
            ),
        ],
        exception_handlers={
            SearcherError: searcher_error_handler,
            HTTPException: http_error_handler,
            Exception: server_error_handler,
        },
    )
    app.state.holder = SearcherHolder(index_path, opener)
    app.state.templates = _templates()
    return app
