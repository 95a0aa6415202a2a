"""The backend seam: what the CLI, the HTTP server and the Python API ask of a search engine.

Today's one backend is the local Whoosh index (`Searcher`, opened by `open_searcher`);
another (a cluster coordinator, a remote HTTP API) implements the same protocol, takes
the same checked requests and returns the same records. Bad input is refused by the
request, before a backend sees it; a backend raises searcher's own errors
(QueryError, ArticleNotFound, IndexNotFound, ...), never its engine's.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from ..article import Article
from .options import TermsRequest, TimelineRequest, TrailRequest
from .request import QuotesRequest, SearchRequest
from .results import QuoteHit, QuoteResults, SearchResults

if TYPE_CHECKING:
    from ..index.summary import IndexStats
    from .terms import TermsResult
    from .timeline import Timeline
    from .trail import Trail


@runtime_checkable
class SearchBackend(Protocol):
    """A searchable collection of articles: ranked search, quote search, lookup, stats, exports, analyses."""

    def search(self, request: SearchRequest, /) -> SearchResults:
        """One page of ranked hits, with the requested facets over every match."""
        ...

    def quotes(self, request: QuotesRequest, /) -> QuoteResults:
        """One page of the quotations matching the request."""
        ...

    def get(self, id_or_url: str) -> Article:
        """The article with this id or URL; ArticleNotFound when there is none."""
        ...

    def stats(self) -> IndexStats:
        """What the collection holds: articles, outlets, dates, size."""
        ...

    def iter_articles(
        self, request: SearchRequest, /, *, notes: list[Any] | None = None
    ) -> Iterator[Article]:
        """Every matching article in the request's order, read as it is asked for (exports).

        The request is checked and matched on the call: its notes (on the filters) are in
        `notes` when the call returns.
        """
        ...

    def iter_quotes(
        self, request: QuotesRequest, /, *, notes: list[Any] | None = None
    ) -> Iterator[QuoteHit]:
        """Every matching quotation, best article first, read as it is asked for (exports; notes as above)."""
        ...

    def timeline(self, request: TimelineRequest, /) -> Timeline:
        """Matching articles per period against all articles the filters allow then."""
        ...

    def terms(self, request: TermsRequest, /) -> TermsResult:
        """The words and names most characteristic of the matches."""
        ...

    def trail(self, request: TrailRequest, /) -> Trail:
        """Every article carrying a quotation, exactly or nearly, oldest first."""
        ...

    def close(self) -> None:
        """Release what the backend holds open."""
        ...
