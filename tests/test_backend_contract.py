"""The backend contract: what every search backend (SearchBackend) does with the same articles.

Each backend in BACKENDS is built from the fixture articles and must pass every test here:
hits and their order, syndicated copies shown once, facets, filters, paging and cursors,
quote search, lookup, stats, exports, the analyses (timeline, terms, trail) and errors. Adding a backend is one line in BACKENDS.
A factory returns the backend (closed after the tests), or a context manager giving it (for a
backend with a server to stop: "remote" is a real `searcher serve` searched over HTTP).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, closing, contextmanager
from pathlib import Path

import pytest
from search_fixtures import fixture_articles
from served import serving

from searcher.article import Article
from searcher.errors import ArticleNotFound, QueryError
from searcher.search import QuotesRequest, SearchBackend, SearchRequest
from searcher.search.options import TermsRequest, TimelineRequest, TrailRequest


def local_index(articles: list[Article], folder: Path) -> SearchBackend:
    """The local Whoosh index of the articles."""
    from searcher.index import index_articles
    from searcher.search import open_searcher

    index_articles(articles, folder / "index", fresh=True)
    return open_searcher(folder / "index")


def sharded_index(articles: list[Article], folder: Path) -> SearchBackend:
    """A coordinator over 3 shards of the articles (built by `cluster index`'s library function,
    in this process), each shard searched in this process through JSON."""
    pytest.importorskip("pyarrow")
    from searcher.cluster.coordinator import local_coordinator
    from searcher.cluster.records import write_records
    from searcher.cluster.shards import build_shards
    from searcher.cluster.storage import Location

    write_records(articles, Location(str(folder / "records")))
    build_shards(str(folder / "records"), str(folder / "shards"), shards=3, in_process=True)
    return local_coordinator(folder / "shards")


@contextmanager
def remote_index(articles: list[Article], folder: Path) -> Iterator[SearchBackend]:
    """A real `searcher serve` on 127.0.0.1 over the local index of the articles, searched over HTTP."""
    from searcher.remote import RemoteSearcher

    local_index(articles, folder).close()
    with serving(folder / "index") as url, RemoteSearcher(url) as remote:
        yield remote


Factory = Callable[[list[Article], Path], SearchBackend | AbstractContextManager[SearchBackend]]
# Backend name -> a factory building it from the articles in a scratch folder.
BACKENDS: dict[str, Factory] = {
    "local": local_index,
    "sharded": sharded_index,
    "remote": remote_index,
}


@pytest.fixture(scope="module", params=sorted(BACKENDS))
def backend(request, tmp_path_factory) -> Iterator[SearchBackend]:
    made = BACKENDS[request.param](fixture_articles(), tmp_path_factory.mktemp(request.param))
    with made if isinstance(made, AbstractContextManager) else closing(made) as built:
        yield built


def search(backend: SearchBackend, query: str, **options) -> list[str]:
    return [h.article.id for h in backend.search(SearchRequest.of(query, **options)).hits]


def test_a_backend_is_a_search_backend(backend):
    assert isinstance(backend, SearchBackend)


def test_hits_come_best_first_and_a_story_once(backend):
    results = backend.search(SearchRequest.of("ferry"))
    assert [h.article.id for h in results.hits] == ["undated", "ferry-ledger", "storm"]
    assert [h.rank for h in results.hits] == [1, 2, 3]
    assert results.total == 4 and results.stories == 3
    scores = [h.score for h in results.hits]
    assert scores == sorted(scores, reverse=True) and scores[-1] > 0
    copy = results.hits[1]
    assert [a.id for a in copy.also_in] == ["ferry-global"] and copy.cluster
    assert "ferry" in copy.snippet.marked().lower()
    assert any(q.quote.speaker == "Zeynep Aydoğan" for q in copy.matched_quotes)


def test_all_words_are_required_unless_any(backend):
    assert search(backend, "regatta storm") == []
    assert sorted(search(backend, "regatta storm", any=True)) == ["regatta", "storm"]
    assert search(backend, "ferry -harbour") == ["undated"]  # the others mention a harbour
    assert search(backend, "title:storm") == ["storm"]


def test_facets_count_every_match(backend):
    results = backend.search(SearchRequest.of("ferry", facets=["outlet", "year", "lang"]))
    counts = {n: [(c.value, c.count) for c in f.counts] for n, f in results.facets.items()}
    assert counts == {
        "outlet": [("Global Dispatch Review", 2), ("Harbor Ledger", 2)],
        "year": [("2016", 1), ("2015", 2)],
        "lang": [("en", 4)],
    }


def test_filters_narrow_the_matches(backend):
    assert search(backend, "kessel", lang="de") == ["hafenfest"]
    assert search(backend, "ferry", since="2016") == ["storm"]
    assert search(backend, "ferry", until="2015-12-03") == ["ferry-ledger"]
    assert sorted(search(backend, "brannholm", outlet="harbor ledger")) == [
        "ferry-ledger",
        "storm",
    ]
    assert search(backend, "kessel", speaker="Łucja Weißmann") == ["hafenfest", "budget"]
    assert search(backend, "ferry", outlet=["Northfield Courier", "Elbwacht Anzeiger"]) == []


def test_date_order(backend):
    assert search(backend, "brannholm", sort="newest") == [
        "storm",
        "hafenfest",
        "vaccine",
        "ferry-global",
    ]
    assert search(backend, "brannholm", sort="oldest")[0] == "ferry-ledger"


def test_pages_and_cursors_continue_without_repeats(backend):
    everything = search(backend, "point OR ferry OR fuel OR regatta", limit=100)
    first = backend.search(SearchRequest.of("point OR ferry OR fuel OR regatta", limit=2))
    second = backend.search(SearchRequest.of("point OR ferry OR fuel OR regatta", limit=2, page=2))
    assert [h.article.id for h in first.hits + second.hits] == everything[:4]
    assert first.next is not None
    after = backend.search(
        SearchRequest.of("point OR ferry OR fuel OR regatta", limit=2, after=first.next)
    )
    assert [h.article.id for h in after.hits] == [h.article.id for h in second.hits]
    assert [h.rank for h in after.hits] == [3, 4]
    with pytest.raises(QueryError, match="another search"):
        backend.search(SearchRequest.of("ferry", limit=2, after=first.next))
    with pytest.raises(QueryError, match="bad cursor"):
        backend.search(SearchRequest.of("ferry", after="not-a-cursor"))


def test_did_you_mean_and_fuzzy(backend):
    assert backend.search(SearchRequest.of("regata")).did_you_mean == "regatta"
    fuzzy = backend.search(SearchRequest.of("regata", fuzzy=True))
    assert [h.article.id for h in fuzzy.hits] == ["regatta"]
    assert fuzzy.expanded == {"regata": ["regatta"]}


def test_quotes_by_words_and_by_speaker(backend):
    by_words = backend.quotes(QuotesRequest.of("ferry"))
    assert [(h.quote.speaker, h.article.id) for h in by_words.hits] == [
        ("Zeynep Aydoğan", "ferry-ledger")
    ]
    assert by_words.total == 1 and by_words.articles == 2  # the copy repeats the quotation
    by_speaker = backend.quotes(QuotesRequest.of(speaker="Łucja Weißmann"))
    assert [h.article.id for h in by_speaker.hits] == ["hafenfest", "budget"]
    paged = backend.quotes(QuotesRequest.of(speaker="Łucja Weißmann", limit=1, page=2))
    assert [h.article.id for h in paged.hits] == ["budget"] and paged.total == 2


def test_get_by_id_or_url(backend):
    assert backend.get("regatta").title == "Varemoor eight wins the autumn regatta"
    assert backend.get("https://harborledger.example/2016/12/storm/").id == "storm"
    with pytest.raises(ArticleNotFound):
        backend.get("no-such-article")


def test_stats_describe_the_collection(backend):
    stats = backend.stats()
    assert stats.articles == 8
    assert stats.outlets == 4
    assert (stats.first_date, stats.last_date) == ("2015-12-03", "2016-12-16")
    assert stats.per_lang == {"en": 7, "de": 1}


def test_exports_stream_every_match(backend):
    newest = [a.id for a in backend.iter_articles(SearchRequest.of(outlet="harbor ledger"))]
    assert newest == ["storm", "regatta", "ferry-ledger"]
    ranked = [a.id for a in backend.iter_articles(SearchRequest.of("ferry"))]
    assert (
        ranked[:2] == ["undated", "ferry-ledger"] and len(ranked) == 4
    )  # copies each on their own
    quotes = [h.quote.text for h in backend.iter_quotes(QuotesRequest.of("railways"))]
    assert quotes == ["The railways must earn their keep."]


@pytest.mark.parametrize(
    "query, message",
    [
        ('"unclosed', "unclosed quotation mark"),
        ("nosuchfield:x", "unknown field"),
        ("(ferry", "unclosed '\\('"),
        ("", "empty query"),
    ],
)
def test_a_bad_query_is_a_query_error(backend, query, message):
    with pytest.raises(QueryError, match=message):
        backend.search(SearchRequest.of(query))


def test_bad_options_are_refused_by_the_request_before_any_backend():
    with pytest.raises(QueryError, match="limit"):
        SearchRequest.of("ferry", limit=0)
    with pytest.raises(QueryError, match="sort"):
        SearchRequest.of("ferry", sort="sideways")


def test_a_timeline_counts_matches_per_period_against_all_articles(backend):
    timeline = backend.timeline(TimelineRequest.of("ferry", by="year", split="outlet"))
    assert (timeline.total_matches, timeline.undated) == (4, 1)
    assert timeline.periods == ["2015", "2016"]
    assert (timeline.matches, timeline.totals) == ([2, 1], [2, 5])
    assert {s.value: s.matches for s in timeline.series} == {
        "Global Dispatch Review": [1, 0],
        "Harbor Ledger": [1, 1],
    }


def test_terms_name_what_is_characteristic_of_the_matches(backend):
    result = backend.terms(TermsRequest.of("kessel", size=3))
    assert (result.total, result.sampled) == (5, 5)
    assert "kessel" not in [t.text for t in result.words]  # the query's own word says nothing new
    assert ("Halvard Brekke", "speaker") in [(t.text, t.kind) for t in result.names]


def test_a_trail_finds_each_copy_of_a_quotation_oldest_first(backend):
    trail = backend.trail(TrailRequest.of("the island empties out after dark"))
    assert [e.article_id for e in trail.entries] == ["ferry-ledger", "ferry-global"]
    assert trail.speakers == [("Zeynep Aydoğan", 2)] and not trail.conflicting
    with pytest.raises(QueryError, match="at least 3 words"):
        backend.trail(TrailRequest.of("after dark"))
