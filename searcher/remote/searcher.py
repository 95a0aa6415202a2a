"""RemoteSearcher: the SearchBackend over a searcher HTTP API, answering with the records a local index gives."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

from ..article import ARTICLE_ID, Article
from ..errors import RemoteError
from ..messages import message_of_parts
from ..search.export import NOTES_HEADER
from ..search.options import ExportRequest, TermsRequest, TimelineRequest, TrailRequest
from ..search.request import QuotesRequest, SearchRequest, as_request
from ..search.results import QuoteHit, QuoteResults, SearchResults
from . import is_remote
from .connection import READ_TIMEOUT, Connection

if TYPE_CHECKING:
    from ..index.summary import IndexStats
    from ..search.backend import SearchBackend
    from ..search.terms import TermsResult
    from ..search.timeline import Timeline
    from ..search.trail import Trail

T = TypeVar("T")


class RemoteSearcher:
    """Searches the searcher HTTP API at `url` as Searcher searches an index; safe to share between threads.

    Requests are checked here, as for a local index; the server checks them again with its
    own limits (its one-line message comes back as a QueryError). Quotation hits carry the
    article fields the API gives with a quotation (no body): get(id) gives the whole record.
    """

    def __init__(self, url: str, *, timeout: float = READ_TIMEOUT, transport: Any = None):
        if not is_remote(url):
            raise RemoteError(f"not the URL of a searcher server (http://host:port): {url!r}")
        self.url = url.strip().rstrip("/")
        self._http = Connection(self.url, timeout, transport)

    def close(self) -> None:
        """Close the connections to the server."""
        self._http.close()

    def __enter__(self) -> RemoteSearcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"RemoteSearcher({self.url!r})"

    def search(
        self, request: SearchRequest | str | None = None, /, **options: Any
    ) -> SearchResults:
        """Ranked search, as Searcher.search (a SearchRequest, or a query and keyword options)."""
        checked = as_request(SearchRequest, request, options)
        return self._http.get("/api/search", checked.to_query(), SearchResults.from_dict)

    def quotes(self, request: QuotesRequest | str | None = None, /, **options: Any) -> QuoteResults:
        """Quotations matching the words and filters, as Searcher.quotes."""
        checked = as_request(QuotesRequest, request, options)
        return self._http.get("/api/quotes", checked.to_query(), QuoteResults.from_dict)

    def get(self, id_or_url: str) -> Article:
        """The article with this id or URL; ArticleNotFound when the server has none."""
        key = (id_or_url or "").strip()
        missing = f"no article with id or URL {key!r} at {self.url}"
        if ARTICLE_ID.match(key):
            return self._http.get(f"/api/articles/{key}", None, Article.from_dict, missing=missing)
        return self._http.get("/api/articles", [("url", key)], Article.from_dict, missing=missing)

    def stats(self) -> IndexStats:
        """What the server's collection holds; `index` is the server's URL."""
        from ..index.summary import IndexStats

        return self._http.get("/api/stats", None, lambda d: IndexStats.from_dict(d, self.url))

    def iter_articles(
        self,
        request: SearchRequest | str | None = None,
        /,
        *,
        notes: list[Any] | None = None,
        **options: Any,
    ) -> Iterator[Article]:
        """Every matching article in result order, streamed from the server's export (constant memory)."""
        checked = as_request(SearchRequest, request, options)
        export = ExportRequest(
            checked.query,
            any=checked.any,
            fuzzy=checked.fuzzy,
            sort=checked.sort,
            **_selection(checked),
        )
        return self._export(export, notes, Article.from_dict)

    def iter_quotes(
        self,
        request: QuotesRequest | str | None = None,
        /,
        *,
        notes: list[Any] | None = None,
        **options: Any,
    ) -> Iterator[QuoteHit]:
        """Every matching quotation, best article first, streamed from the server's export."""
        checked = as_request(QuotesRequest, request, options)
        export = ExportRequest(
            checked.query,
            any=checked.any,
            fuzzy=checked.fuzzy,
            kind="quotes",
            **_selection(checked),
        )
        return self._export(export, notes, QuoteHit.from_dict)

    def timeline(self, request: TimelineRequest | str | None = None, /, **options: Any) -> Timeline:
        """Matching articles per period against all articles then, as Searcher.timeline."""
        from ..search.timeline import Timeline

        checked = as_request(TimelineRequest, request, options)
        return self._http.get("/api/timeline", checked.to_query(), Timeline.from_dict)

    def terms(self, request: TermsRequest | str | None = None, /, **options: Any) -> TermsResult:
        """The words and names most characteristic of the matches, as Searcher.terms."""
        from ..search.terms import TermsResult

        checked = as_request(TermsRequest, request, options)
        return self._http.get("/api/terms", checked.to_query(), TermsResult.from_dict)

    def trail(self, request: TrailRequest | str, /, **options: Any) -> Trail:
        """Every article carrying a quotation, oldest first, as Searcher.trail."""
        from ..search.trail import Trail

        checked = as_request(TrailRequest, request, options)
        return self._http.get("/api/trail", checked.to_query(), Trail.from_dict)

    def _export(
        self, export: ExportRequest, notes: list[Any] | None, record: Callable[[Any], T]
    ) -> Iterator[T]:
        """The export's records, one a line; its notes (sent before the rows) added to `notes`."""
        path = "/api/export"
        params = [*export.to_query(), ("format", "jsonl")]
        headers, lines = self._http.lines(path, params)
        if notes is not None:
            given = self._http.record(json.loads, headers.get(NOTES_HEADER, "[]"), path)
            notes.extend(self._http.record(_messages, given, path))
        return (self._http.record(record, line, path) for line in lines)


def _selection(request: SearchRequest | QuotesRequest) -> dict[str, Any]:
    """The filters of a request, as ExportRequest takes them."""
    return dict(filters=request.filters, since=request.since, until=request.until)


def _messages(given: list) -> list[str]:
    return [message_of_parts(parts) for parts in given]


if TYPE_CHECKING:

    def _is_a_backend(searcher: RemoteSearcher) -> SearchBackend:
        """mypy checks here that RemoteSearcher implements the backend protocol."""
        return searcher
