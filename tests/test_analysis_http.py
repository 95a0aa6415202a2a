"""The analyses through the HTTP API of `searcher serve` (TestClient): timeline, terms, trail, export, cursors."""

from __future__ import annotations

import csv
import io
import warnings

import pytest

pytest.importorskip("starlette")
pytest.importorskip("jinja2")

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

import jsonschema  # noqa: E402
from analysis_corpus import OTHER_SPEAKER, QUOTE, SPEAKER, build_index  # noqa: E402

from searcher.search.collections import add_outlets  # noqa: E402
from searcher.serve import create_app  # noqa: E402
from searcher.serve.openapi import build_spec  # noqa: E402

SPEC = build_spec()


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    index = build_index(tmp_path_factory.mktemp("analysis-http") / "index")
    add_outlets(index, "valley", ["Orrin Valley Echo", "Marrow Weekly"])
    with TestClient(create_app(index)) as c:
        yield c


def documented(response, path: str) -> dict:
    """The JSON body, checked against the OpenAPI description of the path and status."""
    operation = SPEC["paths"][path]["get"]
    schema = dict(
        operation["responses"][str(response.status_code)]["content"]["application/json"]["schema"],
        components=SPEC["components"],
    )
    data = response.json()
    jsonschema.Draft202012Validator(schema).validate(data)
    return data


def test_timeline(client):
    data = documented(
        client.get("/api/timeline", params={"q": "lake", "by": "month"}), "/api/timeline"
    )
    assert [p["matches"] for p in data["periods"]] == [2, 1, 2, 0, 0, 1]
    split = documented(
        client.get("/api/timeline", params={"q": "lake", "split": "speaker", "top": "2"}),
        "/api/timeline",
    )
    assert [s["value"] for s in split["series"]] == [SPEAKER, "Arvid Sollmann"] or [
        s["value"] for s in split["series"]
    ] == [SPEAKER, OTHER_SPEAKER]
    valley = documented(
        client.get("/api/timeline", params={"q": "lake", "collection": "valley"}), "/api/timeline"
    )
    assert valley["total_matches"] == 3


@pytest.mark.parametrize(
    "params, word",
    [
        ({"q": "lake", "by": "fortnight"}, "by"),
        ({"q": "lake", "split": "tag"}, "split"),
        ({"q": "lake", "top": "0"}, "top"),
        ({"q": "lake", "collection": "nope"}, "collection"),
        ({"q": "lake", "bogus": "1"}, "bogus"),
    ],
)
def test_timeline_bad_parameters(client, params, word):
    r = client.get("/api/timeline", params=params)
    assert r.status_code == 400 and word in documented(r, "/api/timeline")["error"]


@pytest.mark.parametrize(
    "path, params",
    [
        ("/api/timeline", {"q": "lake", "split": "outlet", "top": "\uff13"}),  # fullwidth 3
        ("/api/terms", {"q": "lake", "size": "\u0663"}),  # Arabic-Indic 3
        ("/api/trail", {"q": QUOTE, "min_similarity": "9_0"}),
    ],
)
def test_numbers_are_ascii_digits_as_the_openapi_description_says(client, path, params):
    r = client.get(path, params=params)
    assert r.status_code == 400 and "number, not" in documented(r, path)["error"]


def test_min_similarity_is_a_number_over_http_as_on_the_command_line(client):
    """It was an integer over HTTP and a decimal on the command line: one spec now says number."""
    r = client.get("/api/trail", params={"q": QUOTE, "min_similarity": "99.5"})
    assert r.status_code == 200 and documented(r, "/api/trail")["entries"]


def test_terms(client):
    data = documented(client.get("/api/terms", params={"q": "golf", "size": "5"}), "/api/terms")
    assert data["total"] == 6 and SPEAKER in [t["text"] for t in data["names"]]
    assert client.get("/api/terms").status_code == 400


def test_trail(client):
    data = documented(client.get("/api/trail", params={"q": QUOTE}), "/api/trail")
    assert data["articles"] == 4 and data["conflicting_speakers"] is True
    assert data["first"]["article"]["outlet"] == "Tarnby Post"
    assert client.get("/api/trail", params={"q": "golf"}).status_code == 400
    assert client.get("/api/trail").status_code == 400


def test_export_streams_every_article_as_csv(client):
    r = client.get("/api/export", params={"q": "council OR lake"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(r.text)))
    assert rows[0][0] == "id" and len(rows) == 21
    quotes = list(
        csv.reader(
            io.StringIO(client.get("/api/export", params={"q": "lake", "kind": "quotes"}).text)
        )
    )
    assert {row[1] for row in quotes[1:]} == {SPEAKER, OTHER_SPEAKER}


