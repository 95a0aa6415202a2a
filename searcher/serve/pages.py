"""The HTML pages for people: search, quotes and one article, rendered from the search API's records."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

from starlette.requests import Request
from starlette.responses import Response

from ..errors import QueryError
from ..messages import partial_notice, spelled
from ..search.request import SPEAKER, QuotesRequest, SearchRequest
from .analysis_pages import search_extras
from .api import find_article, run_quotes, run_search
from .errors import http_parameter, message_of
from .highlight import mark_spans, quoted_body
from .links import url_with
from .params import MAX_PAGE, MAX_QUERY_LENGTH

# Facets shown beside the results (the page's choice), each a filter when clicked.
PAGE_FACETS = ("outlet", "author", "year", "speaker")
# A filter's label is its name, capitalised, but for these.
LABELS = {"lang": "Language", "since": "From", "until": "To"}
SORT_LABELS = (("relevance", "Best match"), ("newest", "Newest first"), ("oldest", "Oldest first"))


def day(value: str | None) -> str:
    """An ISO date or timestamp shown as its day (YYYY-MM-DD)."""
    return (value or "")[:10]


def article_link(article_id: str) -> str:
    """The page of one article."""
    return "/articles/" + quote(article_id, safe="")


def web_link(url: str | None) -> str | None:
    """The URL when it is safe to link to (http or https), else None: no javascript: or data: links."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def partial_of(results: Any) -> str | None:
    """The notice of an answer some shards could not give (None when it is whole)."""
    missing = results.missing_shards
    return partial_notice(missing).capitalize() + "." if missing else None


def web_notes(notes: list[str]) -> list[str]:
    """Library notes, their parameters named as the web knows them."""
    return [spelled(note, http_parameter) for note in notes]


@dataclass
class Pages:
    """Links to the previous and next page of results."""

    number: int
    previous: str | None
    next: str | None


def label(name: str) -> str:
    """How the page names a filter or facet."""
    return LABELS.get(name, name.capitalize())


def pages_of(
    request: Request, total: int, shown: int, params: SearchRequest | QuotesRequest
) -> Pages:
    """Paging links for a result list.

    `total` counts every matching article, but copies of one story share a hit, so a page
    that is not full is the last one even when `total` promises more.
    """
    number = params.page
    last = min(MAX_PAGE, math.ceil(total / params.limit))
    previous = url_with(request, page=str(number - 1)) if number > 1 else None
    following = (
        url_with(request, page=str(number + 1)) if number < last and shown == params.limit else None
    )
    return Pages(number, previous, following)


def active_filters(
    request: Request, params: SearchRequest | QuotesRequest, *, besides: tuple[str, ...] = ()
) -> list[dict[str, str]]:
    """The filters in force (but those the page has a box for), each with a link that removes it."""
    return [
        {"label": label(name), "value": str(value), "remove": url_with(request, **{name: None})}
        for name, value in params.filter_options().items()
        if value and name not in besides
    ]


def facet_lists(request: Request, params: SearchRequest, results: Any) -> list[dict[str, Any]]:
    """Facet values as links that add (or, when already chosen, remove) the matching filter."""
    lists = []
    for name in PAGE_FACETS:
        facet = results.facets.get(name)
        if facet is None or not facet.counts:
            continue
        items = []
        for entry in facet.counts:
            if name == "year":
                active = params.since == entry.value and params.until == entry.value
                change = (
                    {"since": None, "until": None}
                    if active
                    else {"since": entry.value, "until": entry.value}
                )
            else:
                active = params.filters.get(name) == entry.value
                change = {name: None if active else entry.value}
            items.append(
                {
                    "value": entry.value,
                    "count": entry.count,
                    "active": active,
                    "url": url_with(request, **change),
                }
            )
        lists.append({"name": name, "label": label(name), "entries": items})
    return lists


def hit_view(hit: Any) -> dict[str, Any]:
    """What the page shows of one hit: escaped text with our own <mark> tags."""
    snippet = hit.snippet
    return {
        "article": hit.article,
        "link": article_link(hit.article.id),
        "snippet": mark_spans(snippet.text, snippet.highlights)
        if snippet and snippet.text
        else None,
        "quotes": [
            {
                "html": mark_spans(m.quote.text, m.highlights),
                "speaker": m.quote.speaker,
                "text": m.quote.text,
            }
            for m in hit.matched_quotes[:2]
        ],
        "also_in": [
            {"id": c.id, "outlet": c.outlet, "link": article_link(c.id)} for c in hit.also_in
        ],
    }


