"""SearchRequest and the analyses' requests: checked once at construction, one set of limits and messages."""

from __future__ import annotations

import dataclasses

import pytest

from searcher import fields
from searcher.errors import QueryError
from searcher.search.options import ExportRequest, TermsRequest, TimelineRequest, TrailRequest
from searcher.search.request import (
    CLI,
    FILTER_SPECS,
    HTTP,
    PYTHON,
    QuotesRequest,
    SearchRequest,
    replace,
)


def test_keyword_options_become_a_typed_request():
    request = SearchRequest.of(
        "ferry", author=" Ana Lima ", since="2024", facets=["outlet", "year"], limit="5"
    )
    assert request.query == "ferry"
    assert request.filters == {"author": "Ana Lima"}
    assert (request.since, request.until) == ("2024", None)
    assert request.facets == ("outlet", "year") and request.limit == 5
    assert request.bounds.start is not None and request.bounds.end is None
    with pytest.raises(dataclasses.FrozenInstanceError):
        request.limit = 7  # type: ignore[misc]  # the point: it is frozen


def test_a_list_of_names_means_any_of_them():
    request = QuotesRequest.of(None, speaker=["Ana Lima", " ", "Bo Chen"], lang=["en", "de"])
    assert request.filters == {"speaker": ("Ana Lima", "Bo Chen"), "lang": ("en", "de")}


def test_filters_are_the_field_tables_options_plus_collection():
    assert [s.name for s in FILTER_SPECS] == [*fields.OPTIONS, "collection"]
    help_of = {s.name: s.help for s in FILTER_SPECS}
    assert all(help_of[name] == option.help for name, option in fields.OPTIONS.items())


def test_the_python_keywords_are_what_the_search_method_takes():
    request = SearchRequest.of("ferry", outlet="Harbour Post", sort="newest", facets=["lang"])
    assert request.keywords() == {
        "outlet": "Harbour Post",
        "since": None,
        "until": None,
        "any": False,
        "sort": "newest",
        "fuzzy": False,
        "feedback": None,
        "facets": ["lang"],
        "limit": 10,
        "page": 1,
        "after": None,
    }


@pytest.mark.parametrize(
    "options, message",
    [
        ({"limit": 0}, "limit must be between 1 and 1000, not 0"),
        ({"limit": "ten"}, "limit must be a whole number, not 'ten'"),
        ({"page": 0}, "page must be 1 or more, not 0"),
        ({"sort": "random"}, "sort must be one of relevance, newest, oldest, not 'random'"),
        ({"since": "last week"}, "since: expected YYYY, YYYY-MM or YYYY-MM-DD, got 'last week'"),
        ({"until": "2024-02-30"}, "until: '2024-02-30' is not a day of 2024-02"),
        ({"since": "2024", "until": "2023"}, "since (2024) is after until (2023)"),
        ({"lang": "english"}, "lang: 'english' is not a language code"),
        ({"facets": ["colour"]}, "unknown facet 'colour'; expected one of: "),
        ({"feedback": "maybe"}, "feedback must be true or false, not 'maybe'"),
    ],
)
def test_bad_options_are_one_line_errors(options, message):
    with pytest.raises(QueryError) as caught:
        SearchRequest.of("ferry", **options)
    assert str(caught.value).startswith(message)


def test_an_unknown_keyword_is_a_programming_error():
    with pytest.raises(TypeError):
        SearchRequest.of("ferry", colour="red")


def test_limits_are_the_callers():
    assert SearchRequest.of("ferry", limit=1000, limits=CLI).limit == 1000
    with pytest.raises(QueryError, match="limit must be between 1 and 100, not 101"):
        SearchRequest.from_query({"q": "ferry", "limit": "101"})
    with pytest.raises(QueryError, match="page must be between 1 and 1000, not 1001"):
        SearchRequest.from_query({"q": "ferry", "page": "1001"})
    assert HTTP.text_length == 500
    with pytest.raises(QueryError, match="author is longer than 500 characters"):
        SearchRequest.from_query({"q": "ferry", "author": "x" * 501})


