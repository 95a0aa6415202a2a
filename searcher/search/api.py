"""The Python API: open an index, search it, run quote searches, fetch articles.

`Searcher` is a thin façade: the session (session.py) holds the open index, and each
method runs one concern's module (ranked.py, quotesearch.py, articles.py, the analyses).
One `Searcher` may be shared by many threads.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

from ..article import Article
from ..config import index_path as default_index_path
from ..index.guard import damage_checked, guarded
from .articles import articles_of, find_article
from .facets import DEFAULT_FACET_SIZE
from .matching import match, plan_for
from .options import TermsRequest, TimelineRequest, TrailRequest
from .quotesearch import page_of_quotes, quote_matches, quotes_of
from .ranked import ranked_search
from .ranking import DEFAULT_PARAMS, RankingParams
from .request import SPEAKER, QuotesRequest, SearchRequest, as_request
from .results import QuoteHit, QuoteResults, SearchResults
from .session import IndexSession, Reading
from .stats import CollectionStats
from .vocabulary import Vocabulary

if TYPE_CHECKING:
    from ..index.summary import IndexStats
    from ..remote import RemoteSearcher
    from .backend import SearchBackend
    from .terms import TermsResult
    from .timeline import Timeline
    from .trail import Trail


@overload
def open_searcher(
    index_path: os.PathLike[str] | None = None,
    params: RankingParams = DEFAULT_PARAMS,
    postings_cache: int = 4_000_000,
) -> Searcher: ...


@overload
def open_searcher(
    index_path: str,
    params: RankingParams = DEFAULT_PARAMS,
    postings_cache: int = 4_000_000,
) -> Searcher | RemoteSearcher: ...


def open_searcher(
    index_path: str | os.PathLike[str] | None = None,
    params: RankingParams = DEFAULT_PARAMS,
    postings_cache: int = 4_000_000,
) -> Searcher | RemoteSearcher:
    """Open the index at `index_path` (default: $SEARCHER_INDEX or indexes/default) for searching.

    An http:// or https:// URL opens the searcher HTTP API there (`searcher serve`, `searcher
    cluster serve`) as a RemoteSearcher, which ranks with the server's parameters.
    `postings_cache` bounds how many decoded postings of recent terms are kept for later
    searches (0 for none, as a one-shot command wants).
    """
    from ..remote import is_remote

    if is_remote(index_path):
        from ..remote import RemoteSearcher

        if params != DEFAULT_PARAMS:
            raise TypeError("a searcher server ranks with its own parameters: give no params")
        return RemoteSearcher(str(index_path))
    return Searcher(default_index_path(index_path), params=params, postings_cache=postings_cache)


@guarded
class Searcher:
    """Searches one index; safe to share between threads; use as a context manager or close()."""

    def __init__(
        self,
        index_path: str | os.PathLike[str],
        params: RankingParams = DEFAULT_PARAMS,
        postings_cache: int = 4_000_000,
        stats: CollectionStats | None = None,
    ):
        self.path = Path(index_path)
        self.params = params
        # `stats`: the collection's statistics when this index is a part of it (a shard).
        self._session = IndexSession(self.path, params, postings_cache, stats)

    def close(self) -> None:
        """Close every Whoosh searcher this object opened."""
        self._session.close()

    def __enter__(self) -> Searcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _check_files(self) -> None:
        """IndexCorrupt when the live generation's files differ from what searcher wrote."""
        self._session.check_files()

    def _checked(self, rows: Iterator[Any]) -> Iterator[Any]:
        """A stream whose reads raise searcher's errors (as the public methods' do), read after they return."""
        with damage_checked(self._check_files):
            yield from rows

    # -- search ----------------------------------------------------------------------

    def search(
        self,
        request: SearchRequest | str | None = None,
        /,
        *,
        facet_size: int = DEFAULT_FACET_SIZE,
        **options: Any,
    ) -> SearchResults:
        """Ranked search: a SearchRequest, or a query and the request's options as keywords.

        The query language is described in docs/search.md. `feedback` re-ranks with words
        from the best first hits (None: for `any` searches of three or more words); `after`
        is the `next` token of a previous page: the page after it, however deep.
        """
        checked = as_request(SearchRequest, request, options)
        return ranked_search(self._session.reading(), checked, facet_size)

    def reading(self) -> Reading:
        """This thread's view of the live generation (for searches composed below the façade)."""
        return self._session.reading()

    def get(self, id_or_url: str) -> Article:
        """The article with this id or URL; ArticleNotFound when the index has none."""
        return find_article(self._session.reading(), id_or_url)

    def vocabulary(self) -> Vocabulary:
        """The index's unstemmed vocabulary with document frequencies (cached per generation)."""
        return self._session.reading().vocabulary()

    # -- quotes --------------------------------------------------------------------

    def quotes(self, request: QuotesRequest | str | None = None, /, **options: Any) -> QuoteResults:
        """Quotations matching the words and filters (a speaker among them): who said what, where, when."""
        checked = as_request(QuotesRequest, request, options)
        results = QuoteResults(query=checked.query, page=checked.page, limit=checked.limit)
        hits = self.iter_quotes(checked, notes=results.notes, counts=results)
        return page_of_quotes(hits, results, checked.limit, checked.page)

    def iter_quotes(
        self,
        request: QuotesRequest | str | None = None,
        /,
        *,
        notes: list[Any] | None = None,
        counts: QuoteResults | None = None,
        **options: Any,
    ) -> Iterator[QuoteHit]:
        """Every matching quotation as a QuoteHit, best article first (one at a time: any number of them).

        `counts`, when given, gets the number of matching articles as its `articles` attribute. The
        query is checked and matched on the call; the quotations are read as they are asked for.
        """
        checked = as_request(QuotesRequest, request, options)
        reading = self._session.reading()
        found = quote_matches(reading, checked, notes if notes is not None else [])
        if counts is not None:
            counts.articles = len(found)
        return self._checked(quotes_of(reading, found, checked.filters.get(SPEAKER)))

    # -- streams and analyses ----------------------------------------------------------

    def iter_articles(
        self,
        request: SearchRequest | str | None = None,
        /,
        *,
        notes: list[Any] | None = None,
        default_fields: tuple[str, ...] | None = None,
        **options: Any,
    ) -> Iterator[Article]:
        """Every matching article (copies of a story each on their own), in result order, one at a time.

        No query: every article the filters allow, newest first. `default_fields` are where bare
        words look (default: the text and name fields). The query is checked and matched on the
        call; the articles are read as they are asked for.
        """
        checked = as_request(SearchRequest, request, options)
        reading = self._session.reading()
        plan = plan_for(
            reading, checked.query, any=checked.any, fuzzy=checked.fuzzy, fields=default_fields
        )
        notes = notes if notes is not None else []
        found = match(reading, plan, checked.filter_options(), notes)
        sort = checked.sort
        if plan.matches_all and sort == "relevance":
            sort = "newest"  # without words there is no relevance: newest first
        return self._checked(articles_of(reading, found, sort))

    def stats(self) -> IndexStats:
        """What the index holds: articles, outlets, authors, dates, size."""
        from ..index import stats

        result: IndexStats = stats(self.path)
        return result

    def matching(
        self,
        query: str | None = None,
        *,
        any: bool = False,
        fuzzy: bool = False,
        notes: list[Any] | None = None,
        **filters: Any,
    ) -> tuple[Reading, set[int]]:
        """(reading, document numbers) of every match of a query and filters; no query: all documents.

        The reading is the generation the numbers belong to; analyses (timeline, terms) read its columns.
        """
        reading = self._session.reading()
        plan = plan_for(reading, query, any=any, fuzzy=fuzzy)
        found = match(reading, plan, filters, notes if notes is not None else [])
        return reading, found.docs

    def timeline(self, request: TimelineRequest | str | None = None, /, **options: Any) -> Timeline:
        """Matching articles per day, week, month or year against all articles then (see timeline.py)."""
        from .timeline import timeline

        return timeline(self, as_request(TimelineRequest, request, options))

    def terms(
        self,
        request: TermsRequest | str | None = None,
        /,
        *,
        sample: int | None = None,
        **options: Any,
    ) -> TermsResult:
        """The words and names most characteristic of the matching articles (see terms.py).

        `sample`: how many matching articles' text is read for words (default: terms.WORD_SAMPLE).
        """
        from .terms import WORD_SAMPLE, significant_terms

        checked = as_request(TermsRequest, request, options)
        return significant_terms(self, checked, WORD_SAMPLE if sample is None else sample)

    def trail(self, request: TrailRequest | str, /, **options: Any) -> Trail:
        """Every article carrying a quotation, exactly or nearly, oldest first (see trail.py)."""
        from .trail import quote_trail

        return quote_trail(self, as_request(TrailRequest, request, options))


__all__ = ["Searcher", "as_request", "open_searcher"]


if TYPE_CHECKING:

    def _is_a_backend(searcher: Searcher) -> SearchBackend:
        """mypy checks here that Searcher implements the backend protocol."""
        return searcher
