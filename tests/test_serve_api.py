"""The JSON API of `searcher serve`, through Starlette's TestClient, over an index of serve_corpus."""

from __future__ import annotations

import warnings

import pytest

pytest.importorskip("starlette")
pytest.importorskip("jinja2")

with warnings.catch_warnings():
    # Starlette 1.x prefers the httpx2 package for its TestClient but still works with httpx.
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

import jsonschema  # noqa: E402
from click.testing import CliRunner  # noqa: E402
from serve_corpus import XSS_TITLE, build_index  # noqa: E402

from searcher.article import make_id  # noqa: E402
from searcher.serve import create_app  # noqa: E402
from searcher.serve.openapi import build_spec  # noqa: E402
from searcher.serve.params import MAX_LIMIT, MAX_QUERY_LENGTH  # noqa: E402

FERRY_ID = make_id("https://www.millbrook-courier.example/news/tollmere-ferry-route")
GAZETTE_ID = make_id("https://fenwick-gazette.example/wire/tollmere-ferry")


@pytest.fixture(scope="module")
def index_path(tmp_path_factory):
    return build_index(tmp_path_factory.mktemp("serve") / "index")


@pytest.fixture(scope="module")
def client(index_path):
    with TestClient(create_app(index_path)) as c:
        yield c


SPEC = build_spec()


def check_schema(response, path: str) -> None:
    """The response body matches what the OpenAPI description promises for this path and status."""
    operation = SPEC["paths"][path]["get"]
    documented = operation["responses"][str(response.status_code)]
    schema = dict(
        documented["content"]["application/json"]["schema"], components=SPEC["components"]
    )
    jsonschema.Draft202012Validator(schema).validate(response.json())
    assert response.headers["content-type"].startswith("application/json")


# -- search -------------------------------------------------------------------------


def test_search_ranks_groups_copies_and_counts_facets(client):
    r = client.get("/api/search", params={"q": "ferry", "facet": ["outlet", "year"]})
    assert r.status_code == 200
    check_schema(r, "/api/search")
    data = r.json()
    assert data["total"] == 2
    # The syndicated copy is folded into one hit, named under "also_in".
    assert len(data["hits"]) == 1
    hit = data["hits"][0]
    assert {hit["article"]["id"], *(c["id"] for c in hit["also_in"])} == {FERRY_ID, GAZETTE_ID}
    snippet = hit["snippet"]
    assert any(snippet["text"][s:e].lower() == "ferry" for s, e in snippet["highlights"])
    assert {c["value"] for c in data["facets"]["outlet"]} == {
        "Millbrook Courier",
        "Fenwick Valley Gazette",
    }
    assert data["facets"]["year"] == [{"value": "2024", "count": 2}]


def test_source_facet_like_the_command_line(client):
    r = client.get("/api/search", params={"q": "ferry", "facet": "source"})
    assert r.status_code == 200, r.text
    check_schema(r, "/api/search")
    assert {"value": "Millbrook Courier", "count": 1} in r.json()["facets"]["source"]


def test_year_facet_leaves_out_undated_articles(client):
    r = client.get(
        "/api/search", params={"q": "walkers OR drought", "facet": "year", "sort": "newest"}
    )
    assert r.status_code == 200
    data = r.json()
    assert data["total"] == 2 and data["facets"]["year"] == [{"value": "2023", "count": 1}]
    assert data["hits"][-1]["article"]["published"] is None  # undated last


def test_search_facets_accept_commas(client):
    r = client.get("/api/search?q=ferry&facet=speaker,author")
    assert r.status_code == 200
    assert set(r.json()["facets"]) == {"speaker", "author"}


def test_search_filters_by_outlet_author_and_dates(client):
    r = client.get("/api/search", params={"q": "council", "outlet": "fenwick valley gazette"})
    assert [h["article"]["outlet"] for h in r.json()["hits"]] == ["Fenwick Valley Gazette"]
    r = client.get("/api/search", params={"q": "library OR ferry", "author": "ramaswamy"})
    assert [h["article"]["title"] for h in r.json()["hits"]] == [
        "Riverside library reopens after flood repairs"
    ]
    r = client.get("/api/search", params={"q": "water", "since": "2023", "until": "2023-12"})
    assert [h["article"]["published"] for h in r.json()["hits"]] == ["2023-07-02"]
    r = client.get("/api/search", params={"q": "Tollmere", "lang": "de"})
    assert [h["article"]["outlet"] for h in r.json()["hits"]] == ["Elbtaler Anzeiger"]