def test_a_query_string_is_read_strictly():
    request = SearchRequest.from_query(
        {"q": " ferry ", "facet": ["outlet,year", "lang", "outlet"], "fuzzy": "on", "lang": "en"}
    )
    assert request.query == "ferry" and request.fuzzy
    assert request.facets == ("outlet", "year", "lang")
    with pytest.raises(QueryError, match="unknown parameter 'path'; expected one of: q, "):
        SearchRequest.from_query({"q": "ferry", "path": "/etc/passwd"})
    assert SearchRequest.from_query({"q": "ferry", "path": "x"}, strict=False).query == "ferry"
    with pytest.raises(QueryError, match="q is given more than once"):
        SearchRequest.from_query({"q": ["ferry", "route"]})
    with pytest.raises(QueryError, match="contains a NUL character"):
        SearchRequest.from_query({"q": "ferry", "tag": "a\x00b"})
    # dates and languages are taken as given: their OpenAPI pattern allows no padding
    with pytest.raises(QueryError, match="since: expected"):
        SearchRequest.from_query({"q": "ferry", "since": " 2024"})


def test_a_changed_request_is_checked_again():
    request = SearchRequest.of("ferry")
    assert replace(request, page=3).page == 3
    with pytest.raises(QueryError, match="page must be 1 or more"):
        replace(request, page=0)


def test_the_analyses_share_the_filters_and_check_their_own_options():
    timeline = TimelineRequest.of("lake", outlet="Valley Times", by="week", top="3")
    assert timeline.keywords() == {
        "outlet": "Valley Times",
        "since": None,
        "until": None,
        "any": False,
        "fuzzy": False,
        "by": "week",
        "split": None,
        "top": 3,
    }
    with pytest.raises(
        QueryError, match="by must be one of day, week, month, year, not 'fortnight'"
    ):
        TimelineRequest.of("lake", by="fortnight")
    with pytest.raises(QueryError, match="top must be between 1 and 50, not 0"):
        TimelineRequest.from_query({"q": "lake", "top": "0"})
    assert TrailRequest.from_query({"q": "a b c", "min_similarity": "87.5"}).min_similarity == 87.5
    with pytest.raises(QueryError, match="unknown parameter 'fuzzy'"):
        TrailRequest.from_query({"q": "a b c", "fuzzy": "true"})
    assert ExportRequest.from_query({"q": "lake", "kind": "quotes"}).kind == "quotes"
    with pytest.raises(QueryError, match="min_similarity must be between 50 and 100, not 20"):
        TrailRequest.of("a b c", min_similarity=20)


def test_an_export_is_the_search_whose_every_match_is_a_row():
    articles = ExportRequest.from_query({"q": "lake", "sort": "newest", "outlet": "Valley Times"})
    assert articles.selection() == SearchRequest.of("lake", sort="newest", outlet="Valley Times")
    quotes = ExportRequest.from_query({"kind": "quotes", "speaker": "Ana Lima", "fuzzy": "1"})
    assert quotes.selection() == QuotesRequest.of(None, speaker="Ana Lima", fuzzy=True)


def test_a_name_filter_given_more_than_once_over_http_means_any_of_them():
    request = SearchRequest.from_query(
        {"q": "ferry", "outlet": ["Harbor Ledger", "Elbwacht"], "lang": ["de", "", "en"]}
    )
    assert request.filters == {"outlet": ("Harbor Ledger", "Elbwacht"), "lang": ("de", "en")}
    assert SearchRequest.from_query({"q": "ferry", "tag": ["", "sea"]}).filters == {"tag": "sea"}


@pytest.mark.parametrize(
    "request_",
    [
        SearchRequest.of("ferry"),
        SearchRequest.of(
            "ferry OR port",
            any=True,
            outlet=("Harbor Ledger", "Elbwacht"),
            lang="de",
            since="2015-12",
            until="2016",
            sort="newest",
            fuzzy=True,
            feedback=False,
            facets=["outlet", "year"],
            limit=20,
            page=3,
        ),
        SearchRequest.of("ferry", after="abc", collection="valley", speaker="Ana Lima"),
        QuotesRequest.of(None, speaker="Ana Lima", fuzzy=True, limit=5),
        TimelineRequest.of("lake", by="week", split="outlet", top=3),
        TermsRequest.of(None, tag="sea", size=7),
        TrailRequest.of("a b c d", min_similarity=87.5),
        ExportRequest.of("lake", kind="quotes", format="jsonl"),
    ],
    ids=lambda r: type(r).__name__,
)
def test_a_request_is_read_back_from_its_query_string(request_):
    pairs = request_.to_query()
    query: dict[str, list[str]] = {}
    for name, value in pairs:
        query.setdefault(name, []).append(value)
    assert type(request_).from_query(query, PYTHON) == request_
    assert len(pairs) == len(set(pairs))  # defaults left out, nothing twice