def _render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    context.setdefault("max_query", MAX_QUERY_LENGTH)
    return request.app.state.templates.TemplateResponse(request, name, context, status_code=status)


def search_page(request: Request) -> Response:
    """GET /: the search box, results with snippets, facets, paging and "did you mean"."""
    context: dict[str, Any] = {
        "section": "articles",
        "sorts": SORT_LABELS,
        "results": None,
        "hits": [],
        "facets": [],
        "active": [],
        "notes": [],
        "partial": None,
        "error": None,
        "did_you_mean": None,
        "overview": None,
        "params": SearchRequest(),
        "first_rank": 1,
        "chart": None,
        "terms": [],
    }
    try:
        params, results = run_search(request, strict=False, facets=PAGE_FACETS)
        context["params"] = params
    except QueryError as exc:
        # Keep what the user typed in the box so it can be corrected.
        typed = request.query_params.get("q", "")[:MAX_QUERY_LENGTH]
        context.update(error=message_of(exc), params=SearchRequest(typed))
        return _render(request, "search.html", context, 400)
    context["active"] = active_filters(request, params)
    if results is None:
        context["overview"] = request.app.state.holder.stats()
    else:
        context.update(
            results=results,
            hits=[hit_view(hit) for hit in results.hits],
            facets=facet_lists(request, params, results),
            notes=web_notes(results.notes),
            partial=partial_of(results),
            # Pages hold stories: a syndicated story's copies are one hit.
            pages=pages_of(request, results.stories, len(results.hits), params),
            first_rank=(params.page - 1) * params.limit + 1,
        )
        if results.total:
            context.update(search_extras(request, params, request.app.state.holder.get()))
        if results.did_you_mean:
            context["did_you_mean"] = {
                "text": results.did_you_mean,
                "url": url_with(request, q=results.did_you_mean),
            }
    return _render(request, "search.html", context)


def quotes_page(request: Request) -> Response:
    """GET /quotes: quotations matching words and a speaker: who said what, where, when."""
    context: dict[str, Any] = {
        "section": "quotes",
        "results": None,
        "hits": [],
        "active": [],
        "notes": [],
        "partial": None,
        "error": None,
        "params": QuotesRequest(),
        "first_rank": 1,
    }
    try:
        params, results = run_quotes(request, strict=False)
        context["params"] = params
    except QueryError as exc:
        typed = request.query_params.get("q", "")[:MAX_QUERY_LENGTH]
        context.update(error=message_of(exc), params=QuotesRequest(typed))
        return _render(request, "quotes.html", context, 400)
    # the speaker has its own box on the page
    context["active"] = active_filters(request, params, besides=(SPEAKER,))
    if results is not None:
        context.update(
            results=results,
            hits=[
                {
                    "html": mark_spans(h.quote.text, h.highlights),
                    "speaker": h.quote.speaker,
                    "text": h.quote.text,
                    "article": h.article,
                    "link": article_link(h.article.id),
                }
                for h in results.hits
            ],
            notes=web_notes(results.notes),
            partial=partial_of(results),
            pages=pages_of(request, results.total, len(results.hits), params),
            first_rank=(params.page - 1) * params.limit + 1,
        )
    return _render(request, "quotes.html", context)


def copies_of(request: Request, article: Any) -> list[dict[str, Any]]:
    """Other outlets' copies of a syndicated article, found by searching for its title.

    The search API groups copies into one hit with "also_in"; the hit that holds this
    article (as itself or as a copy) lists the rest.
    """
    words = re.findall(r"\w+", article.title or "")
    if not words:
        return []
    try:
        title = SearchRequest.of(f'title:"{" ".join(words)}"', limit=20)
        results = request.app.state.holder.get().search(title)
    except QueryError:  # a title of nothing but very common words
        return []
    for hit in results.hits:
        members = [(hit.article.id, hit.article.outlet)] + [(c.id, c.outlet) for c in hit.also_in]
        if any(member_id == article.id for member_id, _ in members):
            return [
                {"id": i, "outlet": o, "link": article_link(i)}
                for i, o in members
                if i != article.id
            ]
    return []


def article_page(request: Request) -> Response:
    """GET /articles/{id}: one article, its quotations marked, with links to its people and copies."""
    article = find_article(request, request.path_params["id"])
    speakers = Counter(q.speaker for q in article.quotes if q.speaker)
    context = {
        "section": "articles",
        "article": article,
        "paragraphs": quoted_body(
            article.body, [(q.start, q.end, q.speaker) for q in article.quotes]
        ),
        "speakers": speakers.most_common(),
        "source_url": web_link(article.url),
        "also_in": copies_of(request, article),
    }
    return _render(request, "article.html", context)