def test_search_sorts_and_pages(client):
    newest = client.get(
        "/api/search", params={"q": "water OR music OR ferry", "sort": "newest"}
    ).json()
    dates = [h["article"]["published"] for h in newest["hits"]]
    assert dates == sorted(dates, reverse=True) and len(dates) >= 3
    first = client.get(
        "/api/search", params={"q": "water OR music OR ferry", "sort": "oldest", "limit": 1}
    )
    second = client.get(
        "/api/search",
        params={"q": "water OR music OR ferry", "sort": "oldest", "limit": 1, "page": 2},
    )
    assert (
        first.json()["hits"][0]["article"]["published"]
        < second.json()["hits"][0]["article"]["published"]
    )
    assert second.json()["page"] == 2 and second.json()["limit"] == 1


def test_search_fuzzy_and_did_you_mean(client):
    plain = client.get("/api/search", params={"q": "harbuor"}).json()
    assert plain["total"] == 0
    assert plain["did_you_mean"] == "harbour"
    fuzzy = client.get("/api/search", params={"q": "harbuor", "fuzzy": "true"}).json()
    assert fuzzy["total"] >= 1
    assert "harbour" in fuzzy["expanded"]["harbuor"]


@pytest.mark.parametrize(
    "params, fragment",
    [
        ({}, "q parameter"),
        ({"q": "   "}, "q parameter"),
        ({"q": "ferry AND"}, "AND"),
        ({"q": '"unclosed'}, "quotation"),
        ({"q": "x" * (MAX_QUERY_LENGTH + 1)}, "longer than"),
        ({"q": "ferry", "limit": str(MAX_LIMIT + 1)}, "limit"),
        ({"q": "ferry", "limit": "0"}, "limit"),
        ({"q": "ferry", "limit": "ten"}, "whole number"),
        ({"q": "ferry", "page": "0"}, "page"),
        ({"q": "ferry", "sort": "random"}, "sort"),
        ({"q": "ferry", "facet": "colour"}, "facet"),
        ({"q": "(" * 200 + "ferry" + ")" * 200}, "nests too deeply"),
        ({"q": "ferry", "fuzzy": "maybe"}, "fuzzy"),
        ({"q": "ferry", "since": "last week"}, "since"),
        ({"q": "ferry", "since": "2024-02-30"}, "2024-02-30"),
        ({"q": "ferry", "since": "2024", "until": "2023"}, "after"),
        ({"q": "ferry", "path": "/etc/passwd"}, "unknown parameter"),
        ({"q": ["ferry", "route"]}, "more than once"),
    ],
)
def test_search_rejects_bad_input_with_a_message(client, params, fragment):
    r = client.get("/api/search", params=params)
    assert r.status_code == 400
    check_schema(r, "/api/search")
    assert fragment in r.json()["error"]


# -- quotes, articles, stats, health ------------------------------------------------------


def test_quotes_by_words_and_speaker(client):
    r = client.get("/api/quotes", params={"q": "water"})
    assert r.status_code == 200
    check_schema(r, "/api/quotes")
    hits = r.json()["hits"]
    assert hits and all("water" in h["text"].lower() for h in hits)
    speakers = {h["speaker"] for h in hits}
    assert "Tomasz Wróbel" in speakers
    r = client.get("/api/quotes", params={"speaker": "wrobel"})
    check_schema(r, "/api/quotes")
    assert {h["speaker"] for h in r.json()["hits"]} == {"Tomasz Wróbel"}
    # A syndicated copy repeats the quote; it is listed once.
    assert r.json()["total"] == 1


def test_quotes_needs_words_or_speaker(client):
    r = client.get("/api/quotes")
    assert r.status_code == 400 and "speaker" in r.json()["error"]
    assert client.get("/api/quotes", params={"q": "water", "sort": "newest"}).status_code == 400


