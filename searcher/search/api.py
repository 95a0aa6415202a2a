"""The Python API: open an index, search it, run quote searches, fetch articles.

`Searcher` is a thin façade: the session (session.py) holds the open index, and each
method runs one concern's module (ranked.py, quotesearch.py, articles.py, the analyses).
One `Searcher` may be shared by many threads.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..article import Article
from ..config import index_path as default_index_path
from ..errors import QueryError
from ..index.guard import damage_checked, guarded
from ..messages import Param
from .articles import articles_of, find_article
from .facets import DEFAULT_FACET_SIZE, check_facets
from .matching import match, plan_for
from .quotesearch import page_of_quotes, quote_matches, quotes_of
from .ranked import ranked_search
from .ranking import DEFAULT_PARAMS, RankingParams
from .results import QuoteHit, QuoteResults, SearchResults
from .session import IndexSession, Reading
from .vocabulary import Vocabulary

if TYPE_CHECKING:
    from .terms import TermsResult
    from .timeline import Timeline
    from .trail import Trail

SORTS = ("relevance", "newest", "oldest")
MAX_LIMIT = 1000


def open_searcher(
    index_path: str | os.PathLike[str] | None = None,
    params: RankingParams = DEFAULT_PARAMS,
    postings_cache: int = 4_000_000,
) -> Searcher:
    """Open the index at `index_path` (default: $SEARCHER_INDEX or indexes/default) for searching.

    `postings_cache` bounds how many decoded postings of recent terms are kept for later
    searches (0 for none, as a one-shot command wants).
    """
    return Searcher(default_index_path(index_path), params=params, postings_cache=postings_cache)


@guarded
class Searcher:
    """Searches one index; safe to share between threads; use as a context manager or close()."""

    def __init__(
        self,
        index_path: str | os.PathLike[str],
        params: RankingParams = DEFAULT_PARAMS,
        postings_cache: int = 4_000_000,
    ):
        self.path = Path(index_path)
        self.params = params
        self._session = IndexSession(self.path, params, postings_cache)

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

    # -- search --------------------------------------------------------------------

    def search(
        self,
        query: str,
        *,
        any: bool = False,
        author: Any = None,
        outlet: Any = None,
        source: Any = None,
        speaker: Any = None,
        tag: Any = None,
        lang: Any = None,
        since: str | None = None,
        until: str | None = None,
        collection: Any = None,
        sort: str = "relevance",
        fuzzy: bool = False,
        facets: Sequence[str] = (),
        limit: int = 10,
        page: int = 1,
        facet_size: int = DEFAULT_FACET_SIZE,
        feedback: bool | None = None,
        after: str | None = None,
    ) -> SearchResults:
        """Ranked search with the CLI's options; see the README (section search) for the query language.

        `feedback` re-ranks with words from the best first hits (pseudo-relevance feedback);
        None does so for `any` searches of three or more content words. `after` is the `next`
        token of a previous page: the page after it, however deep (then `page` is ignored).
        """
        sort = _check_sort(sort)
        limit, page = _check_paging(limit, page)
        facet_names = check_facets(facets)
        filters = dict(
            author=author,
            outlet=outlet,
            source=source,
            speaker=speaker,
            tag=tag,
            lang=lang,
            since=since,
            until=until,
            collection=collection,
        )
        return ranked_search(
            self._session.reading(),
            self.path,
            query,
            filters=filters,
            any=any,
            sort=sort,
            fuzzy=fuzzy,
            feedback=feedback,
            facets=facet_names,
            facet_size=facet_size,
            limit=limit,
            page=page,
            after=after,
        )

    def get(self, id_or_url: str) -> Article:
        """The article with this id or URL; ArticleNotFound when the index has none."""
        return find_article(self._session.reading(), id_or_url, self.path)

    def vocabulary(self) -> Vocabulary:
        """The index's unstemmed vocabulary with document frequencies (cached per generation)."""
        return self._session.reading().vocabulary()

    # -- quotes --------------------------------------------------------------------

    def quotes(
        self,
        query: str | None = None,
        *,
        limit: int = 10,
        page: int = 1,
        any: bool = False,
        fuzzy: bool = False,
        **filters: Any,
    ) -> QuoteResults:
        """Quotations matching the query (and speaker): who said what, where, when."""
        limit, page = _check_paging(limit, page)
        results = QuoteResults(query=query or "", page=page, limit=limit)
        hits = self.iter_quotes(
            query, any=any, fuzzy=fuzzy, notes=results.notes, counts=results, **filters
        )
        return page_of_quotes(hits, results, limit, page)

    def iter_quotes(
        self,
        query: str | None = None,
        *,
        any: bool = False,
        fuzzy: bool = False,
        notes: list[Any] | None = None,
        counts: QuoteResults | None = None,
        **filters: Any,
    ) -> Iterator[QuoteHit]:
        """Every matching quotation as a QuoteHit, best article first (one at a time: any number of them).

        `counts`, when given, gets the number of matching articles as its `articles` attribute. The
        query is checked and matched on the call; the quotations are read as they are asked for.
        """
        reading = self._session.reading()
        notes = notes if notes is not None else []
        found = quote_matches(
            reading, self.path, query, filters=filters, any=any, fuzzy=fuzzy, notes=notes
        )
        if counts is not None:
            counts.articles = len(found.docs)
        return self._checked(quotes_of(reading, found, filters.get("speaker")))

    # -- streams and analyses ----------------------------------------------------------

    def iter_articles(
        self,
        query: str | None = None,
        *,
        any: bool = False,
        fuzzy: bool = False,
        sort: str = "relevance",
        notes: list[Any] | None = None,
        default_fields: tuple[str, ...] | None = None,
        **filters: Any,
    ) -> Iterator[Article]:
        """Every matching article (copies of a story each on their own), in result order, one at a time.

        `default_fields` are where bare words are looked for (default: all text and name fields).
        The query is checked and matched on the call; the articles are read as they are asked for.
        """
        sort = _check_sort(sort)
        reading = self._session.reading()
        plan = plan_for(reading, query, any=any, fuzzy=fuzzy, fields=default_fields)
        found = match(reading, plan, filters, notes if notes is not None else [], self.path)
        if plan.matches_all and sort == "relevance":
            sort = "newest"  # without words there is no relevance: newest first
        return self._checked(articles_of(reading, found, sort))

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
        found = match(reading, plan, filters, notes if notes is not None else [], self.path)
        return reading, found.docs

    def timeline(self, query: str | None = None, **options: Any) -> Timeline:
        """Matching articles per day, week, month or year against all articles then (see timeline.py)."""
        from .timeline import timeline

        return timeline(self, query, **options)

    def terms(self, query: str | None = None, **options: Any) -> TermsResult:
        """The words and names most characteristic of the matching articles (see terms.py)."""
        from .terms import significant_terms

        return significant_terms(self, query, **options)

    def trail(self, text: str, **options: Any) -> Trail:
        """Every article carrying a quotation, exactly or nearly, oldest first (see trail.py)."""
        from .trail import quote_trail

        return quote_trail(self, text, **options)


def _check_sort(sort: str) -> str:
    value = (sort or "relevance").lower()
    if value not in SORTS:
        raise QueryError("unknown ", Param("sort"), f" {sort!r} (use relevance, newest or oldest)")
    return value


def _check_paging(limit: Any, page: Any) -> tuple[int, int]:
    try:
        limit, page = int(limit), int(page)
    except (TypeError, ValueError):
        raise QueryError(Param("limit"), " and ", Param("page"), " must be whole numbers") from None
    if not 1 <= limit <= MAX_LIMIT:
        raise QueryError(Param("limit"), f" must be between 1 and {MAX_LIMIT}")
    if page < 1:
        raise QueryError(Param("page"), " must be 1 or more")
    return limit, page


__all__ = ["Searcher", "open_searcher"]
