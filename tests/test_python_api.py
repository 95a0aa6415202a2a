"""The Python API: open_searcher, search options, results, quotes, get, JSON shape, threads."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from search_fixtures import build_index

from searcher.article import Article
from searcher.errors import ArticleNotFound, IndexNotFound, QueryError


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory) -> Path:
    return build_index(tmp_path_factory.mktemp("search-index") / "ix")


@pytest.fixture()
def searcher(index_dir):
    from searcher.search import open_searcher

    with open_searcher(index_dir) as s:
        yield s


def ids(results) -> list[str]:
    return [h.article.id for h in results.hits]


def test_package_exports_open_searcher_lazily(index_dir):
    import searcher

    with searcher.open_searcher(index_dir) as s:
        assert s.search("regatta").total == 1


def test_missing_index_is_a_clear_error(tmp_path):
    from searcher.search import open_searcher

    with pytest.raises(IndexNotFound):
        open_searcher(tmp_path / "nothing-here")


def test_all_words_must_match_by_default_and_any_relaxes(searcher):
    assert ids(searcher.search("regatta storm")) == []
    assert set(ids(searcher.search("regatta storm", any=True))) == {"regatta", "storm"}


def test_title_match_outranks_body_mention(searcher):
    results = searcher.search("vaccination")
    assert ids(results)[0] == "vaccine"
    assert results.hits[0].score > 0


def test_phrase_exclusion_and_boolean(searcher):
    assert ids(searcher.search('"night ferry"')) == ["ferry-ledger"]
    assert "storm" not in ids(searcher.search("ferry -storm"))
    assert "storm" not in ids(searcher.search("ferry AND NOT harbour"))
    assert set(ids(searcher.search("regatta OR railways"))) == {"regatta", "budget"}
    assert ids(searcher.search("(regatta OR railways) freight")) == ["budget"]


def test_field_queries(searcher):
    assert ids(searcher.search("title:storm")) == ["storm"]
    assert ids(searcher.search("author:holm harbour")) == ["storm"]
    assert set(ids(searcher.search("speaker:weissmann"))) == {"budget", "hafenfest"}
    assert ids(searcher.search("quote:bread")) == ["budget"]
    assert ids(searcher.search("lang:de")) == ["hafenfest"]
    assert ids(searcher.search("tag:health")) == ["vaccine"]
    assert set(ids(searcher.search("outlet:northfield"))) == {"budget", "vaccine"}
    assert ids(searcher.search("source:ledger")) == ["ferry-global"]


def test_folding_finds_accented_and_special_letters(searcher):
    assert ids(searcher.search("strasse")) == ["hafenfest"]
    assert set(ids(searcher.search("lucja weissmann"))) == {"budget", "hafenfest"}
    assert ids(searcher.search("aydogan")) == ["ferry-ledger"]


@pytest.mark.parametrize(
    "query", ["", "   ", '"unclosed', "(ferry", "ferry)", "nosuchfield:x", "ferry AND", "-ferry"]
)
def test_malformed_queries_raise_query_error(searcher, query):
    with pytest.raises(QueryError) as info:
        searcher.search(query)
    assert "\n" not in str(info.value)


def test_bad_options_raise_query_error(searcher):
    for kwargs in (
        {"sort": "sideways"},
        {"limit": 0},
        {"page": 0},
        {"facets": ["colour"]},
        {"since": "2015-13"},
        {"until": "yesterday"},
        {"since": "2016", "until": "2015"},
    ):
        with pytest.raises(QueryError):
            searcher.search("ferry", **kwargs)


def test_forgiving_name_filters_report_what_matched(searcher):
    results = searcher.search("ferry", author="kettunen")
    assert ids(results) == ["ferry-ledger"]
    assert any("Miroslav Kettunen" in n and "Anna Kettunen" in n for n in results.notes)
    assert ids(searcher.search("railways", author="kettunen")) == ["budget"]
    assert ids(searcher.search("ferry", speaker="aydogan")) == ["ferry-ledger"]
    assert ids(searcher.search("fuel", speaker="Lucja Weissman")) == ["budget"]
    assert set(ids(searcher.search("ferry", outlet="global dispatch"))) == {
        "ferry-global",
        "undated",
    }
    assert set(ids(searcher.search("ferry", outlet="globaldispatch review"))) == {
        "ferry-global",
        "undated",
    }
    assert ids(searcher.search("ferry", source="harbor ledger")) == ["ferry-global"]
    assert ids(searcher.search("ferry", tag="weather")) == ["storm"]
    nobody = searcher.search("ferry", author="zzyzx")
    assert nobody.total == 0 and any("matches no author" in n for n in nobody.notes)


def test_lang_and_date_filters(searcher):
    assert ids(searcher.search("Brannholm", lang="de")) == ["hafenfest"]
    assert ids(searcher.search("ferry", since="2016")) == ["storm"]
    assert set(ids(searcher.search("ferry", until="2015-12"))) == {"ferry-ledger"}
    assert searcher.search("ferry", since="2015-12-04", until="2015-12-04").total == 1
    assert searcher.search("ferry", since="2015-12-05", until="2016-12-15").total == 0


def test_sorting_by_date(searcher):
    newest = ids(searcher.search("Brannholm", sort="newest", any=True))
    oldest = ids(searcher.search("Brannholm", sort="oldest", any=True))
    assert newest[0] == "storm"
    assert oldest[0] == "ferry-ledger"
    # Each syndicated story shows once, as its newest (or oldest) copy.
    dates = [searcher.get(i).published for i in newest]
    assert [d for d in dates if d] == sorted([d for d in dates if d], reverse=True)
    assert "ferry-global" in newest and "ferry-ledger" in oldest


def test_paging(searcher):
    everything = ids(searcher.search("ferry OR railways OR regatta OR vaccination", limit=10))
    first = ids(searcher.search("ferry OR railways OR regatta OR vaccination", limit=2, page=1))
    second = ids(searcher.search("ferry OR railways OR regatta OR vaccination", limit=2, page=2))
    assert first + second == everything[:4]
    assert searcher.search("ferry", page=50).hits == []


def test_syndicated_copies_are_one_hit_with_also_in(searcher):
    results = searcher.search('"night ferry" OR "island empties"')
    assert results.total == 2
    assert len(results.hits) == 1
    hit = results.hits[0]
    assert hit.cluster
    assert [a.outlet for a in hit.also_in] in (["Global Dispatch Review"], ["Harbor Ledger"])


def test_fuzzy_expands_unknown_words_only(searcher):
    assert searcher.search("vacination").total == 0
    fuzzy = searcher.search("vacination", fuzzy=True)
    assert ids(fuzzy)[0] == "vaccine"
    assert fuzzy.expanded == {"vacination": ["vaccination"]}
    # A transposition and a first-letter typo are one edit each.
    assert ids(searcher.search("regatat", fuzzy=True)) == ["regatta"]
    assert ids(searcher.search("vregatta", fuzzy=True)) == ["regatta"]
    # Known words are left alone: same hits, same scores.
    plain, again = searcher.search("harbour ferry"), searcher.search("harbour ferry", fuzzy=True)
    assert [(h.article.id, h.score) for h in plain.hits] == [
        (h.article.id, h.score) for h in again.hits
    ]
    assert again.expanded == {}


def test_exact_match_outranks_fuzzy_match(index_dir, tmp_path):
    from searcher.index import index_articles
    from searcher.search import open_searcher

    folder = tmp_path / "ix"
    index_articles(
        [
            Article(
                id="exact",
                title="Ferry timetable",
                body="The ferry timetable changes in winter for the harbour.",
            ),
            Article(
                id="near",
                title="Berry harvest",
                body="The berry harvest changes in winter for the farms.",
            ),
        ],
        folder,
        fresh=True,
    )
    with open_searcher(folder) as s:
        results = s.search("ferry OR ferri", fuzzy=True)
        assert ids(results)[0] == "exact"


def test_did_you_mean_when_nothing_found(searcher):
    results = searcher.search("regata eigth")
    assert results.total == 0
    assert results.did_you_mean == "regatta eight"
    assert searcher.search("ferry").did_you_mean is None


def test_did_you_mean_reads_no_posting_list_the_search_read(index_dir, monkeypatch):
    from searcher.search import open_searcher
    from searcher.search.postinglists import TermList

    reads: list[tuple[str, object]] = []
    original = TermList.read.__func__

    def counted(cls, s, fieldname, text):
        reads.append((fieldname, text))
        return original(cls, s, fieldname, text)

    monkeypatch.setattr(TermList, "read", classmethod(counted))
    with open_searcher(index_dir) as s:
        assert s.search("regata eight").did_you_mean == "regatta eight"
    assert reads and len(reads) == len(set(reads))


def test_facets_count_all_matches(searcher):
    results = searcher.search(
        "ferry OR Brannholm OR railways",
        limit=1,
        facets=("outlet", "author", "year", "month", "lang", "speaker", "tag", "source"),
    )
    assert results.total == 7
    counts = {
        name: {c.value: c.count for c in facet.counts} for name, facet in results.facets.items()
    }
    assert counts["outlet"] == {
        "Harbor Ledger": 2,
        "Global Dispatch Review": 2,
        "Northfield Courier": 2,
        "Elbwacht Anzeiger": 1,
    }
    assert counts["lang"] == {"en": 6, "de": 1}
    assert counts["year"] == {"2015": 2, "2016": 4}
    assert counts["month"]["2015-12"] == 2
    assert counts["speaker"]["Łucja Weißmann"] == 2
    assert counts["author"]["Miroslav Kettunen"] == 2
    assert counts["tag"]["transport"] == 3
    assert counts["source"] == {"Harbor Ledger": 1}


def test_snippets_and_matched_quotes(searcher):
    hit = searcher.search("bread fuel").hits[0]
    text = hit.snippet.text
    marked = [text[s:e].lower() for s, e in hit.snippet.highlights]
    assert "bread" in marked and "fuel" in marked
    assert "[bread]" in hit.snippet.marked().lower()
    assert [q.quote.speaker for q in hit.matched_quotes] == ["Łucja Weißmann"]
    quote = hit.matched_quotes[0]
    assert [quote.quote.text[s:e] for s, e in quote.highlights] == ["fuel", "bread"]


def test_snippet_highlights_stemmed_forms(searcher):
    hit = searcher.search("vaccinations").hits[0]
    marked = {hit.snippet.text[s:e].lower() for s, e in hit.snippet.highlights}
    assert "vaccination" in marked


def test_quotes_search(searcher):
    results = searcher.quotes("bread")
    assert [h.quote.speaker for h in results.hits] == ["Łucja Weißmann"]
    assert results.hits[0].article.outlet == "Northfield Courier"
    by_speaker = searcher.quotes(None, speaker="weissmann")
    assert {h.article.id for h in by_speaker.hits} == {"budget", "hafenfest"}
    assert by_speaker.hits[0].article.id == "hafenfest"  # newest first
    # The syndicated copy repeats the quote: shown once.
    boat = searcher.quotes("boat bridge")
    assert boat.total == 1
    assert searcher.quotes("ferry", speaker="brekke").hits == []
    assert searcher.quotes("brannholm", speaker="brekke").hits[0].quote.speaker == "Halvard Brekke"
    with pytest.raises(QueryError):
        searcher.quotes("")


def test_get_by_id_and_url(searcher):
    assert searcher.get("budget").title.startswith("Draft budget")
    assert searcher.get("https://northfieldcourier.example/budget-draft").id == "budget"
    with pytest.raises(ArticleNotFound):
        searcher.get("no-such-id")


def test_json_shape(searcher):
    data = json.loads(json.dumps(searcher.search("bread", facets=["outlet"]).to_dict()))
    assert set(data) == {
        "query",
        "total",
        "stories",
        "page",
        "limit",
        "sort",
        "hits",
        "facets",
        "did_you_mean",
        "expanded",
        "notes",
        "next",
    }
    hit = data["hits"][0]
    assert set(hit) == {
        "rank",
        "score",
        "article",
        "snippet",
        "matched_quotes",
        "cluster",
        "also_in",
    }
    assert Article.from_dict(hit["article"]).id == "budget"
    assert set(hit["snippet"]) == {"text", "highlights"}
    assert data["facets"]["outlet"] == [{"value": "Northfield Courier", "count": 1}]
    quotes = json.loads(json.dumps(searcher.quotes("bread").to_dict()))
    assert quotes["hits"][0]["speaker"] == "Łucja Weißmann"
    assert quotes["hits"][0]["article"]["outlet"] == "Northfield Courier"


def test_only_common_words_says_so(searcher):
    results = searcher.search("the of and")
    assert results.total == 0
    assert results.notes


def test_shared_between_threads(searcher):
    expected = {
        q: ids(searcher.search(q, facets=("outlet",)))
        for q in ("ferry", "railways", "regatta", "Brannholm")
    }
    errors: list[BaseException] = []

    def worker(q):
        try:
            for _ in range(20):
                assert ids(searcher.search(q, facets=("outlet",))) == expected[q]
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(q,)) for q in expected for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors


def test_follows_index_updates(tmp_path):
    from searcher.index import index_articles
    from searcher.search import open_searcher

    folder = tmp_path / "ix"
    index_articles(
        [Article(id="one", title="First lighthouse", body="A lighthouse on the cape.")],
        folder,
        fresh=True,
    )
    with open_searcher(folder) as s:
        assert s.search("lighthouse").total == 1
        index_articles(
            [Article(id="two", title="Second lighthouse", body="Another lighthouse.")], folder
        )
        assert s.search("lighthouse").total == 2


def test_follows_a_rebuild(tmp_path):
    from searcher.index import index_articles
    from searcher.search import open_searcher

    folder = tmp_path / "ix"
    index_articles(
        [Article(id="one", title="Old lighthouse", body="A lighthouse on the cape.")],
        folder,
        fresh=True,
    )
    with open_searcher(folder) as s:
        assert s.search("lighthouse").total == 1
        index_articles(
            [Article(id="new", title="New windmill", body="A windmill on the hill.")],
            folder,
            fresh=True,
        )
        assert s.search("windmill").total == 1
        assert s.search("lighthouse").total == 0


def test_feedback_reranks_long_any_queries_only(searcher):
    long_query = "island ferry crossing winter night"
    auto = searcher.search(long_query, any=True)
    assert any(n.startswith("ranked with words from the best first hits") for n in auto.notes)
    off = searcher.search(long_query, any=True, feedback=False)
    assert not any("best first hits" in n for n in off.notes)
    # Re-ranking never changes what matches.
    assert auto.total == off.total
    assert {h.article.id for h in auto.hits} == {h.article.id for h in off.hits}
    # All-words searches and short queries stay as typed unless asked.
    assert not any("best first hits" in n for n in searcher.search("ferry Brannholm").notes)
    assert not any("best first hits" in n for n in searcher.search("ferry winter", any=True).notes)
    forced = searcher.search("ferry", feedback=True)
    assert any("best first hits" in n for n in forced.notes)


def test_a_request_and_keyword_options_search_alike(searcher):
    from searcher.search import QuotesRequest, SearchRequest

    request = SearchRequest.of("ferry", outlet="harbor ledger", facets=["year"], limit=2)
    by_request = searcher.search(request)
    by_keywords = searcher.search("ferry", outlet="harbor ledger", facets=["year"], limit=2)
    assert by_request.to_dict() == by_keywords.to_dict() and by_request.total == 2
    quotes = searcher.quotes(QuotesRequest.of(speaker="Łucja Weißmann"))
    assert quotes.to_dict() == searcher.quotes(speaker="Łucja Weißmann").to_dict()
    with pytest.raises(TypeError, match="not both"):
        searcher.search(request, limit=3)


def test_options_are_checked_by_the_request_once(searcher, monkeypatch):
    from searcher.search import request as request_module

    checks = []
    check = request_module.Request.__post_init__
    monkeypatch.setattr(
        request_module.Request, "__post_init__", lambda self: checks.append(1) or check(self)
    )
    searcher.search("ferry", limit=3)
    assert checks == [1]
    with pytest.raises(QueryError, match="limit"):
        searcher.search("ferry", limit=0)
