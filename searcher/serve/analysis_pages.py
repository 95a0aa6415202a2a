"""The analyses on the pages: the timeline chart and top terms beside a search, and a quotation's trail."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from ..errors import QueryError
from ..search.options import TermsRequest, TimelineRequest, TrailRequest
from ..search.request import SearchRequest
from .analysis import run_trail
from .chart import timeline_svg
from .links import field_query, url_with
from .params import MAX_QUERY_LENGTH, read

PAGE_TERMS = 8
# Bars a chart may have before a longer period is used, and fewer than which a shorter one is.
MAX_BARS = 48
MIN_BARS = 3


def trail_link(text: str) -> str:
    """The page of a quotation's trail."""
    return url_with("/trail", q=text[:MAX_QUERY_LENGTH])


def _period_filter(
    timeline, index: int, since: str | None = None, until: str | None = None
) -> dict[str, str]:
    """since/until parameters covering one period of a timeline, within the search's own since/until."""
    import calendar

    from ..search.dates import date_bounds

    start = timeline.starts[index]
    bounds = date_bounds(since, until)
    if timeline.by == "year":
        end = start.replace(month=12, day=31)
    elif timeline.by == "month":
        end = start.replace(day=calendar.monthrange(start.year, start.month)[1])
    else:
        end = start + timedelta(days=6 if timeline.by == "week" else 0)
    # a period cut by the search's dates: its link keeps the cut, or it would widen what the bar counted
    if (bounds.start and bounds.start.date() > start) or (bounds.end and bounds.end.date() < end):
        start = max(start, bounds.start.date()) if bounds.start else start
        end = min(end, bounds.end.date()) if bounds.end else end
        return {"since": start.isoformat(), "until": end.isoformat()}
    if timeline.by == "year":
        return {"since": f"{start.year:04d}", "until": f"{start.year:04d}"}
    if timeline.by == "month":
        month = f"{start.year:04d}-{start.month:02d}"
        return {"since": month, "until": month}
    return {"since": start.isoformat(), "until": end.isoformat()}


def search_extras(request: Request, params: SearchRequest, searcher: Any) -> dict[str, Any]:
    """The chart of the matches over time and their top terms, for the search page."""
    # Requests, not keywords: any backend (a coordinator, a remote API) takes them.
    options = params.word_options()
    timeline = searcher.timeline(TimelineRequest.of(params.query, by="month", **options))
    if len(timeline.periods) > MAX_BARS:
        timeline = searcher.timeline(TimelineRequest.of(params.query, by="year", **options))
    elif len(timeline.periods) < MIN_BARS:
        timeline = searcher.timeline(TimelineRequest.of(params.query, by="week", **options))
    chart = timeline_svg(
        timeline,
        link=lambda i: url_with(request, **_period_filter(timeline, i, params.since, params.until)),
    )
    terms = searcher.terms(TermsRequest.of(params.query, size=PAGE_TERMS, **options))
    return {
        "chart": chart,
        "timeline": timeline,
        "terms": [
            {
                "text": t.text,
                "kind": t.kind,
                "count": t.matches,
                "of": t.matches_of,
                "url": url_with(request, q=f"{params.query} {_term_query(t)}"),
            }
            for t in terms.words + terms.names
        ][: 2 * PAGE_TERMS],
    }


def _term_query(term) -> str:
    """The query words that narrow a search to a term."""
    if term.kind == "word":
        return term.text
    return field_query(term.kind, term.text)


def trail_page(request: Request) -> Response:
    """GET /trail: every article carrying a quotation, oldest first, who is credited, and a warning on conflicts."""
    context: dict[str, Any] = {
        "section": "quotes",
        "trail": None,
        "error": None,
        "notes": [],
        "q": "",
        "max_query": MAX_QUERY_LENGTH,
    }
    status = 200
    try:
        params = read(TrailRequest, request.query_params, strict=False)
        context["q"] = params.query
        if params.query:
            trail = run_trail(request, params)
            context.update(trail=trail, notes=trail.notes)
    except QueryError as exc:
        context.update(error=str(exc), q=request.query_params.get("q", "")[:MAX_QUERY_LENGTH])
        status = 400
    return request.app.state.templates.TemplateResponse(
        request, "trail.html", context, status_code=status
    )