def test_article_by_id_and_unknown_ids(client):
    r = client.get(f"/api/articles/{FERRY_ID}")
    assert r.status_code == 200
    check_schema(r, "/api/articles/{id}")
    article = r.json()
    assert article["title"] == "Tollmere council approves second ferry route"
    assert article["quotes"][0]["speaker"] == "Tomasz Wróbel"
    for missing in ("0000000000000000", "..%2F..%2Fetc%2Fpasswd", "x" * 65):
        r = client.get(f"/api/articles/{missing}")
        assert r.status_code == 404, missing
        check_schema(r, "/api/articles/{id}")
        assert (
            "/tmp" not in r.json()["error"] and "index" not in r.json()["error"]
        )  # no server paths
    assert client.get("/api/articles/0000000000000000").json() == {
        "error": "no article with id '0000000000000000'"
    }


def test_health_and_stats(client):
    r = client.get("/api/health")
    assert r.status_code == 200
    check_schema(r, "/api/health")
    assert r.json() == {"status": "ok", "articles": 8}
    r = client.get("/api/stats")
    assert r.status_code == 200
    check_schema(r, "/api/stats")
    stats = r.json()
    assert stats["articles"] == 8 and stats["per_outlet"]["Millbrook Courier"] == 2
    assert stats["first_date"] == "2021-05-09" and stats["last_date"] == "2024-03-14"
    assert "index" not in stats  # the server's folder is not disclosed


def test_missing_index_is_503(tmp_path):
    with TestClient(create_app(tmp_path / "nothing-here")) as c:
        for path in (
            "/api/search?q=ferry",
            "/api/quotes?q=ferry",
            "/api/stats",
            f"/api/articles/{FERRY_ID}",
        ):
            r = c.get(path)
            assert r.status_code == 503, path
            assert "searcher index" in r.json()["error"]
        r = c.get("/api/health")
        assert r.status_code == 503
        check_schema(r, "/api/health")
        assert c.get("/?q=ferry").status_code == 503


def test_index_built_after_start_is_picked_up(tmp_path):
    path = tmp_path / "later"
    with TestClient(create_app(path)) as c:
        assert c.get("/api/health").status_code == 503
        build_index(path)
        assert c.get("/api/health").json()["status"] == "ok"


def test_rebuilt_index_is_followed(tmp_path):
    from searcher.article import Article
    from searcher.index import index_articles

    path = build_index(tmp_path / "ix")
    with TestClient(create_app(path)) as c:
        assert c.get("/api/search?q=ferry").json()["total"] == 2
        replacement = Article(
            id="abcdefabcdef0001",
            url="https://quarry-post.example/ferry-sold",
            title="Ferry sold to island trust",
            outlet="Quarry Post",
            published="2025-01-01",
            body="The old ferry was sold to the island trust.",
        )
        index_articles([replacement], path, fresh=True)
        hits = c.get("/api/search?q=ferry").json()["hits"]
        assert [h["article"]["title"] for h in hits] == ["Ferry sold to island trust"]


# -- HTTP behaviour -------------------------------------------------------------------


def test_read_only_and_unknown_paths_are_json_errors(client):
    r = client.post("/api/search?q=ferry")
    assert r.status_code == 405 and "error" in r.json()
    r = client.delete(f"/api/articles/{FERRY_ID}")
    assert r.status_code == 405
    r = client.get("/api/nothing")
    assert r.status_code == 404 and r.json() == {"error": "no such page: /api/nothing"}
    assert client.get("/static/../serve_corpus.py").status_code == 404