def test_export_as_json_lines_gives_the_records_and_the_notes_in_a_header(client):
    import json

    from searcher.article import Article

    r = client.get("/api/export", params={"q": "council OR lake", "format": "jsonl"})
    assert r.headers["content-type"] == "application/x-ndjson; charset=utf-8"
    ids = [Article.from_dict(json.loads(line)).id for line in r.text.splitlines()]
    rows = list(
        csv.reader(io.StringIO(client.get("/api/export", params={"q": "council OR lake"}).text))
    )
    assert (
        ids == [row[0] for row in rows[1:]] and json.loads(r.headers["x-searcher-note-parts"]) == []
    )
    r = client.get("/api/export", params={"q": "lake", "kind": "quotes", "format": "jsonl"})
    assert {json.loads(line)["speaker"] for line in r.text.splitlines()} == {SPEAKER, OTHER_SPEAKER}
    r = client.get("/api/export", params={"outlet": "orrin", "format": "jsonl"})  # no q: a filter
    outlets = {json.loads(line)["outlet"] for line in r.text.splitlines()}
    assert r.status_code == 200 and outlets == {"Orrin Valley Echo"}
    assert json.loads(r.headers["x-searcher-note-parts"]) == [
        [{"param": "outlet"}, " 'orrin' matched: Orrin Valley Echo"]
    ]


def test_export_errors_are_json_before_the_stream(client):
    for params in (
        {},
        {"q": "lake", "format": "xlsx"},
        {"q": "lake", "collection": "nope"},
        {"kind": "quotes"},
    ):
        r = client.get("/api/export", params=params)
        assert r.status_code == 400 and r.json()["error"], params


def test_search_next_and_after(client):
    first = documented(
        client.get("/api/search", params={"q": "council OR lake", "limit": "4"}), "/api/search"
    )
    assert first["next"]
    second = documented(
        client.get(
            "/api/search", params={"q": "council OR lake", "limit": "4", "after": first["next"]}
        ),
        "/api/search",
    )
    page2 = client.get(
        "/api/search", params={"q": "council OR lake", "limit": "4", "page": "2"}
    ).json()
    assert [h["article"]["id"] for h in second["hits"]] == [
        h["article"]["id"] for h in page2["hits"]
    ]
    assert second["hits"][0]["rank"] == 5
    bad = client.get("/api/search", params={"q": "lake", "after": first["next"]})
    assert bad.status_code == 400 and "another search" in bad.json()["error"]


def test_collection_filters_search_and_quotes(client):
    hits = client.get(
        "/api/search", params={"q": "lake", "collection": "valley", "limit": "50"}
    ).json()["hits"]
    assert {h["article"]["outlet"] for h in hits} == {"Orrin Valley Echo", "Marrow Weekly"}
    quotes = client.get("/api/quotes", params={"q": "lake", "collection": "valley"}).json()["hits"]
    assert {h["article"]["outlet"] for h in quotes} == {"Orrin Valley Echo"}


def test_chart_bars_link_within_the_search_dates(client):
    page = client.get("/", params={"q": "lake", "since": "2024-01-16", "until": "2024-03-20"}).text
    assert (
        'data-period="2024-01" data-matches="1"' in page
    )  # the 15th is outside the search's dates
    # the cut months keep the cut; a whole month keeps its short form
    assert 'href="/?q=lake&amp;since=2024-01-16&amp;until=2024-01-31"' in page
    assert 'href="/?q=lake&amp;since=2024-02&amp;until=2024-02"' in page
    assert 'href="/?q=lake&amp;since=2024-03-01&amp;until=2024-03-20"' in page
    followed = client.get(
        "/api/timeline", params={"q": "lake", "since": "2024-01-16", "until": "2024-01-31"}
    )
    assert followed.json()["total_matches"] == 1  # what the bar counted, not the whole month


def test_page_shows_chart_terms_and_trail_links(client):
    page = client.get("/", params={"q": "lake"}).text
    assert page.count('<rect class="bar"') == 6
    assert 'data-period="2024-01" data-matches="2" data-total="4"' in page
    assert 'data-facet="terms"' in page
    assert 'class="trail-link" href="/trail?q=' in page
    trail = client.get("/trail", params={"q": QUOTE}).text
    assert "Different articles credit this quotation to different speakers." in trail
    assert trail.count('class="trail-entry"') == 4
    assert client.get("/trail", params={"q": "two words"}).status_code == 400
