"""The Python API: open an index, search it, run quote searches, fetch articles.

Thread safety: one `Searcher` may be shared by many threads. Each thread gets its
own Whoosh searcher (Whoosh readers hold file positions and must not be shared);
derived data (vocabulary, facet columns, name lists) is built once per index
generation and shared under a lock.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..article import Article, make_id
from ..config import index_path as default_index_path
from ..errors import ArticleNotFound, QueryError
from ..index.guard import damage_checked, guarded
from ..messages import Message, Param
from ..textfold import fold
from .cache import GenerationCache
from .clusters import copies_of, copy_groups, story_count
from .collections import collection_outlets
from .compiler import QueryCompiler
from .cursor import Cursor, decode_cursor, generation_key, search_fingerprint
from .dates import date_bounds
from .docsets import Postings, PostingsCache, all_docs, query_docs, term_docs
from .facets import (
    FACET_FIELDS,
    check_facets,
    count,
    field_values,
    period_column,
    published_column,
    value_column,
)
from .feedback import FEEDBACK_DOCS, feedback_groups, wants_feedback
from .languages import language_code
from .order import ResultOrder
from .query import parse_query, query_words
from .ranking import DEFAULT_PARAMS, TEXT_FIELDS, FieldLengths, RankingParams, bm25f_scores, top
from .results import Hit, MatchedQuote, QuoteHit, QuoteResults, SearchResults
from .snippets import Highlighter
from .vocabulary import VOCABULARY_FIELD, Vocabulary, load_words

SORTS = ("relevance", "newest", "oldest")
MAX_LIMIT = 1000
# Seconds a generation found sound after a failed read is trusted before it is checked again.
VERIFIED_FOR = 60.0
# A search finding fewer matches than this gets a "did you mean" when one exists.
FEW_RESULTS = 3

# Name filters: option name -> exact-value index field.
NAME_FILTERS = {
    "author": "author_exact",
    "outlet": "outlet_exact",
    "source": "source_exact",
    "speaker": "speaker_exact",
    "tag": "tag_exact",
}


@dataclass
class Match:
    """The documents a query and its filters match, with what ranking and highlighting need of the query."""

    docs: set[int]
    tree: object = None
    compiler: QueryCompiler | None = None
    expanded: dict = field(default_factory=dict)
    allowed: set[int] | None = None
    memo: Postings | None = None


def open_searcher(
    index_path: str | os.PathLike | None = None,
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
        index_path: str | os.PathLike,
        params: RankingParams = DEFAULT_PARAMS,
        postings_cache: int = 4_000_000,
    ):
        from ..index import open_index

        self.path = Path(index_path)
        self.params = params
        self.postings_cache_size = postings_cache
        self._open_index = open_index
        self._index = open_index(self.path)
        self._lock = threading.Lock()
        self._local = threading.local()
        self._all_searchers: list = []
        self._cache = GenerationCache()
        self._analysis: dict = {}
        self._closed = False
        self._pointer = self._current_pointer()
        self._verified: tuple | None = None
        self._verified_at = 0.0

    # -- lifecycle -----------------------------------------------------------------

    def _current_pointer(self):
        try:
            stamp = os.stat(self.path / "CURRENT")
            return (stamp.st_ino, stamp.st_mtime_ns, stamp.st_size)
        except OSError:
            return None

    def close(self) -> None:
        """Close every Whoosh searcher this object opened."""
        with self._lock:
            self._closed = True
            for s in self._all_searchers:
                try:
                    s.close()
                except Exception:  # noqa: BLE001 - closing is best effort
                    pass
            self._all_searchers.clear()
            try:
                self._index.close()
            except Exception:  # noqa: BLE001
                pass

    def __enter__(self) -> Searcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _searcher(self):
        """This thread's Whoosh searcher, reopened when the index changed underneath."""
        if self._closed:
            raise QueryError("this searcher is closed")
        s = getattr(self._local, "searcher", None)
        # A searcher on a replaced generation stays up_to_date() with its own files, so the
        # index's CURRENT pointer is watched too: a stat() each time, a read when it changed.
        pointer = self._current_pointer()
        if pointer != self._pointer:
            self._pointer = pointer
            if not self._index.is_current():
                s = None
        if s is not None and getattr(self._local, "index", None) is self._index and s.up_to_date():
            return s
        with self._lock:
            if not self._index.is_current():
                # A rebuild swapped in a new generation: follow it.
                self._index = self._open_index(self.path)
            else:
                # The same generation changed (`searcher index`, or a commit by something else).
                self._index.check()
            index = self._index
            fresh = index.whoosh.searcher()
            if s is not None:
                try:
                    self._all_searchers.remove(s)
                    s.close()
                except (ValueError, Exception):  # noqa: BLE001
                    pass
            self._all_searchers.append(fresh)
        self._local.searcher = fresh
        self._local.index = index
        return fresh

    def _check_files(self) -> None:
        """IndexCorrupt when the live generation's files differ from what searcher wrote (reads them all).

        A generation found sound is not read again for a minute: a query that trips a bug
        must not make every request hash the whole index.
        """
        from ..index.manifest import latest_toc

        index = self._index
        if (
            self._verified == (index.generation, latest_toc(index.generation))
            and time.monotonic() - self._verified_at < VERIFIED_FOR
        ):
            return
        index.verify()
        self._verified, self._verified_at = (
            (index.generation, latest_toc(index.generation)),
            time.monotonic(),
        )

    def _index_of(self, s):
        """The index `s` was opened on (another thread may have moved self._index on since)."""
        return self._local.index if getattr(self._local, "searcher", None) is s else self._index

    def _generation(self, s) -> tuple:
        return (str(self._index_of(s).generation), s.reader().generation(), s.doc_count_all())

    def _cached(self, s, name: str, build):
        return self._cache.get(self._generation(s), name, build)

    def vocabulary(self) -> Vocabulary:
        """The index's unstemmed vocabulary with document frequencies (cached per generation)."""
        s = self._searcher()
        key = f"{s.reader().generation()}-{s.doc_count_all()}"
        base = self._cached(
            s,
            "vocabulary",
            lambda: Vocabulary(load_words(s.reader(), self._index_of(s).generation, key)),
        )
        return base.bound(lambda word: s.doc_frequency(VOCABULARY_FIELD, word))

    # -- records -------------------------------------------------------------------

    def _load(self, s, docnum: int, stored: dict | None = None) -> Article | None:
        from ..index.records import decode_record

        stored = stored if stored is not None else s.stored_fields(docnum)
        record = stored.get("record")
        if record is None:
            return None
        return decode_record(record)

    def get(self, id_or_url: str) -> Article:
        """The article with this id or URL; ArticleNotFound when the index has none."""
        key = (id_or_url or "").strip()
        if not key:
            raise QueryError("give an article id or URL")
        s = self._searcher()
        for fieldname, value in self._lookup_keys(key):
            docnum = s.document_number(**{fieldname: value})
            if docnum is not None:
                article = self._load(s, docnum)
                if article is not None:
                    return article
        raise ArticleNotFound(f"no article with id or URL {key!r} in {self.path}")

    @staticmethod
    def _lookup_keys(key: str):
        yield "id", key
        if "://" in key or key.startswith("www."):
            urls = [key]
            if not any(c in key for c in "?#") and key.count("/") > (2 if "://" in key else 0):
                # A URL pasted with or without its trailing slash names the same page.
                urls.append(key[:-1] if key.endswith("/") else key + "/")
            for url in urls:
                yield "url", url
                try:
                    yield "id", make_id(url=url if "://" in url else "https://" + url)
                except ValueError:
                    pass
        elif key != key.lower():
            yield "id", key.lower()  # ids are lower-case hex; a copy may have been upper-cased

    # -- filters -------------------------------------------------------------------

    def _names(self, s, fieldname: str):
        from .names import NameIndex  # rapidfuzz is imported only when a name filter is used

        return self._cached(
            s, f"names:{fieldname}", lambda: NameIndex.build(field_values(s.reader(), fieldname))
        )

    def _name_filter(self, s, option: str, value: str, notes: list[str]) -> set[int]:
        fieldname = NAME_FILTERS[option]
        matches = self._names(s, fieldname).resolve(value)
        if not matches:
            notes.append(Message(Param(option), f" {value!r} matches no {option} in the index"))
            return set()
        if len(matches) > 1 or fold(matches[0]) != fold(value):
            shown = ", ".join(matches[:10]) + (
                f" and {len(matches) - 10} more" if len(matches) > 10 else ""
            )
            notes.append(Message(Param(option), f" {value!r} matched: {shown}"))
        docs: set[int] = set()
        for name in matches:
            docs |= term_docs(s, fieldname, name)
        return docs

    def _collection_docs(self, s, name: str, notes: list[str]) -> set[int]:
        """Documents of any outlet of a collection."""
        docs: set[int] = set()
        outlets = self._names(s, "outlet_exact")
        for outlet in collection_outlets(self.path, name):
            matches = outlets.resolve(outlet)
            if not matches:
                notes.append(
                    f"collection {name!r}: outlet {outlet!r} matches no outlet in the index"
                )
            for value in matches:
                docs |= term_docs(s, "outlet_exact", value)
        return docs

    def _filter_docs(
        self,
        s,
        notes: list[str],
        *,
        author=None,
        outlet=None,
        source=None,
        speaker=None,
        tag=None,
        lang=None,
        since=None,
        until=None,
        collection=None,
    ) -> set[int] | None:
        """Documents allowed by the filters, or None when no filter is set."""
        sets: list[set[int]] = []
        for option, value in (
            ("author", author),
            ("outlet", outlet),
            ("source", source),
            ("speaker", speaker),
            ("tag", tag),
        ):
            names = _as_list(value)
            if names:
                # A list of names means any of them.
                sets.append(
                    set().union(*(self._name_filter(s, option, one, notes) for one in names))
                )
        collections = _as_list(collection)
        if collections:
            # Several collections mean their outlets together, as several names of a filter do.
            sets.append(
                set().union(*(self._collection_docs(s, name, notes) for name in collections))
            )
        langs = _as_list(lang)
        if langs:
            docs: set[int] = set()
            for code in langs:
                docs |= term_docs(s, "lang", language_code(code, Param("lang")))
            sets.append(docs)
        bounds = date_bounds(since, until)
        if not bounds.is_open:
            sets.append(set(bounds.to_query().docs(s)))
        if not sets:
            return None
        sets.sort(key=len)
        out = sets[0]
        for other in sets[1:]:
            out = out & other
        return out

    # -- search --------------------------------------------------------------------

    def _match(
        self, s, tree, notes: list[str], *, fuzzy: bool = False, default_fields=None, **filters
    ) -> Match:
        """The documents a parsed query (None: every document) and the filters match."""
        expanded = self._expansions(tree, s) if (fuzzy and tree is not None) else {}
        options = {"default_fields": default_fields} if default_fields else {}
        compiler = QueryCompiler(
            s.schema, self.params.weights, expanded, analysis_cache=self._analysis, **options
        )
        allowed = self._filter_docs(s, notes, **filters)
        memo = Postings(s, self._postings_cache(s))
        # here, not in search(), so that every analysis (timeline, terms, exports) says why nothing matched
        if tree is not None and (not compiler.default_fields or _only_stop_words(tree, compiler)):
            notes.append("the query has only very common words, which are not indexed")
        if tree is None:
            docs = set(allowed) if allowed is not None else all_docs(s)
        else:
            docs = (
                query_docs(s, compiler.compile(tree), memo) if allowed is None or allowed else set()
            )
            if allowed is not None:
                docs &= allowed
        return Match(docs, tree, compiler, expanded, allowed, memo)

    def matching(
        self,
        query: str | None = None,
        *,
        any: bool = False,
        fuzzy: bool = False,
        notes: list[str] | None = None,
        **filters,
    ) -> tuple[object, set[int]]:
        """(Whoosh searcher, document numbers) of every match of a query and filters; no query: all documents.

        The searcher is the one the numbers belong to; analyses (timeline, terms, export) read columns with it.
        """
        tree = parse_query(query, any=any) if query and str(query).strip() else None
        s = self._searcher()
        return s, self._match(
            s, tree, notes if notes is not None else [], fuzzy=fuzzy, **filters
        ).docs

    def search(
        self,
        query: str,
        *,
        any: bool = False,
        author=None,
        outlet=None,
        source=None,
        speaker=None,
        tag=None,
        lang=None,
        since=None,
        until=None,
        collection=None,
        sort: str = "relevance",
        fuzzy: bool = False,
        facets=(),
        limit: int = 10,
        page: int = 1,
        facet_size: int = 10,
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
        tree = parse_query(query, any=any)
        s = self._searcher()
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
        fingerprint = search_fingerprint(
            query=query, any=any, sort=sort, fuzzy=fuzzy, feedback=feedback, **filters
        )
        generation = generation_key(self._generation(s))
        cursor = decode_cursor(after, generation, fingerprint) if after else None
        results = SearchResults(query=query, page=1 if cursor else page, limit=limit, sort=sort)
        match = self._match(s, tree, results.notes, fuzzy=fuzzy, **filters)
        compiler, expanded, matched = match.compiler, match.expanded, match.docs
        results.expanded = {w: [alt for alt, _ in alts] for w, alts in expanded.items()}
        results.total = len(matched)
        results.stories = story_count(
            matched, self._cached(s, "copy groups", lambda: copy_groups(s))
        )
        for name in facet_names:
            results.facets[name] = self._facet(s, name, matched, facet_size)
        if matched:
            highlighter = self._highlighter(tree, compiler, expanded)
            ranking = self._ranking(
                s,
                compiler.groups,
                match.memo,
                matched,
                sort,
                feedback,
                results.notes,
                any_words=any,
            )
            if cursor is None:
                ranked = ranking.ranked(page * limit)
                results.hits = self._page_of_hits(s, ranked, page, limit, highlighter)
            else:
                ranked = ranking.after(cursor.key, limit)
                results.hits = self._page_of_hits(
                    s,
                    ranked,
                    1,
                    limit,
                    highlighter,
                    first_rank=cursor.rank,
                    earlier=ranking.cluster_shown_earlier,
                )
            if len(results.hits) == limit:
                last = results.hits[-1]
                results.next = Cursor(
                    generation, fingerprint, ranking.key(last.docnum), last.rank
                ).encode()
        if results.total < FEW_RESULTS and page == 1 and not fuzzy and cursor is None:
            results.did_you_mean = self._did_you_mean(
                s, query, tree, compiler, match.allowed, results.total
            )
        return results

    def _facet(self, s, name: str, matched: set[int], size: int):
        if name in ("year", "month"):
            published = self._cached(s, "published", lambda: published_column(s))
            column = self._cached(s, f"period:{name}", lambda: period_column(published, name))
        else:
            fieldname = FACET_FIELDS[name]
            column = self._cached(s, f"column:{fieldname}", lambda: value_column(s, fieldname))
        return count(name, matched, column, size)

    def _feedback_groups(self, s, groups, best) -> list:
        articles = [a for a in (self._load(s, d) for d, _ in best) if a is not None]
        analyzer = s.schema["body"].analyzer
        return feedback_groups(
            articles,
            analyzer,
            lambda t: s.doc_frequency("body", t),
            s.doc_count_all(),
            groups,
            self.params.weights.get("title", 1.0),
        )

    def _postings_cache(self, s) -> PostingsCache | None:
        if self.postings_cache_size <= 0:
            return None
        return self._cached(s, "postings", lambda: PostingsCache(self.postings_cache_size))

    def _lengths(self, s) -> FieldLengths:
        fields = tuple(self.params.weights)
        return self._cached(s, "lengths", lambda: FieldLengths(s, fields, self.params))

    def _ranking(
        self,
        s,
        groups,
        memo: Postings,
        matched: set[int],
        sort: str,
        feedback: bool | None = False,
        notes: list[str] | None = None,
        any_words: bool = False,
    ) -> ResultOrder:
        """The matches' result order: BM25F scores (re-ranked with feedback words when asked) or dates."""
        scores = bm25f_scores(
            groups, memo, self._lengths(s), s.doc_count_all(), self.params, only=matched
        )
        if sort == "relevance" and wants_feedback(groups, feedback, any_words) and scores:
            extra = self._feedback_groups(s, groups, top(scores, matched, FEEDBACK_DOCS))
            if extra:
                scores = bm25f_scores(
                    groups + extra,
                    memo,
                    self._lengths(s),
                    s.doc_count_all(),
                    self.params,
                    only=matched,
                )
                if notes is not None:
                    notes.append(
                        "ranked with words from the best first hits: "
                        + ", ".join(g.members[0][1] for g in extra)
                    )
        published = (
            self._cached(s, "published", lambda: published_column(s)) if sort != "relevance" else []
        )
        return ResultOrder(s, matched, scores, sort, published)

    def _page_of_hits(
        self,
        s,
        ranked,
        page: int,
        limit: int,
        highlighter: Highlighter,
        first_rank: int = 0,
        earlier=None,
    ) -> list[Hit]:
        """One page of hits, a story's copies shown once; `earlier(doc, cluster)` says a copy was on a previous page."""
        hits: list[Hit] = []
        seen_clusters: set[str] = set()
        skip = (page - 1) * limit
        rank = first_rank
        for docnum, score in ranked:
            stored = s.stored_fields(docnum)
            cluster = stored.get("cluster")
            if cluster:
                if cluster in seen_clusters or (earlier is not None and earlier(docnum, cluster)):
                    continue
                seen_clusters.add(cluster)
            rank += 1
            if rank <= skip:
                continue
            article = self._load(s, docnum, stored)
            if article is None:
                continue
            hit = Hit(article=article, score=score, rank=rank, cluster=cluster, docnum=docnum)
            body = article.body
            hit.snippet, body_spans = highlighter.snippet_and_spans(body or article.title)
            for quote in article.quotes:
                if body and body_spans and body[quote.start : quote.end] == quote.text:
                    # A quotation that is its span of the body: its matches were found already.
                    spans = [
                        (a - quote.start, b - quote.start)
                        for a, b in body_spans
                        if a >= quote.start and b <= quote.end
                    ]
                else:
                    spans = highlighter.spans(quote.text)
                if spans:
                    hit.matched_quotes.append(MatchedQuote(quote, spans))
            hit.also_in = copies_of(s, cluster, docnum, lambda d: self._load(s, d))
            hits.append(hit)
            if len(hits) >= limit:
                break
        return hits

    def _highlighter(self, tree, compiler: QueryCompiler, expanded: dict) -> Highlighter:
        forms: set[str] = set()
        stems: set[str] = set()
        for word in query_words(tree):
            if word.field not in (None,) + TEXT_FIELDS:
                continue
            if compiler.is_stop_word(word.text):
                continue
            folded = fold(word.text)
            forms.add(folded)
            stems.update(compiler._analyze("body", word.text))
            for alt, _ in expanded.get(folded, ()):
                forms.add(alt)
                stems.update(compiler._analyze("body", alt))

        def stem(word: str) -> str:
            found = compiler._analyze("body", word)
            return found[0] if found else ""

        return Highlighter(forms, stems, stem)

    def _spelling_words(self, tree, compiler: QueryCompiler) -> list[str]:
        return [
            fold(w.text)
            for w in query_words(tree)
            if w.field in (None,) + TEXT_FIELDS and not compiler.is_stop_word(w.text)
        ]

    def _expansions(self, tree, s) -> dict:
        compiler = QueryCompiler(s.schema, self.params.weights, analysis_cache=self._analysis)
        reader = s.reader()

        def matches_already(word: str) -> bool:
            # "computerized" may be missing from the unstemmed vocabulary yet match by its stem.
            return any(
                reader.doc_frequency(f, t) > 0
                for f in TEXT_FIELDS
                if f in s.schema.names()
                for t in compiler._analyze(f, word)
            )

        from .fuzzy import expansions

        words = [w for w in self._spelling_words(tree, compiler) if not matches_already(w)]
        return expansions(words, self.vocabulary())

    def _did_you_mean(
        self, s, query: str, tree, compiler: QueryCompiler, allowed, total: int
    ) -> str | None:
        from .fuzzy import correction

        vocabulary = self.vocabulary()
        fixes = {}
        for word in self._spelling_words(tree, compiler):
            fixed = correction(word, vocabulary)
            if fixed and fixed != word:
                fixes[word] = fixed
        if not fixes:
            return None
        suggested = _replace_words(query, fixes)
        if suggested == query:
            return None
        try:
            new_tree = parse_query(suggested, any=False)
        except QueryError:
            return None
        new_docs = query_docs(s, compiler.compile(new_tree))
        if allowed is not None:
            new_docs &= allowed
        return suggested if len(new_docs) > total else None

    # -- quotes --------------------------------------------------------------------

    def quotes(
        self,
        query: str | None = None,
        *,
        speaker=None,
        author=None,
        outlet=None,
        source=None,
        tag=None,
        lang=None,
        since=None,
        until=None,
        collection=None,
        any: bool = False,
        fuzzy: bool = False,
        limit: int = 10,
        page: int = 1,
    ) -> QuoteResults:
        """Quotations matching the query (and speaker): who said what, where, when."""
        limit, page = _check_paging(limit, page)
        results = QuoteResults(query=query or "", page=page, limit=limit)
        skip = (page - 1) * limit
        found = 0
        for hit in self.iter_quotes(
            query,
            speaker=speaker,
            author=author,
            outlet=outlet,
            source=source,
            tag=tag,
            lang=lang,
            since=since,
            until=until,
            collection=collection,
            any=any,
            fuzzy=fuzzy,
            notes=results.notes,
            counts=results,
        ):
            found += 1
            if skip < found <= skip + limit:
                results.hits.append(hit)
        results.total = found
        return results

    def iter_quotes(
        self,
        query: str | None = None,
        *,
        speaker=None,
        any: bool = False,
        fuzzy: bool = False,
        notes: list[str] | None = None,
        counts=None,
        **filters,
    ):
        """Every matching quotation as a QuoteHit, best article first (one at a time: any number of them).

        `counts`, when given, gets the number of matching articles as its `articles` attribute. The
        query is checked and matched on the call; the quotations are read as they are asked for.
        """
        if (query is None or not str(query).strip()) and not _as_list(speaker):
            raise QueryError("empty query: give words to find in quotations, or ", Param("speaker"))
        notes = notes if notes is not None else []
        s = self._searcher()
        tree = parse_query(query, any=any) if query and str(query).strip() else None
        match = self._match(
            s, tree, notes, fuzzy=fuzzy, default_fields=("quote",), speaker=speaker, **filters
        )
        matched = match.docs
        if counts is not None:
            counts.articles = len(matched)
        return self._checked(self._quotes_of(s, match, speaker))

    def _quotes_of(self, s, match: Match, speaker):
        """The quotations of the matched articles, in order, each story's quotation once."""
        matched, tree = match.docs, match.tree
        if not matched:
            return
        speakers = None
        if _as_list(speaker):
            names = self._names(s, "speaker_exact")
            speakers = {fold(n) for one in _as_list(speaker) for n in names.resolve(one)}
        highlighter = (
            self._highlighter(tree, match.compiler, match.expanded) if tree is not None else None
        )
        if tree is None:
            column = self._cached(s, "published", lambda: published_column(s))
            order = sorted(
                matched,
                key=lambda d: (column[d] is not None, column[d] and column[d].timestamp()),
                reverse=True,
            )
            ranked = ((d, 0.0) for d in order)
        else:
            ranked = self._ranking(
                s, match.compiler.groups, match.memo, matched, "relevance"
            ).ranked(len(matched))
        found = 0
        seen_texts: set[tuple[str, str | None]] = set()
        for docnum, score in ranked:
            article = self._load(s, docnum)
            if article is None:
                continue
            for quote in article.quotes:
                if speakers is not None and (
                    not quote.speaker or fold(quote.speaker) not in speakers
                ):
                    continue
                spans = highlighter.spans(quote.text) if highlighter is not None else []
                if highlighter is not None and not spans:
                    continue
                # A syndicated copy repeats the same quote: count it once.
                key = (fold(quote.text).strip(), fold(quote.speaker or ""))
                if key in seen_texts:
                    continue
                seen_texts.add(key)
                found += 1
                yield QuoteHit(quote, article, score, rank=found, highlights=spans)

    # -- streams and analyses ----------------------------------------------------------

    def iter_articles(
        self,
        query: str | None = None,
        *,
        any: bool = False,
        fuzzy: bool = False,
        sort: str = "relevance",
        notes: list[str] | None = None,
        default_fields=None,
        **filters,
    ):
        """Every matching article (copies of a story each on their own), in result order, one at a time.

        `default_fields` are where bare words are looked for (default: all text and name fields).
        The query is checked and matched on the call; the articles are read as they are asked for.
        """
        sort = _check_sort(sort)
        tree = parse_query(query, any=any) if query and str(query).strip() else None
        s = self._searcher()
        match = self._match(
            s,
            tree,
            notes if notes is not None else [],
            fuzzy=fuzzy,
            default_fields=default_fields,
            **filters,
        )
        if tree is None and sort == "relevance":
            sort = "newest"  # without words there is no relevance: newest first
        return self._checked(self._articles_of(s, match, sort))

    def _checked(self, rows):
        """A stream whose reads raise searcher's errors (as the public methods' do), read after they return."""
        with damage_checked(self._check_files):
            yield from rows

    def _articles_of(self, s, match: Match, sort: str):
        """The matched articles in result order."""
        if not match.docs:
            return
        groups = match.compiler.groups if match.tree is not None else []
        for docnum, _score in self._ranking(s, groups, match.memo, match.docs, sort).ranked(
            len(match.docs)
        ):
            article = self._load(s, docnum)
            if article is not None:
                yield article

    def timeline(self, query: str | None = None, **options):
        """Matching articles per day, week, month or year against all articles then (see timeline.py)."""
        from .timeline import timeline

        return timeline(self, query, **options)

    def terms(self, query: str | None = None, **options):
        """The words and names most characteristic of the matching articles (see terms.py)."""
        from .terms import significant_terms

        return significant_terms(self, query, **options)

    def trail(self, text: str, **options):
        """Every article carrying a quotation, exactly or nearly, oldest first (see trail.py)."""
        from .trail import quote_trail

        return quote_trail(self, text, **options)

    def cached(self, s, name: str, build):
        """A value derived from the index generation `s` reads, built once per generation."""
        return self._cached(s, name, build)

    def published(self, s) -> list:
        """Each document's publication time (None when undated), cached per generation."""
        return self._cached(s, "published", lambda: published_column(s))

    def facet_column(self, s, fieldname: str):
        """Each document's values of a name field (FacetColumn), cached per generation."""
        return self._cached(s, f"column:{fieldname}", lambda: value_column(s, fieldname))

    def load(self, s, docnum: int) -> Article | None:
        """The stored article of a document number of `s`."""
        return self._load(s, docnum)


def _as_list(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value.strip() else []
    return [str(v) for v in value if str(v).strip()]


def _check_sort(sort: str) -> str:
    value = (sort or "relevance").lower()
    if value not in SORTS:
        raise QueryError("unknown ", Param("sort"), f" {sort!r} (use relevance, newest or oldest)")
    return value


def _check_paging(limit, page) -> tuple[int, int]:
    try:
        limit, page = int(limit), int(page)
    except (TypeError, ValueError):
        raise QueryError(Param("limit"), " and ", Param("page"), " must be whole numbers") from None
    if not 1 <= limit <= MAX_LIMIT:
        raise QueryError(Param("limit"), f" must be between 1 and {MAX_LIMIT}")
    if page < 1:
        raise QueryError(Param("page"), " must be 1 or more")
    return limit, page


def _only_stop_words(tree, compiler: QueryCompiler) -> bool:
    words = query_words(tree)
    return bool(words) and all(w.field is None and compiler.is_stop_word(w.text) for w in words)


def _replace_words(query: str, fixes: dict[str, str]) -> str:
    """The query with each misspelled word replaced, keeping everything else as typed."""
    import re

    def swap(match):
        word = match.group(0)
        return fixes.get(fold(word), word)

    return re.sub(r"\w+", swap, query)


__all__ = ["Searcher", "open_searcher"]