def test_security_headers_everywhere(client):
    for path in ("/api/search?q=ferry", "/", "/?q=ferry", "/api/nothing", "/static/style.css"):
        headers = client.get(path).headers
        csp = headers["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'none'" in csp
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"


def test_allowed_hosts_refuse_other_host_names(index_path):
    with TestClient(
        create_app(index_path, allowed_hosts=["127.0.0.1", "localhost"]),
        base_url="http://127.0.0.1",
    ) as c:
        assert c.get("/api/health").status_code == 200
        assert c.get("/api/health", headers={"host": "localhost:8000"}).status_code == 200
        refused = c.get("/api/health", headers={"host": "rebound.example"})
        assert refused.status_code == 400
        assert refused.json() == {
            "error": 'invalid Host header: "rebound.example" is not served here'
        }
        assert refused.headers["x-frame-options"] == "DENY"
        page = c.get("/", headers={"host": "rebound.example"})
        assert page.status_code == 400 and page.headers["content-type"].startswith("text/html")


def test_host_names_with_ports_and_ipv6():
    from searcher.serve.hosts import allowed, host_name

    assert host_name("[::1]:8000") == "::1" and host_name("LocalHost:80") == "localhost"
    assert allowed("::1", ["127.0.0.1", "::1"]) and allowed("a.example.org", ["*.example.org"])
    assert not allowed("example.org.evil", ["*.example.org", "example.org"])


def test_api_messages_name_parameters_as_the_api_knows_them(client):
    """No CLI flag in what the HTTP API says: errors and notes name the query-string parameters."""
    r = client.get("/api/search", params={"q": "ferry", "since": "2024", "until": "2023"})
    assert r.json() == {"error": "since (2024) is after until (2023)"}
    r = client.get("/api/search", params={"q": "ferry", "since": "last week"})
    assert r.json()["error"].startswith("since: expected YYYY")
    r = client.get("/api/search", params={"q": "ferry", "author": "Zebedee Quarrington"})
    assert r.status_code == 200
    assert r.json()["notes"][0].startswith("author 'Zebedee Quarrington' matches no author")
    page = client.get("/", params={"q": "ferry", "since": "2024", "until": "2023"})
    assert "since (2024) is after until (2023)" in page.text
    for params in (
        {"q": "ferry", "limit": "0"},
        {"q": "ferry", "page": "x"},
        {"speaker": "", "q": ""},
    ):
        for path in ("/api/search", "/api/quotes"):
            assert "--" not in client.get(path, params=params).json().get("error", "")


def test_cli_messages_name_flags(index_path):
    from searcher.cli import main

    result = CliRunner().invoke(
        main, ["search", "ferry", "--since", "2024", "--until", "2023", "--index", str(index_path)]
    )
    assert result.exit_code == 2
    assert "--since (2024) is after --until (2023)" in result.stderr


def test_openapi_is_served_and_covers_every_api_route(client):
    r = client.get("/api/openapi.json")
    assert r.status_code == 200
    spec = r.json()
    assert spec["openapi"].startswith("3.")
    api_routes = {
        route.path for route in client.app.routes if getattr(route, "path", "").startswith("/api/")
    }
    assert set(spec["paths"]) == api_routes - {"/api/openapi.json"}
    from searcher.search import options
    from searcher.search.request import QuotesRequest, SearchRequest
    from searcher.serve.params import MAX_PAGE, parameter_names

    # every endpoint's parameters are its request's options, with the web's limits
    for path, asked in (
        ("/api/search", SearchRequest),
        ("/api/quotes", QuotesRequest),
        ("/api/timeline", options.TimelineRequest),
        ("/api/terms", options.TermsRequest),
        ("/api/trail", options.TrailRequest),
        ("/api/export", options.ExportRequest),
    ):
        described = {p["name"]: p for p in spec["paths"][path]["get"]["parameters"]}
        assert list(described) == list(parameter_names(asked)), path
    limit = {p["name"]: p for p in spec["paths"]["/api/search"]["get"]["parameters"]}["limit"]
    assert limit["schema"]["maximum"] == MAX_LIMIT
    page = {p["name"]: p for p in spec["paths"]["/api/quotes"]["get"]["parameters"]}["page"]
    assert page["schema"]["maximum"] == MAX_PAGE


# -- pages (HTML) through the same client -------------------------------------------------


def test_pages_escape_article_markup(client):
    r = client.get("/", params={"q": "quarry"})
    assert r.status_code == 200
    html = r.text
    assert "<script>window" not in html and "<img src=x" not in html and "<svg onload" not in html
    assert "&lt;script&gt;window.__pwned" in html
    article = client.get("/api/search?q=quarry").json()["hits"][0]["article"]
    page = client.get(f"/articles/{article['id']}").text
    assert "<script>" not in page and 'onerror="' not in page and "<b onmouseover" not in page
    assert "&lt;img src=x onerror=" in page
    assert XSS_TITLE not in page


def test_pages_do_not_link_unsafe_urls(tmp_path):
    from searcher.article import Article
    from searcher.index import index_articles

    hostile = Article(
        id="feedfacefeedface",
        url="javascript:window.__pwned=1",
        title="Ferry timetable leak",
        outlet="Quarry Post",
        published="2024-02-02",
        body="The ferry timetable leaked early.",
    )
    index_articles([hostile], tmp_path / "ix", fresh=True)
    with TestClient(create_app(tmp_path / "ix")) as c:
        page = c.get("/articles/feedfacefeedface").text
    assert 'href="javascript:' not in page
    assert "javascript:window.__pwned=1" in page  # shown as text, not as a link


def test_search_page_shows_results_facets_and_suggestion(client):
    html = client.get("/", params={"q": "ferry"}).text
    assert "<mark>ferry</mark>" in html.lower()
    assert "Also in:" in html and "Fenwick Valley Gazette" in html
    assert (
        'data-facet="outlet"' in html
        and 'data-facet="speaker"' in html
        and 'data-facet="year"' in html
    )
    assert "since=2024&amp;until=2024" in html
    html = client.get("/", params={"q": "harbuor"}).text
    assert "Did you mean" in html and "q=harbour" in html


def test_search_page_pages_through_results(client):
    first = client.get(
        "/", params={"q": "council OR library OR orchestra OR water", "limit": "2"}
    ).text
    assert first.count('class="hit"') == 2 and "page 1<" in first
    next_link = first.split('rel="next" href="')[1].split('"')[0].replace("&amp;", "&")
    assert "page=2" in next_link
    second = client.get(next_link).text
    assert second.count('class="hit"') >= 1 and "page 2<" in second and 'rel="prev"' in second
    assert '<ol class="hits" start="3">' in second
    # Six articles, but the two ferry copies share a hit: the third page holds the fifth and last.
    assert "6 articles" in first and 'rel="next"' in second
    third = client.get(next_link.replace("page=2", "page=3")).text
    assert third.count('class="hit"') == 1 and 'rel="next"' not in third


def test_head_requests_are_answered(client):
    r = client.head("/api/search?q=ferry")
    assert r.status_code == 200 and r.content == b""


def test_search_page_reports_bad_query_in_page(client):
    r = client.get("/", params={"q": "ferry AND"})
    assert r.status_code == 400
    assert "needs something after it" in r.text and 'value="ferry AND"' in r.text


def test_empty_pages_show_the_forms(client):
    home = client.get("/")
    assert (
        home.status_code == 200
        and 'name="q"' in home.text
        and "8 articles from 6 outlets, 2021-05-09 to 2024-03-14" in home.text
    )
    quotes = client.get("/quotes")
    assert quotes.status_code == 200 and 'name="speaker"' in quotes.text


def test_quotes_and_article_pages(client):
    html = client.get("/quotes", params={"speaker": "Marchetti"}).text
    assert "Music that nobody can afford to hear is not music" in html
    html = client.get(f"/articles/{FERRY_ID}").text
    assert '<span class="quote" title="Tomasz Wróbel">Nobody should need a car' in html
    assert client.get("/articles/0000000000000000").status_code == 404


def test_article_page_names_the_other_copies(client):
    def page(article_id):
        return " ".join(client.get(f"/articles/{article_id}").text.split())

    assert f'Also in: <a href="/articles/{GAZETTE_ID}">Fenwick Valley Gazette</a>' in page(FERRY_ID)
    assert f'Also in: <a href="/articles/{FERRY_ID}">Millbrook Courier</a>' in page(GAZETTE_ID)
    library = client.get("/api/search?q=library").json()["hits"][0]["article"]["id"]
    assert "Also in" not in client.get(f"/articles/{library}").text


# -- the CLI command ----------------------------------------------------------------


def test_serve_help_and_defaults():
    from searcher.cli import main

    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    assert "127.0.0.1" in result.output and "8000" in result.output


def test_serve_without_the_extra_says_how_to_install(monkeypatch):
    import sys

    from searcher.cli import main

    monkeypatch.setitem(sys.modules, "uvicorn", None)  # import uvicorn now raises ImportError
    result = CliRunner().invoke(main, ["serve"])
    assert result.exit_code == 2
    assert (
        "pip install starlette uvicorn jinja2 (or pip install -e '.[serve]' in a source checkout)"
        in result.output
    )
    assert "Traceback" not in result.output


@pytest.mark.loopback
def test_serve_on_a_busy_port_is_a_one_line_error(index_path):
    import socket

    from searcher.cli import main

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        result = CliRunner().invoke(
            main, ["serve", "--index", str(index_path), "--port", str(port)]
        )
    assert result.exit_code == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.output
